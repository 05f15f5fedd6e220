import { version } from "react";
import { version as domVersion } from "react-dom";
import { expect, inject, it } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The React major the browser project aliases `react` to (18 or 19). */
    reactMajor: number;
  }
}

it("runs against the React version its project names", () => {
  const expected = String(inject("reactMajor"));
  expect(version.split(".")[0]).toBe(expected);
  expect(domVersion.split(".")[0]).toBe(expected);
});
