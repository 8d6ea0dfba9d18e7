/**
 * Rate limiting and the usage headers Meta sends with every answer: `X-App-Usage` (the app's
 * calls, CPU time and total time as percentages of its allowance) and
 * `X-Business-Use-Case-Usage` (the same per business object — here the WABA — with
 * `estimated_time_to_regain_access` in minutes). An app over its allowance is refused with
 * code 4, a WABA over its own with code 80007; `throttle` makes chosen calls meet any of the
 * rate-limit codes (4, 17, 32, 613, 80007, 130429).
 *
 * The emulator has no notion of CPU time: `total_cputime` and `total_time` report the same
 * percentage as `call_count`.
 *
 * @internal
 */
import type { GraphError, RateLimitCode } from "./graph.js"
import { rateLimited } from "./graph.js"

/** An allowance: `limit` calls per moving `windowMillis`. */
export interface Allowance {
  readonly limit: number
  readonly windowMillis: number
}

/** A rule making calls fail with a rate-limit code. */
export interface ForcedThrottle {
  readonly code: RateLimitCode
  /** Matches the request path (as received) exactly, as its last segments, or by RegExp. */
  readonly path: string | RegExp | undefined
  /** How many matching calls it hits; `undefined` for all. */
  remaining: number | undefined
  readonly regainAccessMinutes: number
}

const percent = (count: number, limit: number): number => Math.min(100, Math.floor((100 * count) / limit))

const recent = (calls: ReadonlyArray<number>, now: number, windowMillis: number): Array<number> =>
  calls.filter((at) => at > now - windowMillis)

const minutesUntilFree = (calls: ReadonlyArray<number>, now: number, windowMillis: number): number => {
  const oldest = calls[0]
  return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + windowMillis - now) / 60_000))
}

const pathMatches = (rule: string | RegExp | undefined, path: string): boolean => {
  if (rule === undefined) return true
  if (typeof rule === "string") {
    const suffix = rule.startsWith("/") ? rule : `/${rule}`
    return path === rule || path.endsWith(suffix)
  }
  rule.lastIndex = 0
  return rule.test(path)
}

/** The usage of the app and of each WABA. */
export class Usage {
  private appCalls: Array<number> = []
  private readonly wabaCalls = new Map<string, Array<number>>()
  private readonly forced: Array<ForcedThrottle> = []

  constructor(readonly app: Allowance, readonly businessUseCase: Allowance) {}

  /** Adds a forced throttle. */
  force(rule: ForcedThrottle): void {
    this.forced.push(rule)
  }

  /** Removes every forced throttle. */
  clearForced(): void {
    this.forced.length = 0
  }

  /**
   * Takes one call for the app (and the WABA, when the call acts on one) at `now`, or refuses it:
   * a forced throttle first, then the app's allowance (code 4), then the WABA's (code 80007). A
   * refused call is not counted.
   */
  take(now: number, wabaId: string | undefined, path: string): GraphError | undefined {
    const rule = this.forced.find((candidate) => pathMatches(candidate.path, path))
    if (rule !== undefined) {
      if (rule.remaining !== undefined) {
        rule.remaining -= 1
        if (rule.remaining <= 0) this.forced.splice(this.forced.indexOf(rule), 1)
      }
      return rateLimited(rule.code, this.headers(now, wabaId, rule.regainAccessMinutes))
    }
    this.appCalls = recent(this.appCalls, now, this.app.windowMillis)
    if (this.appCalls.length >= this.app.limit) return rateLimited(4, this.headers(now, wabaId))
    if (wabaId !== undefined) {
      const calls = recent(this.wabaCalls.get(wabaId) ?? [], now, this.businessUseCase.windowMillis)
      this.wabaCalls.set(wabaId, calls)
      if (calls.length >= this.businessUseCase.limit) return rateLimited(80007, this.headers(now, wabaId))
      calls.push(now)
    }
    this.appCalls.push(now)
    return undefined
  }

  /**
   * The usage headers at `now`: `x-app-usage` always, `x-business-use-case-usage` for a call on
   * a WABA. `regainAccessMinutes` overrides the computed wait (a forced throttle).
   */
  headers(now: number, wabaId: string | undefined, regainAccessMinutes?: number): Record<string, string> {
    const appCalls = recent(this.appCalls, now, this.app.windowMillis)
    const appPercent = regainAccessMinutes === undefined ? percent(appCalls.length, this.app.limit) : 100
    const headers: Record<string, string> = {
      "x-app-usage": JSON.stringify({ call_count: appPercent, total_cputime: appPercent, total_time: appPercent })
    }
    if (wabaId !== undefined) {
      const calls = recent(this.wabaCalls.get(wabaId) ?? [], now, this.businessUseCase.windowMillis)
      const full = calls.length >= this.businessUseCase.limit
      const wabaPercent = regainAccessMinutes === undefined ? percent(calls.length, this.businessUseCase.limit) : 100
      const regain = regainAccessMinutes ??
        (full ? minutesUntilFree(calls, now, this.businessUseCase.windowMillis) : 0)
      headers["x-business-use-case-usage"] = JSON.stringify({
        [wabaId]: [{
          type: "whatsapp_business_management",
          call_count: wabaPercent,
          total_cputime: wabaPercent,
          total_time: wabaPercent,
          estimated_time_to_regain_access: regain
        }]
      })
    }
    return headers
  }
}
