/**
 * The client: configuration, the two authentication methods, the `ok: 1` envelope and the
 * failure forms, secrets kept out of errors, logs and spans.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Templates } from "@wa-admin/core"
import { EmulatorHost } from "@wa-admin/core/testing"
import { QuotaStore, WoztellAdmin, WoztellClient, WoztellFlows, WoztellWaba } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Chunk, ConfigError, ConfigProvider, Effect, Layer, Redacted, Stream } from "effect"
import {
  expectFailure,
  expectTag,
  fakeAdmin,
  fakeBaseUrl,
  fakeHttpClient,
  fakeSettings,
  recordingLogger,
  recordingTracer,
  setup,
  temporaryDirectory
} from "./support.js"

/** Generous: the machine running the suite may be busy; nothing here waits on real time. */
const timeout = 60_000

describe("configuration", () => {
  it.scoped("layerConfig reads WOZTELL_* and works against the configured base URL", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const credentials = emulator.credentials
      const context = yield* Layer.build(
        EmulatorHost.configuredFrom(WoztellAdmin.layerConfig, {
          ...emulator.environment,
          WOZTELL_QUOTA_DIR: yield* temporaryDirectory
        })
      )
      const status = yield* WoztellWaba.numberStatus().pipe(Effect.provide(context))
      assert.strictEqual(
        status.phoneNumberId,
        credentials.phoneNumberId,
        "the configured phone number id is the default"
      )
      const flows = yield* WoztellFlows.list().pipe(Stream.runCollect, Effect.provide(context))
      assert.strictEqual(Chunk.size(flows), 0, "the signed context from the environment is accepted")
    }), timeout)

  it.effect("a missing WOZTELL_ACCESS_TOKEN is a ConfigError naming it", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Layer.build(
          WoztellAdmin.layerConfig.pipe(
            Layer.provide(NodeHttpClient.layerUndici),
            Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map([["WOZTELL_CHANNEL_ID", "1"]]))))
          )
        ).pipe(Effect.scoped)
      )
      assert.include(String(error), "WOZTELL_ACCESS_TOKEN")
    }))

  it.scoped(
    "without the signed-context settings, token-only operations work and flows fail naming the missing variables",
    () =>
      Effect.gen(function*() {
        const { emulator, run } = yield* setup({
          client: (emulator) => ({
            accessToken: Redacted.make(emulator.credentials.accessToken),
            baseUrl: emulator.url,
            channelId: emulator.credentials.channelId
          })
        })
        const profile = yield* run(BusinessProfile.get({ number: emulator.credentials.phoneNumberId }))
        assert.isDefined(profile)
        yield* emulator.clearRequests
        const error = yield* Effect.flip(run(WoztellFlows.list().pipe(Stream.runCollect)))
        assert.strictEqual(error._tag, "Unauthorized")
        assert.include(error.message, "WOZTELL_APP_ID")
        assert.include(error.message, "WOZTELL_APP_INTEGRATION_ID")
        assert.include(error.message, "WOZTELL_APP_INTEGRATION_SIGNATURE")
        assert.notInclude(error.message, "WOZTELL_CHANNEL_ID", "the channel id is configured")
        assert.deepStrictEqual(yield* emulator.requests, [], "nothing was sent")
      }),
    timeout
  )

  it.scoped("an operation needing an unconfigured default names its variable", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* setup({
        client: (emulator) => ({ accessToken: Redacted.make(emulator.credentials.accessToken), baseUrl: emulator.url })
      })
      const error = yield* expectFailure(run(WoztellWaba.info()), "InvalidInput")
      assert.strictEqual(error.issues[0].field, "wabaId")
      assert.include(error.issues[0].rule, "WOZTELL_WABA_ID")
      const info = yield* run(WoztellWaba.info({ wabaId: emulator.credentials.wabaId }))
      assert.strictEqual(info.wabaId, emulator.credentials.wabaId)
    }), timeout)

  for (
    const [what, value] of [
      ["not a URL", "api.woztell.example/v1.2"],
      ["a URL of another scheme", "ftp://api.woztell.example/v1.2"]
    ] as const
  ) {
    it.effect(`a WOZTELL_BASE_URL that is ${what}: a ConfigError naming WOZTELL_BASE_URL, and 0 requests`, () =>
      Effect.gen(function*() {
        const http = fakeHttpClient(() => ({ status: 200, body: { ok: 1, data: [] } }))
        const error = yield* Effect.flip(
          Templates.list({ wabaId: "104996745761324" }).pipe(
            Stream.runCollect,
            Effect.provide(
              WoztellAdmin.layerConfigWith(undefined, QuotaStore.layerMemory()).pipe(
                Layer.provide(http.layer),
                Layer.provide(
                  Layer.setConfigProvider(
                    ConfigProvider.fromMap(
                      new Map([
                        ["WOZTELL_ACCESS_TOKEN", "token-0123456789-secret"],
                        ["WOZTELL_BASE_URL", value]
                      ])
                    )
                  )
                )
              )
            )
          )
        )
        assert.isTrue(ConfigError.isConfigError(error), String(error))
        if (ConfigError.isConfigError(error) && error._op === "InvalidData") {
          assert.deepStrictEqual(error.path, ["WOZTELL_BASE_URL"])
          assert.include(error.message, "Expected an absolute http(s) URL")
        } else assert.fail(`expected InvalidData on WOZTELL_BASE_URL, got ${String(error)}`)
        assert.strictEqual(http.requests.length, 0, "nothing was sent")
      }))
  }
})

describe("signed-context settings that a header cannot carry", () => {
  const options = {
    WOZTELL_CHANNEL_ID: "channelId",
    WOZTELL_APP_ID: "appId",
    WOZTELL_APP_INTEGRATION_ID: "appIntegrationId",
    WOZTELL_APP_INTEGRATION_SIGNATURE: "appIntegrationSignature"
  } as const
  /** `fakeSettings` as the environment would give them. */
  const valid = {
    WOZTELL_ACCESS_TOKEN: Redacted.value(fakeSettings.accessToken),
    WOZTELL_BASE_URL: fakeBaseUrl,
    ...Object.fromEntries(
      Object.entries(options).map(([variable, option]) => {
        const setting = fakeSettings[option]
        return [variable, Redacted.isRedacted(setting) ? Redacted.value(setting) : String(setting)]
      })
    )
  }
  const bad = [
    ["a non-Latin-1 character", "696327315430a1f98231dfde\u65e5\u672c"],
    ["a trailing CR", "696327315430a1f98231dfde\r"],
    ["CR LF and another header", "6963\r\nX-Injected: 1"],
    ["a NUL", "6963\u00002731"],
    ["a space", "6963 2731"],
    ["a tab", "6963\t2731"],
    ["a DEL", "6963\u007f"],
    ["an emoji", "6963\u{1F600}"]
  ] as const
  const flows = WoztellFlows.list().pipe(Stream.runCollect)

  for (const [variable, option] of Object.entries(options)) {
    for (const [what, value] of bad) {
      it.effect(`${variable} with ${what}: a ConfigError naming it, never the value, and 0 requests`, () =>
        Effect.gen(function*() {
          const http = fakeHttpClient(() => ({ status: 200, body: { ok: 1, data: [] } }))
          const fromEnvironment = yield* Effect.flip(
            flows.pipe(
              Effect.provide(
                WoztellAdmin.layerConfig.pipe(
                  Layer.provide(http.layer),
                  Layer.provide(
                    Layer.setConfigProvider(
                      ConfigProvider.fromMap(new Map(Object.entries({ ...valid, [variable]: value })))
                    )
                  )
                )
              )
            )
          )
          const fromOptions = yield* Effect.flip(
            flows.pipe(
              Effect.provide(
                WoztellAdmin.layerComplete.pipe(
                  Layer.provide(
                    WoztellClient.layer({
                      ...fakeSettings,
                      [option]: option === "appIntegrationSignature" ? Redacted.make(value) : value
                    })
                  ),
                  Layer.provide(QuotaStore.layerMemory()),
                  Layer.provide(http.layer)
                )
              )
            )
          )
          for (const error of [fromEnvironment, fromOptions]) {
            assert.isTrue(ConfigError.isConfigError(error), String(error))
            const text = String(error)
            assert.include(text, variable)
            assert.notInclude(text, value)
            assert.notInclude(JSON.stringify(error), value)
          }
          assert.strictEqual(http.requests.length, 0, "nothing was sent")
        }))
    }
  }

  it.effect("WoztellClient.config refuses such a value when it is read", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.withConfigProvider(
          WoztellClient.config,
          ConfigProvider.fromMap(
            new Map(Object.entries({ ...valid, WOZTELL_APP_INTEGRATION_SIGNATURE: "1RJ7rKRTHbOB\noY95=" }))
          )
        )
      )
      assert.include(String(error), "WOZTELL_APP_INTEGRATION_SIGNATURE")
      assert.notInclude(String(error), "1RJ7rKRTHbOB")
      const settings = yield* Effect.withConfigProvider(
        WoztellClient.config,
        ConfigProvider.fromMap(new Map(Object.entries(valid)))
      )
      assert.strictEqual(settings.channelId, fakeSettings.channelId, "the document's own values are accepted")
    }))
})

describe("authentication and secrets", () => {
  it.scoped(
    "a wrong token → Unauthorized with WOZTELL's message; the token is in no error, log line or span",
    () =>
      Effect.gen(function*() {
        const wrongToken = "wrong-token-abcdef-0123456789"
        const { emulator, run } = yield* setup({
          client: (emulator) => ({
            accessToken: Redacted.make(wrongToken),
            baseUrl: emulator.url,
            channelId: emulator.credentials.channelId,
            appId: emulator.credentials.appId,
            appIntegrationId: emulator.credentials.appIntegrationId,
            appIntegrationSignature: Redacted.make(emulator.credentials.signature)
          })
        })
        const { spans, tracer } = recordingTracer()
        const logger = recordingLogger()
        const error = yield* Effect.flip(
          run(BusinessProfile.get({ number: emulator.credentials.phoneNumberId })).pipe(
            Effect.withTracer(tracer),
            Effect.provide(logger.layer)
          )
        )
        assert.strictEqual(error._tag, "Unauthorized")
        if (error._tag === "Unauthorized") assert.strictEqual(error.reason, "Invalid access token")
        const createError = yield* Effect.flip(
          run(
            Templates.create({
              wabaId: emulator.credentials.wabaId,
              template: { name: "t", language: "en", category: "MARKETING", components: [{ _tag: "BODY", text: "x" }] }
            })
          ).pipe(Effect.withTracer(tracer), Effect.provide(logger.layer))
        )
        assert.strictEqual(createError._tag, "Unauthorized")
        const surfaced = [
          error.message,
          JSON.stringify(error),
          createError.message,
          JSON.stringify(createError),
          ...spans.map((span) => span.render()),
          ...logger.lines
        ].join("\n")
        assert.isAbove(spans.length, 0)
        assert.isAbove(logger.lines.length, 0)
        assert.include(surfaced, "wa-admin.woztell.profile.get")
        for (const secret of [wrongToken, encodeURIComponent(wrongToken), emulator.credentials.signature]) {
          assert.notInclude(surfaced, secret)
        }
      }),
    timeout
  )

  it.scoped("a wrong signature → Unauthorized on signed-context operations", () =>
    Effect.gen(function*() {
      const { emulator, run } = yield* setup({
        client: (emulator) => ({
          accessToken: Redacted.make(emulator.credentials.accessToken),
          baseUrl: emulator.url,
          channelId: emulator.credentials.channelId,
          appId: emulator.credentials.appId,
          appIntegrationId: emulator.credentials.appIntegrationId,
          appIntegrationSignature: Redacted.make("not-the-signature-0123456789=")
        })
      })
      const error = yield* Effect.flip(run(WoztellFlows.detail({ flowId: "1" })))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.notInclude(error.message, "not-the-signature-0123456789=")
      assert.strictEqual(
        (yield* run(WoztellWaba.info())).wabaId,
        emulator.credentials.wabaId,
        "token-only calls still work"
      )
    }), timeout)
})

describe("the envelope and WOZTELL's failure forms", () => {
  const flowDetail = (status: number, body: unknown) => {
    const { layer } = fakeAdmin(() => ({ status, body }))
    return WoztellFlows.detail({ flowId: "123" }).pipe(Effect.flip, Effect.provide(layer))
  }

  it.effect("{ ok: 0, error } with 401 → Unauthorized carrying the message", () =>
    Effect.gen(function*() {
      const error = expectTag(yield* flowDetail(401, { ok: 0, error: "Invalid signature" }), "Unauthorized")
      assert.strictEqual(error.reason, "Invalid signature")
      assert.strictEqual(error.problem?.detail, "Invalid signature")
      assert.strictEqual(error.problem?.status, 401)
    }))

  it.effect("{ error: { message } } with 400 → InvalidInput from the provider, naming the field it starts with", () =>
    Effect.gen(function*() {
      const error = expectTag(
        yield* flowDetail(400, { ok: 0, error: { message: "flowId must be a numeric id", code: 100 } }),
        "InvalidInput"
      )
      assert.strictEqual(error.source, "provider")
      assert.deepStrictEqual(error.issues.map((issue) => [issue.field, issue.rule]), [[
        "flowId",
        "flowId must be a numeric id"
      ]])
      assert.strictEqual(error.problem?.code, "100")
    }))

  it.effect("{ message } with 404 → NotFound naming the flow", () =>
    Effect.gen(function*() {
      const error = expectTag(yield* flowDetail(404, { message: "no such flow" }), "NotFound")
      assert.strictEqual(error.resource, "flow")
      assert.strictEqual(error.id, "123")
      assert.strictEqual(error.problem?.detail, "no such flow")
    }))

  it.effect("{ err } with 409 → Conflict", () =>
    Effect.gen(function*() {
      const error = expectTag(yield* flowDetail(409, { err: "The flow is being published" }), "Conflict")
      assert.strictEqual(error.reason, "The flow is being published")
    }))

  it.effect("a 200 whose body says ok: 0 is an UnexpectedResponse carrying the message, whatever the message says", () =>
    Effect.gen(function*() {
      for (const message of ["Flow 123 not found", "Invalid access token", "Something odd happened"]) {
        const error = yield* flowDetail(200, { ok: 0, error: message })
        assert.strictEqual(error._tag, "UnexpectedResponse", message)
        if (error._tag === "UnexpectedResponse") {
          assert.strictEqual(error.reason, message)
          assert.strictEqual(error.problem?.detail, message)
        }
      }
    }))

  it.effect("a 200 without ok: 1 (missing, true, a string) is never taken as success", () =>
    Effect.gen(function*() {
      for (
        const body of [
          { id: "123", name: "x", status: "DRAFT" },
          { ok: true, id: "123", name: "x", status: "DRAFT" },
          "{}"
        ]
      ) {
        const error = yield* flowDetail(200, body)
        assert.strictEqual(error._tag, "UnexpectedResponse", JSON.stringify(body))
      }
    }))

  it.effect("a message echoing the token is scrubbed", () =>
    Effect.gen(function*() {
      const { layer } = fakeAdmin(() => ({
        status: 401,
        body: { ok: 0, error: "Token token-0123456789-secret is revoked" }
      }))
      const error = yield* BusinessProfile.get({ number: "1" }).pipe(Effect.flip, Effect.provide(layer))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.notInclude(error.message, "token-0123456789-secret")
      assert.include(error.message, "<redacted>")
    }))
})

/**
 * WOZTELL's document shows no failure body, status or error code (it proxies Meta's Graph API,
 * but shows none of Meta's codes either): the HTTP status alone decides, and the words of a
 * message never do. The message stays in `problem.detail`.
 */
describe("classification by status, never by the words of a message", () => {
  const create = (status: number, body: unknown) => {
    const { layer, requests } = fakeAdmin(() => ({ status, body }))
    return Templates.create({
      wabaId: "190787529545503",
      template: {
        name: "order_update",
        language: "en_US",
        category: "UTILITY",
        components: [{ _tag: "BODY", text: "Hi {{1}}", examples: [["Ann"]] }]
      }
    }).pipe(
      Effect.flip,
      // Creations sent (a refused creation is then looked up by name: a read, not a retry).
      Effect.map((error) => ({ error, requests: requests.filter((request) => request.method === "PUT").length })),
      Effect.provide(layer)
    )
  }
  /** Messages whose words once decided the error; none may now. */
  const misleading = [
    "Param text at index 0 contains invalid token {{0}}",
    "Invalid access token",
    "Unauthorized",
    "Template not found",
    "No such WABA",
    "Message template already exists",
    "Duplicate name",
    "Rate limit exceeded",
    "Too many requests"
  ]
  const expected = [
    [400, "InvalidInput"],
    [422, "InvalidInput"],
    [401, "Unauthorized"],
    [403, "Forbidden"],
    [404, "NotFound"],
    [409, "Conflict"],
    [410, "NotFound"],
    [418, "UnexpectedResponse"]
  ] as const

  it.effect("a 400 saying \"… invalid token {{0}}\" is InvalidInput from the provider (exit 4), not Unauthorized (exit 5)", () =>
    Effect.gen(function*() {
      const message = "(#100) Param text at index 0 contains invalid token {{0}}"
      const { error, requests } = yield* create(400, { ok: 0, error: message })
      assert.strictEqual(error._tag, "InvalidInput")
      if (error._tag === "InvalidInput") {
        assert.strictEqual(error.source, "provider")
        assert.strictEqual(error.problem?.detail, message)
        assert.strictEqual(error.problem?.status, 400)
        assert.deepStrictEqual(error.issues.map((issue) => issue.rule), [message])
      }
      assert.strictEqual(requests, 1, "not retried")
    }))

  for (const [status, tag] of expected) {
    it.effect(`HTTP ${status} → ${tag}, whatever the message says`, () =>
      Effect.gen(function*() {
        for (const message of misleading) {
          for (
            const body of [{ ok: 0, error: message }, { ok: 0, error: { message, code: 100 } }, { message }, {
              err: message
            }]
          ) {
            const { error } = yield* create(status, body)
            assert.strictEqual(error._tag, tag, `${status} ${JSON.stringify(body)}`)
            assert.strictEqual(
              "problem" in error ? error.problem?.detail : undefined,
              message,
              "the message is kept as the detail"
            )
          }
        }
      }))
  }

  it.effect("a Graph-style error body keeps its code as problem.code; the status decides (the document gives no codes)", () =>
    Effect.gen(function*() {
      const body = {
        error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190, error_subcode: 463 }
      }
      const { error } = yield* create(400, body)
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual(error._tag === "InvalidInput" ? error.problem?.code : undefined, "190")
      const unauthorized = (yield* create(401, body)).error
      assert.strictEqual(unauthorized._tag, "Unauthorized")
    }))
})

/** The document's own GET /whatsapp-message-templates example (its leading brace restored). */
const documentExample = {
  ok: 1,
  data: [
    {
      id: "363730401994967",
      name: "sample_flight_confirmation",
      category: "TICKET_UPDATE",
      languages: ["pt_BR", "es", "id", "en_US"],
      statuses: [
        { language: "pt_BR", status: "APPROVED" },
        { language: "es", status: "APPROVED" },
        { language: "id", status: "APPROVED" },
        { language: "en_US", status: "APPROVED" }
      ],
      templates: ["pt_BR", "es", "id", "en_US"].map((language) => ({
        language,
        status: "APPROVED",
        rejected_reason: "NONE",
        components: [
          { type: "HEADER", format: "DOCUMENT" },
          { type: "BODY", text: `(${language}) This is your flight confirmation for {{1}}-{{2}} on {{3}}.` },
          { type: "FOOTER", text: "This message is from an unverified business." }
        ],
        quality_score: { score: "UNKNOWN" }
      }))
    }
  ],
  paging: { cursors: { before: "MAZDZD", after: "MAZDZD" }, hasNext: false, hasPrevious: false }
}

describe("reading templates leniently", () => {
  it.effect("the document's example: the legacy category TICKET_UPDATE is kept, one Template per language", () =>
    Effect.gen(function*() {
      const { layer } = fakeAdmin(() => ({ status: 200, body: documentExample }))
      const templates = Chunk.toReadonlyArray(
        yield* Templates.list({ wabaId: "190787529545503" }).pipe(Stream.runCollect, Effect.provide(layer))
      )
      assert.deepStrictEqual(templates.map((template) => template.language), ["pt_BR", "es", "id", "en_US"])
      for (const template of templates) {
        assert.strictEqual(template.category, "TICKET_UPDATE")
        assert.strictEqual(template.status, "APPROVED")
        assert.strictEqual(template.qualityScore, "UNKNOWN")
        assert.isUndefined(template.rejectedReason, "NONE means no rejection")
        assert.isUndefined(template.id, "the entry's id belongs to one unknown language of four")
        assert.deepStrictEqual(
          template.components.map((component) => component._tag),
          ["HEADER", "BODY", "FOOTER"]
        )
      }
    }))

  it.effect("components and buttons the domain has no place for are left out, the template is kept", () =>
    Effect.gen(function*() {
      const body = {
        ok: 1,
        data: [
          {
            id: "1",
            name: "carousel_offer",
            category: "MARKETING",
            templates: [
              {
                language: "en_US",
                status: "APPROVED",
                components: [
                  { type: "BODY", text: "Pick one" },
                  { type: "CAROUSEL", cards: [] },
                  { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open" }, { type: "QUICK_REPLY", text: "Later" }] }
                ]
              }
            ]
          }
        ]
      }
      const { layer } = fakeAdmin(() => ({ status: 200, body }))
      const [template] = Chunk.toReadonlyArray(
        yield* Templates.list({ wabaId: "1" }).pipe(Stream.runCollect, Effect.provide(layer))
      )
      assert.strictEqual(template?.id, "1", "a one-language entry's id is that language's")
      assert.deepStrictEqual(template?.components, [
        { _tag: "BODY", text: "Pick one" },
        { _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: "Later" }] }
      ])
    }))

  it.effect("a provider repeating its cursor ends the stream with UnexpectedResponse instead of looping", () =>
    Effect.gen(function*() {
      const page = {
        ...documentExample,
        paging: { cursors: { before: "MAZDZD", after: "MAZDZD" }, hasNext: true, hasPrevious: false }
      }
      const { layer, requests } = fakeAdmin(() => ({ status: 200, body: page }))
      const error = yield* Templates.list({ wabaId: "1" }).pipe(Stream.runCollect, Effect.flip, Effect.provide(layer))
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.strictEqual(requests.length, 2)
    }))
})
