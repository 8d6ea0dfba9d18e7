/**
 * Hostile servers, encodings: a server that echoes a secret back — percent-encoded in either
 * case, as HTML references, as JSON escapes, in base64 or base64url, escaped twice, or in a
 * mixture that encodes each character its own way — must not get it shown anywhere.
 *
 * Every secret kind the adapters hold travels the way it does in an adapter (a bearer JWT, an
 * `api-key` header, a WOZTELL signed context header, a password in a JSON body, an access token
 * in the query, a PEM private key configured as a secret) and is echoed, in every encoding of
 * the catalogue and in mixtures, from every place a server can put text: a 400's JSON body, a
 * plain-text 403, a 5xx problem until retries give up, a 2xx that is not JSON, a 2xx that does
 * not match the schema, a redirect's target, and an adapter's `classify` that copies the body
 * into its error. Everything a user or operator could see is searched: the error every way it
 * renders, every log line at the most verbose level, every span. A secret found (in the form it
 * was echoed, raw, URL-encoded, base64, or a line of the key) counts in the `encodings` row's
 * hostile outcomes, which must be 0.
 */
import { HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { AdminError, Redaction, Transport } from "@wa-admin/core"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import { Cause, Effect, Exit, Redacted, Schema } from "effect"
import { copyingClassify, encodings, kinds, mixture } from "../test/SecretEncodings.js"
import {
  fakeClient,
  makeTransport,
  recordingLogger,
  recordingTracer,
  type Reply,
  respond
} from "../test/TransportFakes.js"

type Kind = keyof typeof kinds

/** How each secret travels: as an adapter sends it, or as a configured secret. */
const carry = (kind: Kind, secret: string) => {
  const base = Transport.request("PUT", "https://api.acme.test", "/v1/profile")
  const options: Partial<Transport.Options> = {}
  switch (kind) {
    case "jwt":
      return {
        request: base,
        options: {
          authenticate: (request: HttpClientRequest.HttpClientRequest) =>
            Effect.succeed(HttpClientRequest.bearerToken(request, secret))
        }
      }
    case "apiKey":
      return {
        request: base,
        options: {
          authenticate: (request: HttpClientRequest.HttpClientRequest) =>
            Effect.succeed(HttpClientRequest.setHeader(request, "api-key", secret))
        }
      }
    case "signedContext":
      return {
        request: base,
        options: {
          authenticate: (request: HttpClientRequest.HttpClientRequest) =>
            Effect.succeed(HttpClientRequest.setHeader(request, "X-Woztell-SignedContext", secret)),
          // The adapter declares its provider's secret headers, as WOZTELL's does.
          secretNames: Redaction.secretNames({ headerPrefixes: ["x-woztell-"] })
        }
      }
    case "password":
      return { request: HttpClientRequest.bodyUnsafeJson(base, { user: "u", password: secret }), options }
    case "unicode":
      return { request: HttpClientRequest.setUrlParam(base, "accessToken", secret), options }
    case "pem":
      return { request: base, options: { secrets: [Redacted.make(secret)] } }
  }
}

/** Whether a header can carry a text (Latin-1 without controls other than tab). */
const carriable = (text: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(text)

/** The places a server puts text, each echoing `echoed`. */
const places = (echoed: string): ReadonlyArray<readonly [string, Reply, Partial<Transport.Options>?]> => [
  ["a 400's JSON body", respond(400, { title: "Bad request", detail: `value ${echoed} refused`, echo: echoed })],
  ["a plain-text 403", respond(403, `denied for ${echoed}`)],
  ["a 503 problem, when retries give up", respond(503, { title: echoed, detail: `busy: ${echoed}` })],
  ["a 2xx that is not JSON", respond(200, `<html><body>${echoed}</body></html>`)],
  ["a 2xx that does not match the schema", respond(200, { unexpected: echoed })],
  [
    "a redirect's target",
    // Raw too, where a header can carry it (a server cannot send a line break or a character outside Latin-1 in one).
    respond(302, "", {
      location: `https://elsewhere.test/back?next=${encodeURIComponent(echoed)}${
        carriable(echoed) ? `&raw=${echoed}` : ""
      }`
    })
  ],
  [
    "an adapter classify that copies the body",
    respond(409, { detail: echoed }),
    copyingClassify
  ]
]

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64")
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url")

/** The forms a leak would take: as echoed, raw, URL-encoded, base64 and base64url, and each line of a key. */
const leakForms = (secret: string, echoed: string): ReadonlyArray<string> => [
  ...new Set([
    echoed,
    secret,
    encodeURIComponent(secret),
    base64(secret).replace(/=+$/, ""),
    base64url(secret),
    ...secret.split("\n").filter((line) => line.length >= 16 && !line.startsWith("-----"))
  ])
]

const wire = Schema.Struct({ ok: Schema.Literal(1) })

describe("encodings: a secret echoed in any encoding is never shown", () => {
  for (const [kind, secret] of Object.entries(kinds) as ReadonlyArray<[Kind, string]>) {
    it.effect(`${kind}: every encoding and mixture, from every place`, () =>
      Effect.gen(function*() {
        const echoes = [
          ...encodings.map(([label, encode]) => [label, encode(secret)] as const),
          ...Array.from({ length: 12 }, (_, seed) => [`mixture ${seed + 1}`, mixture(secret, seed + 1)] as const)
        ]
        const leaks: Array<string> = []
        let run = 0
        const { request, options } = carry(kind, secret)
        for (const [encoding, echoed] of echoes) {
          for (const [place, reply, extra] of places(echoed)) {
            run++
            const fake = fakeClient(reply)
            const { spans, tracer } = recordingTracer()
            const logger = recordingLogger()
            const transport = yield* makeTransport(fake, { ...options, ...extra })
            const program = transport.execute({ operation: "profile.update", request, idempotent: true }).pipe(
              Effect.flatMap(transport.decode("profile.update", wire)),
              Effect.tapErrorCause((cause) => Effect.logError("call failed", cause)),
              Effect.withTracer(tracer),
              Effect.provide(logger.layer)
            )
            // One attempt: what is shown of a failure does not depend on how many came before it.
            const exit = yield* Effect.exit(Transport.withPolicy({ maxAttempts: 1 })(program))
            if (!(Exit.isFailure(exit) && Cause.isFailType(exit.cause))) {
              leaks.push(`${encoding}, ${place}: no typed failure`)
              continue
            }
            const error = exit.cause.error
            const surfaced = {
              "the message": error.message,
              "the error as JSON": JSON.stringify(error),
              "the encoded error": JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error)),
              "Cause.pretty": Cause.pretty(exit.cause),
              "the logs": logger.lines.join("\n"),
              "the spans": spans.map((span) => span.render()).join("\n")
            }
            const url = place === "a redirect's target" && carriable(echoed)
              ? new URL(`https://elsewhere.test/back?raw=${echoed}`).search
              : undefined
            for (const [where, text] of Object.entries(surfaced)) {
              for (const form of [...leakForms(secret, echoed), ...(url === undefined ? [] : [url.slice(5)])]) {
                if (form.length >= 6 && text.includes(form)) leaks.push(`${encoding}, ${place}: in ${where}`)
              }
            }
          }
        }
        ReliabilityMetrics.recordFindings("encodings", run, leaks, (leak) => leak.split(": in")[0] ?? leak)
        assert.strictEqual(run, echoes.length * places("").length)
        assert.deepStrictEqual(leaks.slice(0, 10), [])
      }))
  }
})
