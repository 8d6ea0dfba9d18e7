/**
 * The hostile-id check for the WOZTELL adapter, against the emulator over real HTTP: the nastiest
 * ids (core/testing's `HostileIds`) go through every operation that takes an id — the port
 * services, the extensions, and the settings the client falls back on (`WOZTELL_CHANNEL_ID`,
 * `WOZTELL_WABA_ID`, `WOZTELL_PHONE_NUMBER_ID`).
 *
 * WOZTELL carries ids in query parameters and JSON bodies, never in paths, so a request that
 * reached the emulator must be at the operation's fixed path with the id intact in its
 * parameter or field. Beyond that, every id here has a documented form — Meta's numeric ids
 * (WABA, phone number, template, flow, catalog), a 24-hex channel id, a template name or language
 * code — and none of the hostile values has it: each must be refused locally, naming its field,
 * with not one request sent.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { HostileIds } from "@wa-admin/core/testing"
import { ConfigError, Effect, Layer, Stream } from "effect"
import { WoztellCatalogs, WoztellFlows, WoztellWaba } from "../src/index.js"
import type { WoztellClient } from "../src/index.js"
import type { Services } from "./support.js"
import { adminOrConfigError, emulated, emulatorOptions } from "./support.js"

type Case = HostileIds.Case<Services>
type SentRequest = HostileIds.SentRequest

const collect = <A>(stream: Stream.Stream<A, AdminError.AdminError, Services>) => Stream.runCollect(stream)

const body = { _tag: "BODY", text: "Your order {{1}} has shipped", examples: [["A-1"]] } as const
const draft = { name: "order_update", language: "en_US", category: "UTILITY", components: [body] } as const
const screens = [{
  id: "WELCOME",
  title: "Welcome",
  terminal: true,
  layout: { type: "SingleColumnLayout", children: [] }
}]

/** The value of a (dotted) field of a JSON body. */
const field = (value: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>(
    (current, key) =>
      typeof current === "object" && current !== null ? (current as Readonly<Record<string, unknown>>)[key] : undefined,
    value
  )

/** Where an operation's requests carry the id: a query parameter or a body field, per path. */
type Carriers = Readonly<Record<string, (request: SentRequest) => unknown>>
const inQuery = (name: string) => (request: SentRequest) => request.query[name]
const inBody = (path: string) => (request: SentRequest) => field(request.body, path)
/** A request that does not carry the id at all (a lookup by another key). */
const without = () => undefined

describe("WOZTELL hostile ids", () => {
  it.scopedLive("every id is refused locally unless it could be one of WOZTELL's ids, and never reaches another resource", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      const { credentials } = emulator
      const base = new URL(emulator.url).pathname
      const run = <A>(effect: Effect.Effect<A, AdminError.AdminError, Services>) => Effect.provide(effect, context)

      /**
       * A case whose requests may go to `carriers`' paths, each carrying the id as its carrier
       * reads it (or, for a request that does not carry it, something else that is valid).
       */
      const hostile = (
        operation: string,
        fieldName: string,
        carriers: Carriers,
        call: (value: string) => Effect.Effect<unknown, AdminError.AdminError, Services>,
        expected: (request: SentRequest, value: string) => unknown = (_, value) => value
      ): Case => ({
        operation,
        field: fieldName,
        run: (value) => run(call(value)),
        paths: () => Object.keys(carriers).map((path) => `${base}${path}`),
        intact: (request, value) => {
          const carrier = carriers[request.path.slice(base.length)]
          return carrier !== undefined && carrier(request) === expected(request, value)
        }
      })

      const number = credentials.phoneNumberId
      const wabaId = credentials.wabaId
      const templateRead = { "/whatsapp-message-templates": inQuery("wabaId") }
      const profileRead = { "/whatsapp-business-profile": inQuery("phoneNumberId") }
      const numberStatusRead = { "/whatsapp-displayname-status": inQuery("phoneNumberId") }
      // A number's status reads its display name status, then its WABA by the channel id.
      const numberAndWabaRead = { ...numberStatusRead, "/waba-info": inQuery("channelId") }
      // A profile write PATCHes the number, then reads it back.
      const profileWrite = {
        "/whatsapp-business-profile": (request: SentRequest) =>
          request.method === "GET" ? request.query["phoneNumberId"] : field(request.body, "phoneNumberId")
      }
      const flowId = yield* run(WoztellFlows.create({ name: "Preferences", categories: ["SIGN_UP"] }))
      const catalog = yield* emulator.addCatalog({ name: "Bakery", products: [] })
      yield* emulator.clearRequests

      const flowRef = (
        operation: string,
        path: string,
        carrier: (request: SentRequest) => unknown,
        call: (request: { readonly flowId: string }) => Effect.Effect<unknown, AdminError.AdminError, Services>
      ) => hostile(operation, "flowId", { [path]: carrier }, (value) => call({ flowId: value }))

      const portCases: ReadonlyArray<Case> = [
        hostile(
          "numbers.status",
          "id",
          numberAndWabaRead,
          (value) => NumberLifecycle.status({ id: value }),
          (request, value) => (request.path.endsWith("/waba-info") ? credentials.channelId : value)
        ),
        hostile("profile.get", "number", profileRead, (value) => BusinessProfile.get({ number: value })),
        hostile(
          "profile.update",
          "number",
          profileWrite,
          (value) => BusinessProfile.update({ number: value, profile: { about: "Fresh bread daily" } })
        ),
        hostile("profile.photo.get", "number", profileRead, (value) => BusinessProfile.getPhoto({ number: value })),
        hostile(
          "profile.photo.set",
          "number",
          profileWrite,
          (value) => BusinessProfile.setPhoto({ number: value, url: "https://example.com/logo.png" })
        ),
        hostile(
          "media.upload",
          "number",
          { "/media-id": inBody("phoneNumberId") },
          (value) => Media.upload({ number: value, kind: "image", url: "https://example.com/a.png" })
        ),
        hostile("templates.list", "wabaId", templateRead, (value) => collect(Templates.list({ wabaId: value }))),
        hostile(
          "templates.get",
          "wabaId",
          templateRead,
          (value) => Templates.get({ wabaId: value, name: "order_update", language: "en_US" })
        ),
        hostile(
          "templates.get",
          "name",
          { "/whatsapp-message-templates": inQuery("name") },
          (value) => Templates.get({ wabaId, name: value, language: "en_US" })
        ),
        hostile(
          "templates.get",
          "language",
          { "/whatsapp-message-templates": inQuery("language") },
          (value) => Templates.get({ wabaId, name: "order_update", language: value }),
          (_, value) => JSON.stringify([value])
        ),
        hostile(
          "templates.create",
          "wabaId",
          { "/whatsapp-message-template": inBody("wabaId") },
          (value) => Templates.create({ wabaId: value, template: draft })
        ),
        hostile(
          "templates.create",
          "template.name",
          { "/whatsapp-message-template": inBody("name") },
          (value) => Templates.create({ wabaId, template: { ...draft, name: value } })
        ),
        hostile(
          "templates.create",
          "template.language",
          { "/whatsapp-message-template": inBody("language") },
          (value) => Templates.create({ wabaId, template: { ...draft, language: value } })
        ),
        hostile(
          "templates.edit",
          "wabaId",
          { ...templateRead, "/whatsapp-message-template": inBody("wabaId") },
          (value) =>
            Templates.edit({
              wabaId: value,
              name: "order_update",
              language: "en_US",
              id: "100000000000001",
              components: [body]
            })
        ),
        hostile(
          "templates.edit",
          "name",
          { "/whatsapp-message-template": inBody("messageTemplateName") },
          (value) =>
            Templates.edit({ wabaId, name: value, language: "en_US", id: "100000000000001", components: [body] })
        ),
        hostile(
          "templates.edit",
          "language",
          { "/whatsapp-message-template": inBody("messageTemplateLanguage") },
          (value) =>
            Templates.edit({ wabaId, name: "order_update", language: value, id: "100000000000001", components: [body] })
        ),
        hostile(
          "templates.edit",
          "id",
          { "/whatsapp-message-template": inBody("messageTemplateId") },
          (value) => Templates.edit({ wabaId, name: "order_update", language: "en_US", id: value, components: [body] })
        ),
        hostile(
          "templates.delete",
          "wabaId",
          { ...templateRead, "/whatsapp-message-template": inBody("wabaId") },
          (value) => Templates.remove({ wabaId: value, name: "order_update", language: "en_US" })
        ),
        hostile(
          "templates.delete",
          "name",
          { "/whatsapp-message-templates": inQuery("name"), "/whatsapp-message-template": inBody("name") },
          (value) => Templates.remove({ wabaId, name: value, allLanguages: true })
        ),
        hostile(
          "templates.delete",
          "language",
          { "/whatsapp-message-templates": without, "/whatsapp-message-template": without },
          (value) => Templates.remove({ wabaId, name: "order_update", language: value }),
          () => undefined
        )
      ]

      const extensionCases: ReadonlyArray<Case> = [
        flowRef("flows.screenPayload", "/flow-screen-payload", inQuery("flowId"), WoztellFlows.screenPayload),
        flowRef("flows.preview", "/flow-preview", inQuery("flowId"), WoztellFlows.preview),
        flowRef("flows.detail", "/flow-detail", inQuery("flowId"), WoztellFlows.detail),
        flowRef("flows.delete", "/flow", inBody("flowId"), WoztellFlows.remove),
        flowRef("flows.publish", "/publish-flow", inBody("flowId"), WoztellFlows.publish),
        flowRef("flows.deprecate", "/deprecate-flow", inBody("flowId"), WoztellFlows.deprecate),
        hostile(
          "flows.create",
          "cloneFlowId",
          { "/create-flow": inBody("data.clone_flow_id") },
          (value) => WoztellFlows.create({ name: "Copy", categories: ["OTHER"], cloneFlowId: value })
        ),
        hostile(
          "flows.updateMetadata",
          "flowId",
          { "/flow-metadata": inBody("flowId") },
          (value) => WoztellFlows.updateMetadata({ flowId: value, name: "Renamed" })
        ),
        hostile(
          "flows.updateJson",
          "flowId",
          { "/flow-json": inBody("flowId") },
          (value) => WoztellFlows.updateJson({ flowId: value, json: { version: "3.1", screens } })
        ),
        hostile(
          "catalogs.products",
          "catalogId",
          { "/products": inQuery("catalogId") },
          (value) => collect(WoztellCatalogs.products({ catalogId: value }))
        ),
        hostile(
          "waba.info",
          "channelId",
          { "/waba-info": inQuery("channelId") },
          (value) => WoztellWaba.info({ channelId: value })
        ),
        hostile(
          "waba.info",
          "wabaId",
          { "/waba-info": inQuery("wabaId") },
          (value) => WoztellWaba.info({ wabaId: value })
        ),
        hostile(
          "waba.numberStatus",
          "phoneNumberId",
          numberStatusRead,
          (value) => WoztellWaba.numberStatus({ phoneNumberId: value })
        )
      ]

      // The settings the client falls back on, each configured with the hostile value (a blank
      // setting counts as not configured: those values are left out here). A setting that no
      // header could carry (the channel id travels in X-Woztell-Payload) may be refused by the
      // client itself, as a configuration error naming the variable: such refusals are kept
      // apart and checked below.
      const http = yield* Layer.build(NodeHttpClient.layerUndici)
      const configurationRefusals: Array<
        { readonly scenario: string; readonly message: string; readonly requests: number }
      > = []
      const configured = (
        operation: string,
        setting: "channelId" | "wabaId" | "phoneNumberId",
        carriers: Carriers,
        call: Effect.Effect<unknown, AdminError.AdminError, Services>,
        options: {
          readonly omit?: "channelId"
          readonly expected?: (request: SentRequest, value: string) => unknown
        } = {}
      ): Case => ({
        ...hostile(operation, setting, carriers, () => call, options.expected),
        run: (value) => {
          const { channelId: _channelId, ...withoutChannel } = emulatorOptions(emulator)
          const settings: WoztellClient.Options = options.omit === "channelId"
            ? withoutChannel
            : emulatorOptions(emulator)
          return Effect.provide(call, adminOrConfigError(Layer.succeedContext(http), { ...settings, [setting]: value }))
            .pipe(
              Effect.catchAll((error: AdminError.AdminError | ConfigError.ConfigError) =>
                ConfigError.isConfigError(error)
                  ? Effect.flatMap(emulator.requests, (requests) =>
                    Effect.sync(() => {
                      configurationRefusals.push({
                        scenario: `${operation} with ${setting} = ${JSON.stringify(value)}`,
                        message: String(error),
                        requests: requests.length
                      })
                    }))
                  : Effect.fail(error)
              )
            )
        }
      })
      const settingCases: ReadonlyArray<Case> = [
        configured("waba.info", "channelId", { "/waba-info": inQuery("channelId") }, WoztellWaba.info()),
        configured("waba.info", "wabaId", { "/waba-info": inQuery("wabaId") }, WoztellWaba.info(), {
          omit: "channelId"
        }),
        configured(
          "waba.numberStatus",
          "phoneNumberId",
          numberStatusRead,
          WoztellWaba.numberStatus()
        ),
        configured(
          "numbers.status",
          "channelId",
          numberAndWabaRead,
          NumberLifecycle.status({ id: number }),
          { expected: (request, value) => (request.path.endsWith("/waba-info") ? value : number) }
        )
      ]
      const notBlank = HostileIds.values.filter(({ value }) => value.trim().length > 0)

      const all = yield* HostileIds.run([...portCases, ...extensionCases], emulator).pipe(Effect.provide(context))
      const settings = yield* HostileIds.run(settingCases, emulator, notBlank).pipe(Effect.provide(context))

      for (const [report, refusedByConfiguration] of [[all, 0], [settings, configurationRefusals.length]] as const) {
        assert.deepStrictEqual(
          {
            failures: report.failures,
            strayRequests: report.strayRequests,
            requestsAfterRefusal: report.requestsAfterRefusal,
            // None of the hostile values has the documented form of the id it was given as.
            reachedWoztell: report.scenarios - report.refused - refusedByConfiguration
          },
          { failures: [], strayRequests: 0, requestsAfterRefusal: 0, reachedWoztell: 0 }
        )
      }
      for (const refusal of configurationRefusals) {
        assert.strictEqual(refusal.requests, 0, refusal.scenario)
        assert.match(refusal.message, /WOZTELL_CHANNEL_ID|WOZTELL_WABA_ID|WOZTELL_PHONE_NUMBER_ID/, refusal.scenario)
      }

      // The emulator was listening all along: valid ids do reach it.
      yield* emulator.clearRequests
      yield* run(WoztellFlows.detail({ flowId }))
      yield* run(collect(WoztellCatalogs.products({ catalogId: catalog.id })))
      yield* run(WoztellWaba.info())
      yield* run(BusinessProfile.get({ number }))
      assert.strictEqual((yield* emulator.requests).length, 4)
    }))
})
