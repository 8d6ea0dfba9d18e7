/**
 * Per-operation rate limiting: at most `limit` requests per sliding `window`.
 *
 * @internal
 */

/** @internal */
export class Throttle {
  private readonly accepted = new Map<string, Array<number>>()

  constructor(readonly limit: number, readonly windowMillis: number) {}

  /** Takes one slot for `key` at `now`, or answers how many whole seconds until one frees. */
  take(
    key: string,
    now: number
  ): { readonly _tag: "Accepted" } | { readonly _tag: "Throttled"; readonly retryAfterSeconds: number } {
    const recent = (this.accepted.get(key) ?? []).filter((at) => at > now - this.windowMillis)
    if (recent.length >= this.limit) {
      this.accepted.set(key, recent)
      const frees = (recent[0] ?? now) + this.windowMillis
      return { _tag: "Throttled", retryAfterSeconds: Math.max(1, Math.ceil((frees - now) / 1000)) }
    }
    recent.push(now)
    this.accepted.set(key, recent)
    return { _tag: "Accepted" }
  }
}
