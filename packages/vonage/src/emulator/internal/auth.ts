/**
 * Checking the `Authorization: Bearer <JWT>` of every request.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { CryptoKey, KeyObject } from "jose"
import { errors, jwtVerify } from "jose"

/**
 * Why a request is not authenticated, or `None` when it is: the token must be an RS256 JWT signed
 * with the application's private key, inside its `nbf`/`exp` window at `now`, with an
 * `application_id` claim naming the application.
 *
 * @internal
 */
export const refusal = (
  authorization: string | undefined,
  key: CryptoKey | KeyObject,
  applicationId: string,
  now: number
): Effect.Effect<Option.Option<string>> => {
  if (authorization === undefined) return Effect.succeedSome("missing Authorization header")
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
  const token = match?.[1]
  if (token === undefined) return Effect.succeedSome("Authorization header is not a Bearer token")
  return Effect.tryPromise({
    try: () => jwtVerify(token, key, { algorithms: ["RS256"], currentDate: new Date(now) }),
    catch: (error) =>
      error instanceof errors.JWTExpired
        ? "token expired"
        : error instanceof errors.JWTClaimValidationFailed
        ? `token claim ${error.claim} invalid: ${error.reason}`
        : error instanceof errors.JWSSignatureVerificationFailed
        ? "token signature does not verify"
        : error instanceof errors.JOSEAlgNotAllowed
        ? "token is not signed with RS256"
        : "token is not a valid JWT"
  }).pipe(
    Effect.map(({ payload }) =>
      payload["application_id"] === applicationId
        ? Option.none()
        : Option.some("token application_id does not match the application")
    ),
    Effect.catchAll(Effect.succeedSome)
  )
}
