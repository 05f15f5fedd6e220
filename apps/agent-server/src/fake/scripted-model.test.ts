import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateArithmetic } from "../graphs/tools.js";
import { ScriptedChatModel, buildScriptContext } from "./scripted-model.js";
import { resolveTokenDelay, TOKEN_DELAY_ENV, tokenize } from "./token-delay.js";

describe("ScriptedChatModel", () => {
  it("streams the scripted text as word tokens and assembles them into one message", async () => {
    const model = new ScriptedChatModel({ defaultTokenDelayMs: 0, script: () => ({ text: "one two three" }) });
    const chunks: string[] = [];
    for await (const chunk of await model.stream([new HumanMessage("hi")])) chunks.push(chunk.text);
    expect(chunks.filter(Boolean)).toEqual(["one ", "two ", "three"]);
    expect((await model.invoke([new HumanMessage("hi")])).text).toBe("one two three");
  });

  it("emits tool calls with parsed args, and keeps its script after bindTools", async () => {
    const model = new ScriptedChatModel({
      defaultTokenDelayMs: 0,
      script: ({ toolMessageCount }) =>
        toolMessageCount === 0
          ? { toolCalls: [{ name: "lookup", args: { query: 'a "quoted" term' } }] }
          : { text: "done" },
    });
    const bound = model.bindTools([{ name: "lookup", description: "d", schema: {} }]);
    const first = await bound.invoke([new HumanMessage("go")]);
    expect(first.tool_calls).toEqual([expect.objectContaining({ name: "lookup", args: { query: 'a "quoted" term' } })]);
    const callId = first.tool_calls?.[0]?.id ?? "";
    const result = new ToolMessage({ content: "x", tool_call_id: callId });
    const second = await bound.invoke([new HumanMessage("go"), first, result]);
    expect(second.text).toBe("done");
  });

  it("throws the scripted error after the given number of tokens", async () => {
    const model = new ScriptedChatModel({
      defaultTokenDelayMs: 0,
      script: () => ({ text: "a b c d", failAfterTokens: 2, failWith: "broken" }),
    });
    const seen: string[] = [];
    await expect(async () => {
      for await (const chunk of await model.stream([new HumanMessage("go")])) seen.push(chunk.text);
    }).rejects.toThrow("broken");
    expect(seen).toEqual(["a ", "b "]);
  });

  it("gives scripts the tool results that follow the last AI message", () => {
    const context = buildScriptContext([
      new HumanMessage("q"),
      new AIMessage({ content: "", tool_calls: [{ id: "1", name: "t", args: {} }] }),
      new ToolMessage({ content: "r1", tool_call_id: "1" }),
    ]);
    expect(context).toMatchObject({ toolMessageCount: 1, lastHumanText: "q" });
    expect(context.latestToolResults.map((message) => message.content)).toEqual(["r1"]);
  });
});

describe("token delay", () => {
  afterEach(() => {
    delete process.env[TOKEN_DELAY_ENV];
  });

  it("prefers the run config, then the environment, then the fallback", () => {
    expect(resolveTokenDelay(7)).toBe(7);
    process.env[TOKEN_DELAY_ENV] = "3";
    expect(resolveTokenDelay(7)).toBe(3);
    expect(resolveTokenDelay(7, false)).toBe(7);
    const fromConfig = AsyncLocalStorageProviderSingleton.runWithConfig(
      { configurable: { token_delay_ms: 0 } },
      () => resolveTokenDelay(7),
    );
    expect(fromConfig).toBe(0);
  });

  it("ignores values that are not non-negative numbers", () => {
    process.env[TOKEN_DELAY_ENV] = "fast";
    expect(resolveTokenDelay(7)).toBe(7);
  });

  it("tokenizes so that joining the tokens restores the text", () => {
    const text = "  Hello,   big world! ";
    expect(tokenize(text).join("")).toBe(text);
  });
});

describe("calculator arithmetic", () => {
  it("respects precedence and parentheses and rejects anything else", () => {
    expect(evaluateArithmetic("2 + 3 * 4")).toBe(14);
    expect(evaluateArithmetic("(2 + 3) * 4 / -2")).toBe(-10);
    expect(() => evaluateArithmetic("2 + process.exit()")).toThrow(/Unexpected/);
    expect(() => evaluateArithmetic("(1 + 2")).toThrow(/Missing/);
  });
});
