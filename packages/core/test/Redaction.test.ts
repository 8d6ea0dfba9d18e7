import { HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { AdminError, Redaction, Transport } from "@wa-admin/core"
import { Cause, Effect, Exit, Redacted, Schema } from "effect"
import { copyingClassify, encodings, kinds, mixture, pem } from "./SecretEncodings.js"
import {
  drive,
  failureOf,
  fakeClient,
  makeTransport,
  recordingLogger,
  recordingTracer,
  type Reply,
  respond,
  transportError
} from "./TransportFakes.js"

const secrets = {
  configured: "sk_live_configured_secret_9f8e7d",
  jwt: "eyJhbGciOiJSUzI1NiJ9.eyJhcHBsaWNhdGlvbl9pZCI6ImFiYyJ9.c2lnbmF0dXJl",
  apiKey: "Ac4f00ba221f",
  payload: "eyJhcHAiOiI2OTk4MDJkNjlhNzNmYzU1NWYxYzZiYzQifQ==",
  signedContext: "1RJ7rKRTHbOBoY95AgtXF5WT2578gy9+b4ekBp727cQ=.eyJhcHAiOiJ4In0=",
  futureHeader: "woztell-future-secret-31337",
  accessToken: "wz-access-token-0a1b2c3d4e",
  bodyToken: "wz-body-token-5f6e7d8c9b"
} as const

const everySecret = Object.values(secrets)

/** The adapter of this test declares its provider's secret headers, as WOZTELL's does. */
const secretNames = Redaction.secretNames({ headerPrefixes: ["x-woztell-"] })

/** Every form a secret could leak in: raw, URL-encoded, base64. */
const leakForms = everySecret.flatMap((secret) => [
  secret,
  encodeURIComponent(secret),
  Buffer.from(secret).toString("base64").replace(/=+$/, "")
])

const assertNoSecret = (label: string, text: string) => {
  for (const form of leakForms) {
    assert.notInclude(text, form, `${label} leaks a secret`)
  }
}

/** A WOZTELL/Kaleyra/Vonage-style request carrying every kind of secret at once. */
const call: Transport.Call = {
  operation: "profile.update",
  request: Transport.request("PUT", "https://api.acme.test", "/v1.2/api/whatsapp-business-profile").pipe(
    HttpClientRequest.setUrlParam("accessToken", secrets.accessToken),
    HttpClientRequest.setUrlParam("phoneNumberId", "123456890999"),
    HttpClientRequest.bodyUnsafeJson({ accessToken: secrets.bodyToken, profile: { about: "hello" } })
  ),
  idempotent: true
}

const authenticate = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.succeed(
    request.pipe(
      HttpClientRequest.bearerToken(secrets.jwt),
      HttpClientRequest.setHeader("api-key", secrets.apiKey),
      HttpClientRequest.setHeader("X-Woztell-Payload", secrets.payload),
      HttpClientRequest.setHeader("X-Woztell-SignedContext", secrets.signedContext),
      HttpClientRequest.setHeader("X-Woztell-Something-New", secrets.futureHeader)
    )
  )

const echo = `token ${secrets.accessToken} jwt ${secrets.jwt} key ${secrets.apiKey} ctx ${secrets.signedContext} ` +
  `payload ${secrets.payload} new ${secrets.futureHeader} body ${secrets.bodyToken} cfg ${secrets.configured} ` +
  `url-encoded ${encodeURIComponent(secrets.signedContext)}`

const scenarios: ReadonlyArray<readonly [string, ReadonlyArray<Reply>, Partial<Transport.Options>?]> = [
  ["a 5xx whose problem echoes the secrets, until retries give up", [
    respond(503, { title: echo, detail: echo, instance: secrets.jwt })
  ]],
  ["a 400 whose body echoes the secrets", [
    respond(400, { type: `https://x.test/#${secrets.apiKey}`, detail: echo, echo })
  ]],
  ["a 401 whose detail echoes the secrets", [respond(401, { title: "Unauthorized", detail: echo })]],
  ["a 403 in plain text echoing the secrets", [respond(403, echo)]],
  ["a 2xx that is not JSON and echoes the secrets", [respond(200, `<html>${echo}</html>`)]],
  [
    "a redirect to a URL carrying the secrets",
    [respond(302, "", {
      location: `https://evil.test/?accessToken=${secrets.accessToken}&k=${secrets.apiKey}&c=${secrets.configured}`
    })]
  ],
  ["a connection reset whose message names the full URL", [transportError("ECONNRESET", `socket hang up ${echo}`)]],
  ["a 429 with the secrets in its problem", [respond(429, { title: echo }, { "retry-after": "600" })]],
  [
    "an adapter classify that copies the raw body into its error",
    [respond(409, { detail: echo })],
    copyingClassify
  ]
]

describe("Redaction: no secret leaves the transport", () => {
  for (const [label, replies, extra] of scenarios) {
    it.effect(`${label}: not in logs, span attributes, events or error messages`, () =>
      Effect.gen(function*() {
        const fake = fakeClient(...replies)
        const { spans, tracer } = recordingTracer()
        const { layer, lines } = recordingLogger()
        const transport = yield* makeTransport(fake, {
          authenticate,
          secretNames,
          secrets: [Redacted.make(secrets.configured)],
          ...extra
        })
        const program = transport.execute(call).pipe(
          Effect.tapErrorCause((cause) => Effect.logError("call failed", cause)),
          Effect.withSpan("wa-admin.acme.profile.update"),
          Effect.withTracer(tracer),
          Effect.provide(layer)
        )
        const { exit } = yield* drive(Transport.withPolicy({ jitter: "none" })(program))
        const error = failureOf(exit)

        assert.isTrue(fake.sent.length > 0)
        assert.strictEqual(
          fake.sent[0]?.headers["authorization"],
          `Bearer ${secrets.jwt}`,
          "the secret did reach the server"
        )
        assert.isTrue(AdminError.isAdminError(error))

        const errorTexts = {
          "Cause.pretty": Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "",
          "JSON.stringify(error)": JSON.stringify(error),
          "error.message": error.message,
          "String(error)": String(error),
          "encoded error": JSON.stringify(Schema.encodeSync(AdminError.AdminError)(error))
        }
        for (const [where, text] of Object.entries(errorTexts)) assertNoSecret(where, text)
        assert.isAbove(lines.length, 0)
        for (const line of lines) assertNoSecret("log line", line)
        assert.isAbove(spans.length, 0)
        for (const span of spans) assertNoSecret(`span ${span.name}`, span.render())
      }))
  }

  it.effect("logs and spans still say where the call went, with the secrets masked", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(200, { ok: 1 }))
      const { spans, tracer } = recordingTracer()
      const { layer, lines } = recordingLogger()
      const transport = yield* makeTransport(fake, { authenticate })
      yield* drive(transport.execute(call).pipe(Effect.withTracer(tracer), Effect.provide(layer)))
      const expected =
        "https://api.acme.test/v1.2/api/whatsapp-business-profile?accessToken=<redacted>&phoneNumberId=123456890999"
      assert.strictEqual(spans[0]?.attributes.get("url.full"), expected)
      assert.isTrue(lines.some((line) => line.includes(expected)))
      assert.strictEqual(
        fake.sent[0]?.url,
        `https://api.acme.test/v1.2/api/whatsapp-business-profile?accessToken=${secrets.accessToken}&phoneNumberId=123456890999`
      )
    }))

  it.effect("decode errors mask the call's secrets in their excerpt", () =>
    Effect.gen(function*() {
      const fake = fakeClient(respond(200, { data: { token_echo: secrets.jwt, accessToken: secrets.accessToken } }))
      const transport = yield* makeTransport(fake, { authenticate })
      const wire = Schema.Struct({ ok: Schema.Literal(1) })
      const { exit } = yield* drive(Effect.flatMap(transport.execute(call), transport.decode("profile.update", wire)))
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      if (error._tag === "UnexpectedResponse") assert.include(error.body ?? "", "<redacted>")
      assertNoSecret("decode error", JSON.stringify(error))
    }))
})

describe("Redaction helpers", () => {
  it("secret headers: authorization and api-key always; every X-Woztell-* header once an adapter declares the prefix; any case", () => {
    const secret = [
      "Authorization",
      "api-key",
      "X-API-Key",
      "X-Woztell-Payload",
      "x-woztell-signedcontext",
      "X-WOZTELL-ANYTHING"
    ]
    for (const name of secret) {
      assert.isTrue(Redaction.isSensitiveHeader(name, secretNames), name)
    }
    for (const name of ["content-type", "accept", "x-request-id", "woztell"]) {
      assert.isFalse(Redaction.isSensitiveHeader(name, secretNames), name)
    }
    assert.isFalse(Redaction.isSensitiveHeader("X-Woztell-Payload"), "core knows no provider's headers by itself")
  })

  it("redactUrl masks secret query parameters and user-info, and keeps the rest", () => {
    assert.strictEqual(
      Redaction.redactUrl("https://user:pw@api.test/a?accessToken=abc&ACCESS_TOKEN=def&api_key=x&id=7#frag"),
      "https://api.test/a?accessToken=<redacted>&ACCESS_TOKEN=<redacted>&api_key=<redacted>&id=7#frag"
    )
    assert.strictEqual(Redaction.redactUrl("not a url"), "<redacted>")
  })

  it("redactRequestUrl sees parameters set apart from the URL", () => {
    const request = HttpClientRequest.get("https://api.test/x").pipe(
      HttpClientRequest.setUrlParams({ accessToken: "abcdef", page: "2" })
    )
    assert.strictEqual(Redaction.redactRequestUrl(request), "https://api.test/x?accessToken=<redacted>&page=2")
  })

  it("secretsOf collects secret headers (with and without scheme), query parameters and JSON body fields", () => {
    const request = HttpClientRequest.post("https://api.test/x?signature=sig-in-url").pipe(
      HttpClientRequest.bearerToken("the-jwt-value"),
      HttpClientRequest.setHeader("X-Woztell-Payload", "payload-value"),
      HttpClientRequest.setHeader("content-type", "application/json"),
      HttpClientRequest.setUrlParam("accessToken", "token-value"),
      HttpClientRequest.bodyUnsafeJson({ nested: { password: "body-password" }, accessToken: "body-token", other: "x" })
    )
    const found = Redaction.secretsOf(request, secretNames)
    const expectedSecrets = [
      "Bearer the-jwt-value",
      "the-jwt-value",
      "payload-value",
      "token-value",
      "sig-in-url",
      "body-password",
      "body-token"
    ]
    for (const expected of expectedSecrets) {
      assert.include(found, expected)
    }
    assert.notInclude(found, "x")
    assert.notInclude(found, "application/json")
  })

  it("scrubber replaces raw, URL-encoded and base64 forms, longest first, and ignores very short secrets", () => {
    const scrub = Redaction.scrubber(["p@ss/word+1", Redacted.make("abc"), "secret-value-long"])
    const base64 = Buffer.from("p@ss/word+1").toString("base64")
    assert.strictEqual(scrub("a p@ss/word+1 b"), "a <redacted> b")
    assert.strictEqual(scrub(`a ${encodeURIComponent("p@ss/word+1")} b`), "a <redacted> b")
    assert.strictEqual(scrub(`basic ${base64}`), "basic <redacted>")
    assert.strictEqual(scrub("abc stays"), "abc stays")
    assert.strictEqual(scrub("secret-value-long!"), "<redacted>!")
    assert.strictEqual(Redaction.scrubber([])("untouched"), "untouched")
  })

  it("redactJson masks secret fields at any depth", () => {
    assert.deepStrictEqual(
      Redaction.redactJson({ accessToken: "a", list: [{ password: "b", name: "n" }], keep: 1 }),
      { accessToken: "<redacted>", list: [{ password: "<redacted>", name: "n" }], keep: 1 }
    )
  })

  it("excerpt redacts JSON fields, scrubs secrets and truncates", () => {
    const scrub = Redaction.scrubber(["top-secret-value"])
    assert.strictEqual(
      Redaction.excerpt(JSON.stringify({ token: "t", x: "top-secret-value" }), scrub),
      "{\"token\":\"<redacted>\",\"x\":\"<redacted>\"}"
    )
    const long = Redaction.excerpt("y".repeat(600), scrub)
    assert.isTrue(long.startsWith("y".repeat(512)))
    assert.include(long, "(88 more characters)")
  })
})

// ---------------------------------------------------------------------------------------------
// Secrets echoed in other encodings
// ---------------------------------------------------------------------------------------------

const before = "error: the value "
const after = " is invalid"
/** What may remain of an encoding after scrubbing: boundary characters of a base64 value encoded with other text. */
const slack = 8

describe("Redaction: secrets echoed in other encodings", () => {
  for (const [kind, secret] of Object.entries(kinds)) {
    const scrub = Redaction.scrubber([secret])
    it(`${kind}: every encoding is masked`, () => {
      for (const [label, encode] of encodings) {
        const echoed = encode(secret)
        const scrubbed = scrub(`${before}${echoed}${after}`)
        assert.notInclude(scrubbed, echoed, label)
        assert.isTrue(scrubbed.startsWith(before) && scrubbed.endsWith(after), `${label}: ${scrubbed}`)
        // An encoding of the secret with other text keeps that text's characters (and a few at the seams).
        const context = encode("").length
        assert.isAtMost(
          scrubbed.length,
          before.length + Redaction.mask.length + after.length + context + slack,
          `${label}: ${scrubbed}`
        )
      }
    })

    it(`${kind}: mixtures of encodings, character by character, are masked`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const echoed = mixture(secret, seed)
        const scrubbed = scrub(`${before}${echoed}${after}`)
        assert.strictEqual(scrubbed, `${before}${Redaction.mask}${after}`, `seed ${seed}: ${echoed}`)
      }
    })
  }

  it("a PEM key echoed re-wrapped, or line by line, shows none of its lines", () => {
    const scrub = Redaction.scrubber([pem])
    const lines = pem.split("\n").filter((line) => line.length >= 16 && !line.startsWith("-----"))
    const rewrapped = pem.replaceAll("\n", "\r\n")
    const oneLine = pem.replaceAll("\n", "\\n")
    for (const echoed of [rewrapped, oneLine, lines.join(" "), lines.slice(3, 7).join("\n")]) {
      const scrubbed = scrub(`key: ${echoed}`)
      for (const line of lines) assert.notInclude(scrubbed, line)
    }
  })

  it("text that only resembles an escape stays as it is", () => {
    const scrub = Redaction.scrubber(["top-secret-value"])
    for (
      const text of [
        "100% sure",
        "a & b; c",
        "&#xZZ; &#; &unknown; &#99999999;",
        "C:\\path\\users",
        "%zz %4",
        "\\u12 \\x41"
      ]
    ) {
      assert.strictEqual(scrub(text), text)
    }
  })

  it("a text cut inside a secret, in any encoding, shows nothing of it (prefix)", () => {
    for (const secret of [kinds.jwt, kinds.password, kinds.unicode]) {
      const scrub = Redaction.scrubber([secret])
      for (const [label, encode] of encodings.slice(0, 15)) {
        const echoed = encode(secret)
        for (let cut = 1; cut < echoed.length; cut++) {
          const scrubbed = scrub.prefix(`${before}${echoed.slice(0, cut)}`)
          assert.isTrue(
            scrubbed === before || scrubbed === `${before}${Redaction.mask}`,
            `${label} cut at ${cut}: ${scrubbed}`
          )
        }
      }
    }
  })
})

describe("Redaction: bounded work on hostile bodies", () => {
  it("excerpt hands the scrubber a bounded prefix of a huge body, and says how long it was", () => {
    const seen: Array<number> = []
    const spy = (text: string) => {
      seen.push(text.length)
      return text
    }
    const huge = `{"detail":"${"x".repeat(8 * 1024 * 1024)}"}`
    const shown = Redaction.excerpt(huge, spy)
    assert.isAtMost(Math.max(...seen), Redaction.excerptWindow(512))
    assert.isAtMost(shown.length, 600)
    assert.include(shown, `${huge.length} characters in all`)
  })

  it("a long body cut inside a secret field or a secret shows neither", () => {
    const scrub = Redaction.scrubber([pem])
    const lines = pem.split("\n").filter((line) => line.length >= 16 && !line.startsWith("-----"))
    const window = Redaction.excerptWindow(4096)
    for (const shift of [0, 7, 100, 901]) {
      const body = `${"y".repeat(shift)}${`${pem}\n`.repeat(Math.ceil((2 * window) / pem.length))}`
      const shown = Redaction.excerpt(body, scrub, 4096)
      for (const line of lines) assert.notInclude(shown, line, `shift ${shift}`)
    }
    const field = Redaction.excerpt(`{"a":1,"password":"${"p".repeat(40_000)}`, Redaction.scrubber([]), 64)
    assert.notInclude(field, "ppp")
  })

  it("excerpt and redactJson survive JSON nested far deeper than the stack", () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`
    assert.isString(Redaction.excerpt(deep, Redaction.scrubber(["top-secret-value"])))
    let value: unknown = "leaf"
    for (let depth = 0; depth < 200_000; depth++) value = { password: "x", inner: value }
    const redacted = Redaction.redactJson(value) as { readonly password: string }
    assert.strictEqual(redacted.password, "<redacted>")
    assert.isString(JSON.stringify(redacted))
  })

  it("redactJsonText masks secret fields of JSON it does not parse (cut, or inside other text)", () => {
    assert.strictEqual(
      Redaction.redactJsonText(
        `<p>{"accessToken": "abc", "id": 7, "api_key":12345, "x": "y"} and {"passw\\u006frd":"cut`
      ),
      `<p>{"accessToken": "<redacted>", "id": 7, "api_key":"<redacted>", "x": "y"} and {"passw\\u006frd":"<redacted>"`
    )
  })
})
