import { describe, expect, it } from "vitest";
import { parseJsonLooking, parsePartialJson, toArgumentsObject } from "./json";

describe("parsePartialJson", () => {
  it.each([
    ['{"city": "San Fr', { city: "San Fr" }],
    ['{"a": 1, "b', { a: 1 }],
    ['{"a": 1,', { a: 1 }],
    ['{"a": {"b": tr', { a: {} }],
    ['{"list": [1, 2', { list: [1, 2] }],
    ['{"text": "quote \\"', { text: 'quote "' }],
    ["{", {}],
    ['{"done": true}', { done: true }],
  ])("recovers %s", (input, expected) => {
    expect(parsePartialJson(input)).toEqual(expected);
  });

  it("gives up on text that is not JSON", () => {
    expect(parsePartialJson("not json")).toBeUndefined();
  });
});

describe("toArgumentsObject / parseJsonLooking", () => {
  it("returns undefined for empty or non-object arguments", () => {
    expect(toArgumentsObject("")).toBeUndefined();
    expect(toArgumentsObject("[1]")).toBeUndefined();
    expect(toArgumentsObject({ a: 1 })).toEqual({ a: 1 });
  });

  it("parses only JSON-looking text", () => {
    expect(parseJsonLooking("42")).toBe("42");
    expect(parseJsonLooking(' {"a":1}')).toEqual({ a: 1 });
  });
});
