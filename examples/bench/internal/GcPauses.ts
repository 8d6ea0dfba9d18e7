/**
 * The garbage-collection pauses of this process, as V8 reports them (`PerformanceObserver` on
 * `gc` entries), so that a phase can tell how much of its time went to collecting garbage and
 * charge each pause to the measurement it landed in.
 */
import { constants, PerformanceObserver } from "node:perf_hooks"

/** One pause, on the `performance.now()` time line. */
export interface Pause {
  readonly startTime: number
  readonly duration: number
  /** A full mark-compact collection (the rare, long kind) rather than a young-generation one. */
  readonly major: boolean
}

/** The pauses that started within a span of time. */
export interface Share {
  readonly millis: number
  readonly count: number
  readonly major: number
}

const kindOf = (detail: unknown): number | undefined =>
  typeof detail === "object" && detail !== null && "kind" in detail && typeof detail.kind === "number"
    ? detail.kind
    : undefined

/** Starts recording pauses; `stop` waits for the entries V8 still has to deliver and answers them all. */
export const observe = (): { readonly stop: () => Promise<ReadonlyArray<Pause>> } => {
  const pauses: Array<Pause> = []
  const record = (entries: ReadonlyArray<PerformanceEntry>) => {
    for (const entry of entries) {
      pauses.push({
        startTime: entry.startTime,
        duration: entry.duration,
        major: kindOf("detail" in entry ? entry.detail : undefined) === constants.NODE_PERFORMANCE_GC_MAJOR
      })
    }
  }
  const observer = new PerformanceObserver((list) => record(list.getEntries()))
  observer.observe({ entryTypes: ["gc"] })
  return {
    stop: async () => {
      // Entries are delivered on a later turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 10))
      record(observer.takeRecords())
      observer.disconnect()
      return pauses
    }
  }
}

/** The pauses that started in `[from, to)`. */
export const within = (pauses: ReadonlyArray<Pause>, from: number, to: number): Share => {
  let millis = 0
  let count = 0
  let major = 0
  for (const pause of pauses) {
    if (pause.startTime < from || pause.startTime >= to) continue
    millis += pause.duration
    count++
    if (pause.major) major++
  }
  return { millis, count, major }
}
