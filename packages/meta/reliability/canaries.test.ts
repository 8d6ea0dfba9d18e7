/**
 * Secret canaries for the Meta adapter: a high-entropy fake access token and app secret (holding
 * `-`, `.`, `%`, `+` and `/`), configured from the environment as users configure them
 * (`MetaAdmin.layerConfig`, the quota directory a temporary one), and the `appsecret_proof` the
 * adapter computes from them. A broad set of operations runs against a fake `HttpClient` whose
 * answers echo back every secret the request carried — in Graph errors (message, user message,
 * title, trace id), in answers that break their schema, in redirects, in usage headers, in
 * transport errors — and against the Meta emulator. Everything a user or an operator could see is
 * captured: every log line at the most verbose level, every span, every error rendered every way.
 * Each secret is searched for raw, URL-encoded and base64-encoded; none may be found.
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { AdminError, BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { ReliabilityMetrics, Surfaces } from "@wa-admin/core/testing"
import { ConfigProvider, Effect, Layer, Stream } from "effect"
import { createHmac, randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { MetaAdmin, MetaCommerce, MetaFlows, MetaMedia, MetaNumbers, MetaWaba, MetaWebhooks } from "../src/index.js"
import { emulated, ids } from "./support.js"

const random = (bytes: number) => randomBytes(bytes).toString("base64")
const canary = (label: string) => `${label}-${random(18)}.${randomBytes(6).toString("hex")}%2F+/${random(9)}-x`

const token = canary("EAAG-meta-token")
const appSecret = canary("meta-app-secret")
const proof = createHmac("sha256", appSecret).update(token).digest("hex")

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64")
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url")

const needles = [
  ["token", token],
  ["app secret", appSecret],
  ["appsecret_proof", proof]
].flatMap(([name = "", secret = ""]) =>
  [
    ["raw", secret],
    ["URL-encoded", encodeURIComponent(secret)],
    ["base64", base64(secret)],
    ["base64 unpadded", base64(secret).replace(/=+$/, "")],
    ["base64url", base64url(secret)]
  ].map(([form = "", needle = ""]) => ({ name: `${name} (${form})`, needle }))
)

const { observe } = Surfaces

/** Everything a request carried that could be echoed: its headers and its URL with the query. */
const echoOf = (request: HttpClientRequest.HttpClientRequest) => {
  const url = new URL(request.url)
  for (const [name, value] of request.urlParams) url.searchParams.append(name, value)
  return `${request.headers["authorization"] ?? ""} ${url.toString()} ${
    request.urlParams.map(([, value]) => value).join(" ")
  }`
}

/** The hostile answers: each echoes the secrets of the request it answers. */
const answers: ReadonlyArray<readonly [string, (request: HttpClientRequest.HttpClientRequest) => Response]> = [
  [
    "a Graph error quoting the request",
    (request) =>
      Response.json(
        {
          error: {
            message: `Invalid token ${echoOf(request)}`,
            type: "OAuthException",
            code: 100,
            error_user_title: encodeURIComponent(echoOf(request)),
            error_user_msg: base64(echoOf(request)),
            fbtrace_id: echoOf(request)
          }
        },
        { status: 400 }
      )
  ],
  [
    "a 401 quoting the request",
    (request) =>
      Response.json({ error: { message: echoOf(request), type: "OAuthException", code: 190 } }, { status: 401 })
  ],
  [
    "an answer breaking its schema with the secrets in it",
    (request) =>
      Response.json({
        id: echoOf(request),
        status: 12,
        data: [{ name: echoOf(request) }],
        h: 3,
        success: echoOf(request)
      })
  ],
  [
    "a redirect to a URL with the secrets",
    (request) =>
      new Response(null, {
        status: 302,
        headers: { location: `https://evil.test/?t=${encodeURIComponent(echoOf(request))}` }
      })
  ],
  ["an HTML page quoting the request", (request) => new Response(`<html>${echoOf(request)}</html>`, { status: 502 })],
  [
    "usage headers quoting the request",
    (request) =>
      Response.json(
        { error: { message: "throttled", code: 80007 } },
        {
          status: 400,
          headers: {
            "x-business-use-case-usage": JSON.stringify({
              [echoOf(request)]: [{ call_count: 100, estimated_time_to_regain_access: 2 }]
            })
          }
        }
      )
  ]
]

/** How many requests carried the canary token and proof: the echoes really hold the secrets. */
let carried = 0

const echoing = (answer: (request: HttpClientRequest.HttpClientRequest) => Response) =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.sync(() => {
        if (echoOf(request).includes(token) && echoOf(request).includes(proof)) carried++
        return HttpClientResponse.fromWeb(request, answer(request))
      })
    )
  )

const failingTransport = Layer.succeed(
  HttpClient.HttpClient,
  HttpClient.make((request) =>
    Effect.fail(
      new HttpClientError.RequestError({
        request,
        reason: "Transport",
        cause: new Error(`connect failed for ${echoOf(request)}`)
      })
    )
  )
)

const number = ids.phoneNumberId
const wabaId = ids.wabaId
const body = [{ _tag: "BODY" as const, text: "Hello" }]

type Services = Layer.Layer.Success<typeof MetaAdmin.layerConfig>

const programs: ReadonlyArray<readonly [string, Effect.Effect<unknown, AdminError.AdminError, Services>]> = [
  ["status", NumberLifecycle.status({ id: number })],
  [
    "provision",
    NumberLifecycle.provision({ phoneNumber: "+16505550142", wabaId, displayName: "Canary Co", pin: "123456" })
  ],
  ["verify", NumberLifecycle.verifyCode({ id: number, code: "123456" })],
  ["register", MetaNumbers.register({ id: number, pin: "123456" })],
  ["profile update", BusinessProfile.update({ number, profile: { about: "About" } })],
  ["photo", BusinessProfile.setPhoto({ number, url: "https://files.test/p.png" })],
  ["media", Media.upload({ number, kind: "image", url: "https://files.test/a.png" })],
  ["media info", MetaMedia.get({ mediaId: "1" })],
  ["templates", Stream.runDrain(Templates.list({ wabaId }))],
  [
    "create",
    Templates.create({ wabaId, template: { name: "canary", language: "en_US", category: "UTILITY", components: body } })
  ],
  ["flow creation (multipart)", MetaFlows.create({ wabaId, name: "Canary", categories: ["OTHER"] })],
  [
    "flow JSON (a file)",
    MetaFlows.updateJson({ flowId: "1234567890123456", json: "{\"version\":\"6.0\",\"screens\":[{}]}" })
  ],
  ["commerce (query)", MetaCommerce.set({ phoneNumberId: number, cartEnabled: true })],
  [
    "webhook subscription",
    MetaWebhooks.subscribe({ wabaId, overrideCallbackUrl: "https://hooks.test/wa", verifyToken: "verify-canary" })
  ],
  ["user assignment (form)", MetaWaba.assignUser({ wabaId, userId: "2345678901234567", tasks: ["MANAGE"] })]
]

describe("Meta secret canaries", () => {
  it.scopedLive("no token, app secret or proof shows in any log, span or error", () =>
    Effect.gen(function*() {
      const directory = yield* Effect.acquireRelease(
        Effect.sync(() => mkdtempSync(join(tmpdir(), "meta-canaries-"))),
        (path) => Effect.sync(() => rmSync(path, { recursive: true, force: true }))
      )
      const environment = ConfigProvider.fromMap(
        new Map([
          ["META_ACCESS_TOKEN", token],
          ["META_APP_SECRET", appSecret],
          ["META_APP_ID", ids.appId],
          ["META_WABA_ID", wabaId],
          ["META_GRAPH_URL", "https://graph.meta.test"],
          ["META_QUOTA_DIR", directory]
        ])
      )
      const leaks: Array<string> = []
      let scenarios = 0
      const check = (scenario: string, captured: ReadonlyArray<Surfaces.Captured>) => {
        scenarios++
        for (const { surface, text } of captured) {
          for (const { name, needle } of needles) {
            if (text.includes(needle)) leaks.push(`${scenario}: ${name} in ${surface}`)
          }
        }
      }
      for (const [answerName, answer] of [...answers, ["a transport error quoting the request", undefined] as const]) {
        const http = answer === undefined ? failingTransport : echoing(answer)
        for (const [programName, program] of programs) {
          const run = program.pipe(
            Effect.provide(MetaAdmin.layerConfig.pipe(Layer.provide(http))),
            Effect.withConfigProvider(environment),
            Effect.timeout("20 seconds")
          )
          const { captured } = yield* observe(run)
          check(`${programName} ← ${answerName}`, captured)
        }
      }
      // And against the emulator (the requests carry the real proof of its secret).
      const { context, emulator } = yield* emulated()
      for (const [programName, program] of programs) {
        const { captured } = yield* observe(program.pipe(Effect.provide(context)))
        check(`${programName} ← emulator`, captured)
      }
      const emulatorProof = createHmac("sha256", emulator.credentials.appSecret ?? "").update(
        emulator.credentials.accessToken
      ).digest("hex")
      assert.isTrue((yield* emulator.requests).some((request) => request.query["appsecret_proof"] === emulatorProof))
      assert.isAbove(carried, programs.length * answers.length, "the canaries reached the fake in every scenario")
      ReliabilityMetrics.record({
        area: "canaries",
        scenariosRun: scenarios,
        scenariosPassed: scenarios - new Set(leaks.map((leak) => leak.split(":")[0])).size
      })
      assert.deepStrictEqual(leaks.slice(0, 20), [])
    }))
})
