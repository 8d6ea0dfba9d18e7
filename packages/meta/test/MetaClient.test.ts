import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle, Transport } from "@wa-admin/core"
import { RecordingTracer } from "@wa-admin/core/testing"
import { ConfigProvider, Context, Duration, Effect, Either, Fiber, Layer, Option, TestClock } from "effect"
import { createHmac } from "node:crypto"
import { MetaClient, MetaQuota } from "../src/index.js"
import {
  adapter,
  appSecret,
  failure,
  type Graph,
  graph,
  graphAdapter,
  graphError,
  lastRequest,
  phoneNumberId,
  token
} from "./support.js"

const status = NumberLifecycle.status({ id: phoneNumberId })
const connected = { id: phoneNumberId, status: "CONNECTED", code_verification_status: "VERIFIED" }

const proofOf = (secret: string, accessToken: string) => createHmac("sha256", secret).update(accessToken).digest("hex")

describe("MetaClient", () => {
  describe("authentication", () => {
    it.scoped("sends the token as a bearer header, never in the URL, and the appsecret_proof on every call", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer(() => ({ status: 200, body: connected }))
        yield* Effect.all([status, status], { concurrency: 2 }).pipe(Effect.provide(context))
        const requests = yield* target.requests
        assert.strictEqual(requests.length, 2)
        for (const request of requests) {
          assert.strictEqual(request.headers["authorization"], `Bearer ${token}`)
          assert.strictEqual(request.query["appsecret_proof"], proofOf(appSecret, token))
          assert.match(request.query["appsecret_proof"] ?? "", /^[0-9a-f]{64}$/)
          assert.notInclude(JSON.stringify(request.query), token)
          assert.notInclude(request.path, token)
          assert.isUndefined(request.query["access_token"])
        }
      }))

    it.scoped("without an app secret no appsecret_proof is sent", () =>
      Effect.gen(function*() {
        const target = yield* graph
        target.answer(() => ({ status: 200, body: connected }))
        const context = yield* adapter(target, { appSecret: undefined })
        yield* status.pipe(Effect.provide(context))
        const request = yield* lastRequest(target)
        assert.isUndefined(request.query["appsecret_proof"])
        assert.strictEqual(request.headers["authorization"], `Bearer ${token}`)
      }))

    it.scoped("the Graph version and the base URL are configurable", () =>
      Effect.gen(function*() {
        const target = yield* graph
        target.answer(() => ({ status: 200, body: connected }))
        const context = yield* adapter(target, { graphVersion: "v21.0", baseUrl: `${target.url}/` })
        yield* status.pipe(Effect.provide(context))
        assert.strictEqual((yield* lastRequest(target)).path, `/v21.0/${phoneNumberId}`)
      }))

    it.scoped("a span's URL shows neither the token nor the proof", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer(() => ({ status: 200, body: connected }))
        const recording = RecordingTracer.make()
        yield* status.pipe(Effect.provide(context), Effect.withTracer(recording.tracer))
        const urls = recording.spans.map((span) => String(span.attributes.get("url.full") ?? "")).filter((url) =>
          url.length > 0
        )
        assert.isAbove(urls.length, 0)
        for (const url of urls) {
          assert.notInclude(url, proofOf(appSecret, token))
          assert.notInclude(url, token)
          assert.include(url, "appsecret_proof=<redacted>")
        }
      }))
  })

  describe("configuration", () => {
    const build = (options: MetaClient.Options) =>
      MetaClient.make(options).pipe(
        Effect.provide(Layer.merge(NodeHttpClient.layerUndici, MetaQuota.layerMemory)),
        Effect.either
      )

    const refusedFor = (options: MetaClient.Options, variable: string) =>
      Effect.gen(function*() {
        const result = yield* build(options)
        assert.isTrue(Either.isLeft(result), `expected a ConfigError for ${variable}`)
        if (Either.isLeft(result)) {
          assert.include(String(result.left), variable)
          assert.notInclude(String(result.left), token)
        }
      })

    it.effect("refuses a token or secret that cannot travel in a header, ids that are not digits, a malformed version or URL", () =>
      Effect.gen(function*() {
        yield* refusedFor({ accessToken: "   " }, "META_ACCESS_TOKEN")
        yield* refusedFor({ accessToken: `${token}\r\nX-Injected: 1` }, "META_ACCESS_TOKEN")
        yield* refusedFor({ accessToken: token, appSecret: "" }, "META_APP_SECRET")
        yield* refusedFor({ accessToken: token, wabaId: "waba-1" }, "META_WABA_ID")
        yield* refusedFor({ accessToken: token, appId: "12a" }, "META_APP_ID")
        yield* refusedFor({ accessToken: token, phoneNumberId: "1/2" }, "META_PHONE_NUMBER_ID")
        yield* refusedFor({ accessToken: token, businessId: "x" }, "META_BUSINESS_ID")
        yield* refusedFor({ accessToken: token, graphVersion: "23" }, "META_GRAPH_VERSION")
        yield* refusedFor({ accessToken: token, baseUrl: "ftp://graph.example" }, "META_GRAPH_URL")
      }))

    it.effect("reads the environment: a missing token is a ConfigError naming META_ACCESS_TOKEN", () =>
      Effect.gen(function*() {
        const fromEnvironment = (values: Record<string, string>) =>
          Effect.flatMap(MetaClient.config, MetaClient.make).pipe(
            Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(values)))),
            Effect.provide(Layer.merge(NodeHttpClient.layerUndici, MetaQuota.layerMemory)),
            Effect.either
          )
        const missing = yield* fromEnvironment({})
        assert.isTrue(Either.isLeft(missing) && String(missing.left).includes("META_ACCESS_TOKEN"))
        const configured = yield* fromEnvironment({
          META_ACCESS_TOKEN: token,
          META_APP_ID: "1234",
          META_WABA_ID: "5678",
          META_PHONE_NUMBER_ID: "91011",
          META_BUSINESS_ID: "1213",
          META_GRAPH_VERSION: "v22.0",
          META_GRAPH_URL: "https://graph.example.test/"
        })
        assert.isTrue(Either.isRight(configured))
        if (Either.isRight(configured)) {
          const client = configured.right
          assert.strictEqual(client.baseUrl, "https://graph.example.test/v22.0")
          assert.deepStrictEqual(
            [client.appId, client.wabaId, client.phoneNumberId, client.businessId].map(Option.getOrUndefined),
            ["1234", "5678", "91011", "1213"]
          )
        }
      }))

    it("declares every variable it reads, the token and app secret as secrets", () => {
      const byName = new Map(MetaClient.variables.map((variable) => [variable.name, variable]))
      for (
        const name of [
          "META_ACCESS_TOKEN",
          "META_APP_SECRET",
          "META_APP_ID",
          "META_WABA_ID",
          "META_PHONE_NUMBER_ID",
          "META_BUSINESS_ID",
          "META_GRAPH_VERSION",
          "META_GRAPH_URL",
          "META_QUOTA_DIR"
        ]
      ) {
        assert.isTrue(byName.has(name), name)
      }
      assert.isTrue(byName.get("META_ACCESS_TOKEN")?.secret)
      assert.isTrue(byName.get("META_APP_SECRET")?.secret)
      assert.isTrue(MetaClient.secretNames.isParameter("appsecret_proof"))
      assert.isTrue(MetaClient.secretNames.isParameter("access_token"))
    })
  })

  describe("usage headers", () => {
    /** Scripts every answer: `status` with `body`, and the usage `headers` given. */
    const answerWith = (target: Graph, headers: Record<string, string>, status = 200, body: unknown = connected) =>
      target.answer(() => ({ status, body, headers }))

    const usage = (minutes: number, percent = 10) =>
      JSON.stringify({
        [phoneNumberId]: [
          {
            type: "whatsapp_business_management",
            call_count: percent,
            total_cputime: 1,
            total_time: 1,
            estimated_time_to_regain_access: minutes
          }
        ]
      })

    /** A call answered with Meta's estimate of `minutes` to regain access, then the next call's refusal. */
    const refusedAfterWait = (minutes: number) =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        answerWith(target, { "x-business-use-case-usage": usage(minutes) })
        yield* status.pipe(Effect.provide(context))
        return { context, target, error: yield* failure(context, status, "RateLimited") }
      })

    it.scoped("waits until Meta's estimated time to regain access before the next call", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        answerWith(target, { "x-business-use-case-usage": usage(1) })
        yield* status.pipe(Effect.provide(context))
        answerWith(target, { "x-business-use-case-usage": usage(0) })
        const waiting = yield* Effect.fork(status.pipe(Effect.provide(context)))
        yield* TestClock.adjust("59 seconds")
        assert.strictEqual((yield* target.requests).length, 1, "nothing is sent before the minute is over")
        yield* TestClock.adjust("1 second")
        yield* Fiber.join(waiting)
        assert.strictEqual((yield* target.requests).length, 2)
        yield* status.pipe(Effect.provide(context))
        assert.strictEqual((yield* target.requests).length, 3, "once access is regained, calls go at once")
      }))

    it.scoped("a wait longer than a minute fails at once with RateLimited carrying it, nothing sent", () =>
      Effect.gen(function*() {
        const { context, error, target } = yield* refusedAfterWait(5)
        assert.deepStrictEqual(error.retryAfter, Duration.minutes(5))
        assert.strictEqual(error.attempts, 0)
        assert.strictEqual((yield* target.requests).length, 1)
        const client = Context.get(context, MetaClient.MetaClient)
        assert.deepStrictEqual(yield* client.usage, { regainIn: Option.some(Duration.minutes(5)), high: false })
      }))

    it.scoped("at 90 % of an allowance each call pauses first; below, it does not", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        answerWith(target, { "x-app-usage": JSON.stringify({ call_count: 95, total_cputime: 3, total_time: 4 }) })
        yield* status.pipe(Effect.provide(context))
        answerWith(target, { "x-app-usage": JSON.stringify({ call_count: 20, total_cputime: 3, total_time: 4 }) })
        const paused = yield* Effect.fork(status.pipe(Effect.provide(context)))
        yield* TestClock.adjust("1 second")
        assert.strictEqual((yield* target.requests).length, 1)
        yield* TestClock.adjust("1 second")
        yield* Fiber.join(paused)
        assert.strictEqual((yield* target.requests).length, 2)
        yield* status.pipe(Effect.provide(context))
        assert.strictEqual((yield* target.requests).length, 3)
      }))

    it.scoped("a refusal by a rate-limit code carries Meta's estimate as retryAfter", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        answerWith(target, { "x-business-use-case-usage": usage(30, 100) }, 400, graphError(80007))
        const error = yield* failure(context, status, "RateLimited")
        assert.deepStrictEqual(error.retryAfter, Duration.minutes(30))
        assert.strictEqual(error.problem?.code, "80007")
      }))

    it.scoped("hostile usage headers (huge, deep, not JSON, negative, infinite) are ignored", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        for (
          const value of [
            `{"a":[{"estimated_time_to_regain_access":${"9".repeat(400)}}]}`,
            `${"[".repeat(2000)}${"]".repeat(2000)}`,
            JSON.stringify({ a: { b: { c: { d: [{ estimated_time_to_regain_access: 1 }] } } } }),
            "not json",
            JSON.stringify({ a: [{ estimated_time_to_regain_access: -5, call_count: -100 }] })
          ]
        ) {
          answerWith(target, { "x-business-use-case-usage": value, "x-app-usage": value })
          yield* status.pipe(Effect.provide(context))
        }
        // No wait was taken from any of them: the next call goes at once.
        yield* status.pipe(Effect.provide(context))
        assert.strictEqual((yield* target.requests).length, 6)
      }))

    it.scoped("an estimate beyond a day is taken as a day", () =>
      Effect.gen(function*() {
        const { error } = yield* refusedAfterWait(10_000_000)
        assert.deepStrictEqual(error.retryAfter, Duration.hours(24))
      }))
  })

  describe("answers", () => {
    it.scoped("a 2xx answer saying success: false is an UnexpectedResponse", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer(() => ({ status: 200, body: { success: false } }))
        const error = yield* Effect.flip(NumberLifecycle.release({ id: phoneNumberId }).pipe(Effect.provide(context)))
        assert.strictEqual(error._tag, "UnexpectedResponse")
      }))

    it.scoped("a 2xx answer holding a Graph error is classified as that error", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer(() => ({ status: 200, body: graphError(190) }))
        yield* failure(context, status, "Unauthorized")
      }))

    it.scopedLive("a 5xx on a read is retried; on a registration it is OutcomeUnknown, never sent twice", () =>
      Effect.gen(function*() {
        const { context, target } = yield* graphAdapter
        target.answer(() => ({ status: 500, body: graphError(2, { is_transient: true }) }))
        const policy = Transport.withPolicy({ maxAttempts: 2, jitter: "none", baseDelay: "1 millis" })
        const read = yield* Effect.flip(status.pipe(Effect.provide(context), policy))
        assert.strictEqual(read._tag, "ProviderUnavailable")
        assert.strictEqual((yield* target.requests).length, 2)
        yield* target.clearRequests
        const write = yield* Effect.flip(
          NumberLifecycle.release({ id: phoneNumberId }).pipe(Effect.provide(context), policy)
        )
        assert.strictEqual(write._tag, "OutcomeUnknown")
        assert.strictEqual((yield* target.requests).length, 1)
      }))
  })
})
