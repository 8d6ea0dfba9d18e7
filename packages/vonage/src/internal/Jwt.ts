/**
 * Vonage application JWTs: RS256, claims `application_id`, `iat`, `nbf`, `exp`, `jti`, signed
 * with jose and cached. A token serves every call until about a minute before it expires
 * (`refreshMargin`), and concurrent callers wait for one signature rather than each signing.
 */
import { Clock, Data, Duration, Effect, Option, Redacted, Ref, SynchronizedRef } from "effect"
import { SignJWT } from "jose"
import { randomUUID } from "node:crypto"
import type { KeyObject } from "node:crypto"

/** Where tokens come from: signed here, or handed to us ready-made. */
export interface TokenSource {
  /** A bearer token valid for at least the refresh margin. */
  readonly token: Effect.Effect<Redacted.Redacted<string>, SigningError>
  /** The cached token while it is valid for at least the refresh margin, read without an effect. */
  readonly current: () => Option.Option<Redacted.Redacted<string>>
  /** Forgets the cached token (after a 401), so the next call signs a new one. */
  readonly invalidate: Effect.Effect<void>
  /** How many tokens have been signed. */
  readonly signatures: Effect.Effect<number>
  /** Whether `invalidate` can lead to a different token. */
  readonly canRefresh: boolean
}

/** Signing failed (the key cannot sign RS256). */
export class SigningError extends Data.TaggedError("SigningError")<{ readonly reason: string }> {}

interface Cached {
  readonly token: Redacted.Redacted<string>
  readonly refreshAt: number
}

/** How long before its expiry a token stops being reused: a minute, or half a short TTL. */
export const refreshMargin = (ttl: Duration.Duration): Duration.Duration =>
  Duration.min(Duration.minutes(1), Duration.times(ttl, 0.5))

/** Signs one token at `nowMillis`. */
export const sign = (options: {
  readonly applicationId: string
  readonly key: KeyObject
  readonly ttl: Duration.Duration
  readonly nowMillis: number
}): Effect.Effect<string, SigningError> => {
  const issuedAt = Math.floor(options.nowMillis / 1000)
  const expiresAt = issuedAt + Math.max(1, Math.floor(Duration.toSeconds(options.ttl)))
  return Effect.tryPromise({
    try: () =>
      new SignJWT({ application_id: options.applicationId })
        .setProtectedHeader({ alg: "RS256", typ: "JWT" })
        .setIssuedAt(issuedAt)
        .setNotBefore(issuedAt)
        .setExpirationTime(expiresAt)
        .setJti(randomUUID())
        .sign(options.key),
    catch: (error) => new SigningError({ reason: error instanceof Error ? error.message : String(error) })
  })
}

/** A cached signer for an application id and its private key. */
export const signer = (options: {
  readonly applicationId: string
  readonly key: KeyObject
  readonly ttl: Duration.Duration
}): Effect.Effect<TokenSource> =>
  Effect.gen(function*() {
    const cache = yield* SynchronizedRef.make(Option.none<Cached>())
    const count = yield* Ref.make(0)
    const clock = yield* Effect.clock
    /** The last token signed, mirrored for reading without an effect. */
    let latest: Cached | undefined
    const margin = Duration.toMillis(refreshMargin(options.ttl))
    const ttlMillis = Duration.toMillis(options.ttl)
    const fresh = (nowMillis: number) =>
      sign({ ...options, nowMillis }).pipe(
        Effect.tap(() => Ref.update(count, (n) => n + 1)),
        Effect.map((token): Cached => ({ token: Redacted.make(token), refreshAt: nowMillis + ttlMillis - margin })),
        Effect.tap((signed) =>
          Effect.sync(() => {
            latest = signed
          })
        ),
        Effect.withSpan("wa-admin.vonage.jwt.sign", {
          attributes: { "wa-admin.vonage.application_id": options.applicationId },
          captureStackTrace: false
        })
      )
    const signOrReuse = SynchronizedRef.modifyEffect(cache, (current) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        if (Option.isSome(current) && now < current.value.refreshAt) {
          return Effect.succeed([current.value.token, current] as const)
        }
        return Effect.map(fresh(now), (signed) =>
          [signed.token, Option.some(signed)] as const)
      }))
    // A valid cached token is read without taking the lock; only signing is serialized.
    const token = Effect.flatMap(Effect.zip(Ref.get(cache), Clock.currentTimeMillis), ([current, now]) =>
      Option.isSome(current) && now < current.value.refreshAt ? Effect.succeed(current.value.token) : signOrReuse)
    return {
      token,
      current: () => (latest !== undefined && clock.unsafeCurrentTimeMillis() < latest.refreshAt
        ? Option.some(latest.token)
        : Option.none()),
      invalidate: Effect.zipRight(
        Effect.sync(() => {
          latest = undefined
        }),
        SynchronizedRef.set(cache, Option.none())
      ),
      signatures: Ref.get(count),
      canRefresh: true
    }
  })

/** A ready-made token, used as is. */
export const fixed = (token: Redacted.Redacted<string>): TokenSource => ({
  token: Effect.succeed(token),
  current: () => Option.some(token),
  invalidate: Effect.void,
  signatures: Effect.succeed(0),
  canRefresh: false
})
