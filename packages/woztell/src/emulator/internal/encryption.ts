/**
 * Business encryption APIs: set and read the business public key of the channel's number.
 *
 * @internal
 */
import { Effect } from "effect"
import { createPublicKey } from "node:crypto"
import { signedContext } from "./auth.js"
import { atomically, type Failure, type Handler, invalid, ok, type Routes } from "./http.js"
import { bodyFields, requiredString } from "./input.js"
import { recordEffect, type State } from "./state.js"

/** The key when it is a 2048-bit RSA public key in PEM, else a 400 saying why not. */
const checkPublicKey = (pem: string): Effect.Effect<string, Failure> => {
  // createPublicKey also derives a public key from a private one: insist on a public PEM.
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem)) {
    return Effect.fail(invalid("publicKey must be a PEM public key (-----BEGIN PUBLIC KEY-----)"))
  }
  let details: { readonly type: string | undefined; readonly bits: number | undefined }
  try {
    const key = createPublicKey({ key: pem, format: "pem" })
    details = { type: key.asymmetricKeyType, bits: key.asymmetricKeyDetails?.modulusLength }
  } catch {
    return Effect.fail(invalid("publicKey is not a readable PEM public key"))
  }
  if (details.type !== "rsa") return Effect.fail(invalid("publicKey must be an RSA key"))
  if (details.bits !== 2048) {
    return Effect.fail(invalid(`publicKey must be a 2048-bit RSA key, not ${details.bits ?? "unknown"}-bit`))
  }
  return Effect.succeed(pem)
}

const setKey = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    const body = yield* bodyFields(call.body)
    const publicKey = yield* checkPublicKey(yield* requiredString(body, "publicKey"))
    return yield* atomically(() => {
      state.channel.businessPublicKey = publicKey
      recordEffect(state, "setBusinessPublicKey", state.channel.phoneNumberId)
      return Effect.succeed(ok())
    })
  })

const getKey = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    const key = state.channel.businessPublicKey
    // Not documented: with no key set, the list is empty.
    return ok({
      data: key === undefined ? [] : [{ business_public_key: key, business_public_key_signature_status: "VALID" }]
    })
  })

/** The business encryption endpoints, keyed by `METHOD /path`. */
export const routes = (state: State): Routes => ({
  "POST /whatsapp-business-encryption": setKey(state),
  "GET /whatsapp-business-encryption": getKey(state)
})
