/**
 * Small statistics over samples: the bench reports medians, which a machine shared with other
 * work disturbs far less than means.
 */

/** The median of some samples (the mean of the two middle ones for an even count). */
export const median = (samples: ReadonlyArray<number>): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((left, right) => left - right)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? Number.NaN
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2
}

/** The `fraction` quantile (nearest rank). */
export const quantile = (samples: ReadonlyArray<number>, fraction: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((left, right) => left - right)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))
  return sorted[index] ?? Number.NaN
}

/** Rounds to `digits` decimals. */
export const round = (value: number, digits: number): number => {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
