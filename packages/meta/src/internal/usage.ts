/**
 * Meta's usage headers, read so that the client slows down before Meta throttles it.
 *
 * Every Graph answer may carry `X-App-Usage` (`{"call_count":…,"total_cputime":…,"total_time":…}`,
 * percentages of the app's hourly allowance) and `X-Business-Use-Case-Usage` (per business id, a
 * list of `{ type, call_count, total_cputime, total_time, estimated_time_to_regain_access }`, the
 * last in minutes). A reading is their highest percentage and their longest time to regain
 * access; the latest reading replaces the one before.
 *
 * The headers are provider input: a value longer than {@link maxHeaderLength} is ignored, JSON
 * deeper than 4 levels is not parsed, at most {@link maxEntries} entries are looked at, and a
 * number that is not finite and non-negative is skipped; a time to regain access is capped at
 * {@link maxRegain}.
 *
 * The decisions are pure ({@link reading}, {@link wait}); the client keeps the state and reads the
 * time from the `Clock`.
 */
import { Body } from "@wa-admin/core"
import { Duration, Either } from "effect"

/** The longest header value read. */
export const maxHeaderLength = 16 * 1024

/** The most usage entries looked at in one header (businesses × use cases). */
export const maxEntries = 64

/** The longest time to regain access believed (a larger one is read as this). */
export const maxRegain: Duration.Duration = Duration.hours(24)

/** From this percentage of an allowance on, every call pauses first. */
export const threshold = 90

/** How long a call pauses while usage is at or above {@link threshold}. */
export const highUsagePause: Duration.Duration = Duration.seconds(2)

/**
 * The longest a call waits before it is sent; when Meta asks for longer, the call fails at once
 * with `RateLimited` carrying the wait, and nothing is sent.
 */
export const maxWait: Duration.Duration = Duration.seconds(60)

/** One reading of the headers. */
export interface Reading {
  /** The highest percentage of any allowance, 0 when none was given. */
  readonly percent: number
  /** The longest estimated time to regain access, in milliseconds (0: none). */
  readonly regainMillis: number
}

const countedFields = ["call_count", "total_cputime", "total_time"] as const

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const amount = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined

const parse = (text: string | undefined): unknown => {
  if (text === undefined || text.length === 0 || text.length > maxHeaderLength) return undefined
  return Either.getOrUndefined(Body.parseJson(text, 4))
}

/** The usage entries of both headers, at most {@link maxEntries}. */
const entriesOf = (appUsage: unknown, businessUsage: unknown): ReadonlyArray<Readonly<Record<string, unknown>>> => {
  const entries: Array<Readonly<Record<string, unknown>>> = []
  if (isRecord(appUsage)) entries.push(appUsage)
  if (isRecord(businessUsage)) {
    for (const key in businessUsage) {
      const list = businessUsage[key]
      if (!Array.isArray(list)) continue
      for (const entry of list) {
        if (entries.length >= maxEntries) return entries
        if (isRecord(entry)) entries.push(entry)
      }
    }
  }
  return entries
}

/** The reading of an answer's headers (lower-case names), or `undefined` when it carries none. */
export const reading = (headers: Readonly<Record<string, string | undefined>>): Reading | undefined => {
  const appUsage = parse(headers["x-app-usage"])
  const businessUsage = parse(headers["x-business-use-case-usage"])
  if (appUsage === undefined && businessUsage === undefined) return undefined
  let percent = 0
  let regainMinutes = 0
  for (const entry of entriesOf(appUsage, businessUsage)) {
    for (const field of countedFields) percent = Math.max(percent, amount(entry[field]) ?? 0)
    regainMinutes = Math.max(regainMinutes, amount(entry["estimated_time_to_regain_access"]) ?? 0)
  }
  return { percent, regainMillis: Math.min(regainMinutes * 60_000, Duration.toMillis(maxRegain)) }
}

/** What the client knows: until when Meta asked to wait, and whether the last reading was high. */
export interface State {
  regainAt: number
  high: boolean
}

/** A state with nothing known. */
export const initial = (): State => ({ regainAt: 0, high: false })

/** Takes a reading made at `now` into the state (the latest reading wins). */
export const record = (state: State, read: Reading, now: number): void => {
  state.regainAt = read.regainMillis > 0 ? now + read.regainMillis : 0
  state.high = read.percent >= threshold
}

/** Whether a call may go without looking at the clock. */
export const idle = (state: State): boolean => state.regainAt === 0 && !state.high

/** How long a call waits at `now` before it is sent (0: go). */
export const wait = (state: State, now: number): number =>
  Math.max(state.regainAt - now, state.high ? Duration.toMillis(highUsagePause) : 0, 0)

/** How long Meta asked to wait, from `now` (`undefined`: it did not ask, or that time has passed). */
export const regainIn = (state: State, now: number): Duration.Duration | undefined =>
  state.regainAt > now ? Duration.millis(state.regainAt - now) : undefined
