/**
 * The baselines sign Vonage JWTs with the library and the claims the adapter uses (jose, RS256),
 * so that neither side of a comparison is charged for a different signer.
 */
import { SignJWT } from "jose"
import { randomUUID } from "node:crypto"
import type { KeyObject } from "node:crypto"

/** Signs a Vonage application JWT (RS256; `application_id`, `iat`, `nbf`, `exp`, `jti`). */
export const signVonageJwt = (applicationId: string, key: KeyObject, ttlSeconds = 900): Promise<string> => {
  const issuedAt = Math.floor(Date.now() / 1000)
  return new SignJWT({ application_id: applicationId })
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(randomUUID())
    .sign(key)
}
