/**
 * Small statistics over samples. The bench reports means where a pause must count (a garbage
 * collection lands on some calls only, and a median drops exactly those), medians beside them,
 * and the spread of every figure measured more than once, so that a noisy run shows as one.
 */

const sorted = (samples: ReadonlyArray<number>): ReadonlyArray<number> =>
  [...samples].sort((left, right) => left - right)

/** The median of some samples (the mean of the two middle ones for an even count). */
export const median = (samples: ReadonlyArray<number>): number => {
  if (samples.length === 0) return Number.NaN
  const ordered = sorted(samples)
  const middle = Math.floor(ordered.length / 2)
  const upper = ordered[middle] ?? Number.NaN
  return ordered.length % 2 === 1 ? upper : ((ordered[middle - 1] ?? upper) + upper) / 2
}

/** The sum of some samples. */
export const sum = (samples: ReadonlyArray<number>): number => samples.reduce((total, sample) => total + sample, 0)

/** The `fraction` quantile (nearest rank). */
export const quantile = (samples: ReadonlyArray<number>, fraction: number): number => {
  if (samples.length === 0) return Number.NaN
  const ordered = sorted(samples)
  const index = Math.min(ordered.length - 1, Math.max(0, Math.ceil(fraction * ordered.length) - 1))
  return ordered[index] ?? Number.NaN
}

/** Where most samples of a figure fell: which quantiles, and their values. */
export interface Spread {
  /** `"p10–p90"` or `"min–max"`. */
  readonly kind: string
  readonly low: number
  readonly high: number
}

/**
 * The 10th to 90th percentile of many samples (one outlier each side does not move it), or the
 * smallest to largest of fewer than 10 (where those percentiles would be the extremes anyway).
 */
export const spread = (samples: ReadonlyArray<number>): Spread =>
  samples.length < 10
    ? { kind: "min–max", low: quantile(samples, 0), high: quantile(samples, 1) }
    : { kind: "p10–p90", low: quantile(samples, 0.1), high: quantile(samples, 0.9) }

/** The median of some samples and their spread. */
export const summarize = (samples: ReadonlyArray<number>): { readonly median: number; readonly spread: Spread } => ({
  median: median(samples),
  spread: spread(samples)
})

/** `low..high`, each rounded to `digits` decimals (ASCII, so that `name=value` lines stay easy to parse). */
export const formatSpread = (value: Spread, digits: number): string =>
  `${round(value.low, digits)}..${round(value.high, digits)}`

/** Each pair's ratio `numerators[i] / denominators[i]` (pairs measured side by side in one round). */
export const pairedRatios = (numerators: ReadonlyArray<number>, denominators: ReadonlyArray<number>): Array<number> =>
  numerators.flatMap((numerator, index) => {
    const denominator = denominators[index]
    return denominator === undefined ? [] : [numerator / denominator]
  })

/** Rounds to `digits` decimals. */
export const round = (value: number, digits: number): number => {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

/** Microseconds of CPU (user + system, every thread of this process) since `since`. */
export const cpuMicrosSince = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since)
  return used.user + used.system
}
