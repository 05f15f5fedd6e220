import { tool } from "langchain";
import { z } from "zod";

/** Expression that makes the `calculator` tool throw, for tool-error tests. */
export const CALCULATOR_BOOM = "boom";

/** Message of the error `calculator` throws for {@link CALCULATOR_BOOM}. */
export const CALCULATOR_BOOM_MESSAGE = "Calculator exploded on purpose (input was \"boom\")";

const WEATHER: Record<string, { condition: string; celsius: number }> = {
  paris: { condition: "sunny", celsius: 21 },
  london: { condition: "rainy", celsius: 14 },
  tokyo: { condition: "cloudy", celsius: 18 },
};

/**
 * Evaluates `+ - * /` arithmetic with parentheses (no `eval`); throws on anything else.
 *
 * @example
 * ```ts
 * evaluateArithmetic("(2 + 3) * 4"); // 20
 * ```
 */
export function evaluateArithmetic(expression: string): number {
  const tokens = expression.match(/\d+(?:\.\d+)?|[-+*/()]|\S/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++];
  const primary = (): number => {
    const token = take();
    if (token === "(") {
      const value = sum();
      if (take() !== ")") throw new Error(`Missing ")" in "${expression}"`);
      return value;
    }
    if (token === "-") return -primary();
    if (token !== undefined && /^\d/.test(token)) return Number(token);
    throw new Error(`Unexpected "${token ?? "end of input"}" in "${expression}"`);
  };
  const product = (): number => {
    let value = primary();
    while (peek() === "*" || peek() === "/") value = take() === "*" ? value * primary() : value / primary();
    return value;
  };
  const sum = (): number => {
    let value = product();
    while (peek() === "+" || peek() === "-") value = take() === "+" ? value + product() : value - product();
    return value;
  };
  const result = sum();
  if (position < tokens.length) throw new Error(`Unexpected "${tokens[position]}" in "${expression}"`);
  return result;
}

/**
 * `get_weather({ city })`: canned weather for a few cities, a default for the rest.
 *
 * @example
 * ```ts
 * await getWeatherTool.invoke({ city: "Paris" }); // "Paris: sunny, 21°C"
 * ```
 */
export const getWeatherTool = tool(
  async ({ city }: { city: string }) => {
    const weather = WEATHER[city.toLowerCase()] ?? { condition: "clear", celsius: 20 };
    return `${city}: ${weather.condition}, ${weather.celsius}°C`;
  },
  {
    name: "get_weather",
    description: "Get the current weather for a city.",
    schema: z.object({ city: z.string().describe("City name") }),
  },
);

/**
 * `calculator({ expression })`: arithmetic; throws {@link CALCULATOR_BOOM_MESSAGE} for `"boom"`.
 *
 * @example
 * ```ts
 * await calculatorTool.invoke({ expression: "6 * 7" }); // "42"
 * ```
 */
export const calculatorTool = tool(
  async ({ expression }: { expression: string }) => {
    if (expression.trim() === CALCULATOR_BOOM) throw new Error(CALCULATOR_BOOM_MESSAGE);
    return String(evaluateArithmetic(expression));
  },
  {
    name: "calculator",
    description: "Evaluate an arithmetic expression with + - * / and parentheses.",
    schema: z.object({ expression: z.string().describe("Arithmetic expression, e.g. (2 + 3) * 4") }),
  },
);
