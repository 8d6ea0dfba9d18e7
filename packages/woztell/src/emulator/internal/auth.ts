/**
 * The document's two authentication methods.
 *
 * - Access token: `accessToken` as a query parameter on reads and as a body field on writes.
 * - Payload & Signed Context: headers `X-Woztell-Payload` (the JSON payload
 *   `{"app","appIntegration","channel"}`) and `X-Woztell-SignedContext`
 *   (`signature + "." + base64(JSON.stringify(payload))`).
 *
 * @internal
 */
import { Effect } from "effect"
import { type Call, type Failure, unauthorized } from "./http.js"
import { bodyFields, type Fields, isFields } from "./input.js"
import type { Config } from "./state.js"

const checkToken = (config: Config, token: unknown, where: string): Effect.Effect<void, Failure> => {
  if (token === undefined || token === null || token === "") {
    return Effect.fail(unauthorized(`accessToken is required (as a ${where})`))
  }
  return token === config.accessToken ? Effect.void : Effect.fail(unauthorized("Invalid access token"))
}

/** Reads: the token is the `accessToken` query parameter. */
export const tokenInQuery = (config: Config, call: Call): Effect.Effect<void, Failure> =>
  checkToken(config, call.query["accessToken"], "query parameter")

/** Writes: the token is the `accessToken` field of the JSON body. */
const tokenInBody = (config: Config, body: Fields): Effect.Effect<void, Failure> =>
  checkToken(config, body["accessToken"], "body field")

/** A write's JSON body, once its `accessToken` field is checked. */
export const writeBody = (config: Config, call: Call): Effect.Effect<Fields, Failure> =>
  Effect.tap(bodyFields(call.body), (body) => tokenInBody(config, body))

/**
 * The signed context: both headers present, the signature is the app integration's, the
 * signed payload is byte for byte the payload header, and the payload names this app, app
 * integration and channel.
 */
export const signedContext = (config: Config, call: Call): Effect.Effect<void, Failure> => {
  const payload = call.headers["x-woztell-payload"]
  const signedContext = call.headers["x-woztell-signedcontext"]
  if (payload === undefined || payload === "" || signedContext === undefined || signedContext === "") {
    return Effect.fail(unauthorized("The X-Woztell-Payload and X-Woztell-SignedContext headers are required"))
  }
  const dot = signedContext.indexOf(".")
  const signature = dot === -1 ? signedContext : signedContext.slice(0, dot)
  const encoded = dot === -1 ? "" : signedContext.slice(dot + 1)
  if (signature !== config.signature) return Effect.fail(unauthorized("Invalid signature in X-Woztell-SignedContext"))
  const signedPayload = Buffer.from(encoded, "base64").toString("utf8")
  if (encoded === "" || Buffer.from(signedPayload, "utf8").toString("base64") !== encoded) {
    return Effect.fail(unauthorized("X-Woztell-SignedContext must end with the base64 of the payload"))
  }
  if (signedPayload !== payload) {
    return Effect.fail(unauthorized("X-Woztell-Payload does not match the payload in X-Woztell-SignedContext"))
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(payload)
  } catch {
    return Effect.fail(unauthorized("X-Woztell-Payload must be JSON"))
  }
  if (
    !isFields(parsed) ||
    parsed["app"] !== config.appId ||
    parsed["appIntegration"] !== config.appIntegrationId ||
    parsed["channel"] !== config.channelId
  ) {
    return Effect.fail(unauthorized("The payload does not name this app, app integration and channel"))
  }
  return Effect.void
}
