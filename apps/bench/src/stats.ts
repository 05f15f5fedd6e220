/**
 * Summaries of repeated measurements: median and spread.
 */

/** Median and spread of a set of samples. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max - min) / median: how noisy the samples were. */
  readonly relativeSpread: number;
  readonly samples: readonly number[];
}

/**
 * Summarizes samples (at least one).
 *
 * @example
 * summarize([3, 1, 2]).median; // 2
 */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error("summarize() needs at least one sample.");
  const sorted = [...samples].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  return { median, min, max, relativeSpread: median === 0 ? 0 : (max - min) / median, samples: [...samples] };
}

/** `numerator / denominator`, or `null` when the denominator is 0. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Formats a number with `digits` decimals (at least one significant digit for small values). */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "n/a";
  if (value !== 0 && Math.abs(value) < 10 ** -digits) return value.toPrecision(1);
  return value.toFixed(digits);
}

/** `median (min-max)` of a summary. */
export function formatSummary(summary: Summary, digits = 1): string {
  return `${formatNumber(summary.median, digits)} (${formatNumber(summary.min, digits)}-${formatNumber(summary.max, digits)})`;
}
