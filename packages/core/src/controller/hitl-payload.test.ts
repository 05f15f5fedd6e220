import { describe, expect, it } from "vitest";
import { normalizeInterruptResponse, normalizeInterruptValue } from "./hitl-payload";

describe("human-in-the-loop payload casing", () => {
  it("aliases a snake_case request to camelCase, sharing one array under both keys", () => {
    const input = {
      action_requests: [{ action_name: "send_email", args: { to: "a" }, description: "Send it?" }],
      review_configs: [{ action_name: "send_email", allowed_decisions: ["approve", "reject"] }],
    };
    const value = normalizeInterruptValue(input) as Record<string, Record<string, unknown>[]>;
    expect(value.actionRequests).toBe(value.action_requests);
    expect(value.actionRequests![0]).toEqual({
      name: "send_email",
      action_name: "send_email",
      args: { to: "a" },
      description: "Send it?",
    });
    expect(value.reviewConfigs![0]).toMatchObject({ allowedDecisions: ["approve", "reject"], allowed_decisions: ["approve", "reject"] });
    // The graph's payload object is not touched.
    expect(input.action_requests[0]).not.toHaveProperty("name");
  });

  it("adds snake_case aliases to a camelCase request; camelCase wins when both differ", () => {
    const value = normalizeInterruptValue({
      actionRequests: [{ name: "camel", action_name: "snake" }],
    }) as Record<string, Record<string, unknown>[]>;
    expect(value.action_requests![0]).toMatchObject({ name: "camel", action_name: "camel" });
  });

  it("leaves anything else untouched (same reference)", () => {
    const approval = { type: "approval", action: { name: "x" } };
    expect(normalizeInterruptValue(approval)).toBe(approval);
    expect(normalizeInterruptValue("text")).toBe("text");
    expect(normalizeInterruptValue(null)).toBeNull();
  });

  it("edit decisions are sent with editedAction and edited_action, from either casing", () => {
    const action = { name: "send_email", args: { to: "b" } };
    expect(normalizeInterruptResponse({ decisions: [{ type: "edit", editedAction: action }, { type: "approve" }] })).toEqual({
      decisions: [{ type: "edit", editedAction: action, edited_action: action }, { type: "approve" }],
    });
    expect(normalizeInterruptResponse({ decisions: [{ type: "edit", edited_action: action }] })).toEqual({
      decisions: [{ type: "edit", editedAction: action, edited_action: action }],
    });
    const plain = { decision: "approve" };
    expect(normalizeInterruptResponse(plain)).toBe(plain);
  });
});
