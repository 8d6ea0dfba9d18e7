/**
 * Hostile ids against the Meta adapter, over real HTTP to its emulator: every operation that
 * puts an id in a path — the phone number id of the number lifecycle, the business profile and
 * media, the WABA id of templates and of provisioning, a template's id of an edit, a media id of
 * `MetaMedia`, and every id of the extensions (flows, QR codes, encryption key, commerce,
 * automation, webhooks, WABAs and users, PIN and display name, template migration) in a path, a
 * query or a body — meets the whole `HostileIds` catalogue in each of its id fields, the others
 * valid. Each call must end in a local `InvalidInput` naming the field with no request sent, or
 * in requests to exactly the resource meant.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { HostileIds } from "@wa-admin/core/testing"
import { Effect, Stream } from "effect"
import {
  MetaAutomation,
  MetaCommerce,
  MetaFlows,
  MetaMedia,
  MetaNumbers,
  MetaQrCodes,
  MetaTemplates,
  MetaWaba,
  MetaWebhooks
} from "../src/index.js"
import type { AdminServices } from "./support.js"
import { emulated, flowJson, publicKey } from "./support.js"

const qrCode = "ANED2T5QRU7HG2"
const userId = "2345678901234567"
const otherWaba = "104996122399160"

/** A case whose hostile id is the path's node (with `edge` after it), on the Graph API `version`. */
const onNode = (version: string) =>
(
  operation: string,
  field: string,
  run: HostileIds.Case<AdminServices>["run"],
  edge = ""
): HostileIds.Case<AdminServices> => ({ operation, field, run, paths: (e) => [`/${version}/${e}${edge}`] })

/** The extensions' operations, with the id of each path (or query) in turn hostile. */
const extensionCasesFor = (
  version: string,
  ids: { readonly wabaId: string; readonly phoneNumberId: string; readonly businessId: string }
): ReadonlyArray<HostileIds.Case<AdminServices>> => {
  const node = (encoded: string) => `/${version}/${encoded}`
  const { businessId, phoneNumberId, wabaId } = ids
  const at = onNode(version)
  const onFlow = (operation: string, run: HostileIds.Case<AdminServices>["run"], edge = "") =>
    at(operation, "flowId", run, edge)
  return [
    at("flows.list", "wabaId", (value) => Stream.runDrain(MetaFlows.list({ wabaId: value })), "/flows"),
    at(
      "flows.create",
      "wabaId",
      (value) => MetaFlows.create({ wabaId: value, name: "Hostile", categories: ["OTHER"] }),
      "/flows"
    ),
    {
      operation: "flows.create",
      field: "cloneFlowId",
      run: (value) => MetaFlows.create({ name: "Hostile", categories: ["OTHER"], cloneFlowId: value }),
      paths: () => [`${node(wabaId)}/flows`]
    },
    onFlow("flows.get", (id) => MetaFlows.get({ flowId: id })),
    onFlow("flows.preview", (id) => MetaFlows.preview({ flowId: id })),
    onFlow("flows.assets", (id) => MetaFlows.assets({ flowId: id }), "/assets"),
    onFlow("flows.updateMetadata", (id) => MetaFlows.updateMetadata({ flowId: id, name: "Renamed" })),
    onFlow("flows.updateJson", (id) => MetaFlows.updateJson({ flowId: id, json: flowJson }), "/assets"),
    onFlow("flows.publish", (id) => MetaFlows.publish({ flowId: id }), "/publish"),
    onFlow("flows.deprecate", (id) => MetaFlows.deprecate({ flowId: id }), "/deprecate"),
    onFlow("flows.delete", (id) => MetaFlows.remove({ flowId: id })),
    at(
      "flows.migrate",
      "wabaId",
      (value) => MetaFlows.migrate({ wabaId: value, sourceWabaId: otherWaba }),
      "/migrate_flows"
    ),
    {
      operation: "flows.migrate",
      field: "sourceWabaId",
      run: (value) => MetaFlows.migrate({ wabaId, sourceWabaId: value }),
      paths: () => [`${node(wabaId)}/migrate_flows`]
    },
    at(
      "encryption.get",
      "phoneNumberId",
      (value) => MetaFlows.encryptionKey({ phoneNumberId: value }),
      "/whatsapp_business_encryption"
    ),
    at(
      "encryption.set",
      "phoneNumberId",
      (value) => MetaFlows.setEncryptionKey({ phoneNumberId: value, publicKey }),
      "/whatsapp_business_encryption"
    ),
    at(
      "qr.list",
      "phoneNumberId",
      (value) => Stream.runDrain(MetaQrCodes.list({ phoneNumberId: value })),
      "/message_qrdls"
    ),
    HostileIds.inPath(
      "qr.get",
      "phoneNumberId",
      (value) => MetaQrCodes.get({ phoneNumberId: value, code: qrCode }),
      (e) => `${node(e)}/message_qrdls/${qrCode}`
    ),
    HostileIds.inPath(
      "qr.get",
      "code",
      (value) => MetaQrCodes.get({ phoneNumberId, code: value }),
      (e) => `${node(phoneNumberId)}/message_qrdls/${e}`
    ),
    at(
      "qr.create",
      "phoneNumberId",
      (value) => MetaQrCodes.create({ phoneNumberId: value, prefilledMessage: "Hello" }),
      "/message_qrdls"
    ),
    {
      operation: "qr.update",
      field: "code",
      run: (value) => MetaQrCodes.update({ phoneNumberId, code: value, prefilledMessage: "Hello" }),
      paths: () => [`${node(phoneNumberId)}/message_qrdls`],
      intact: (request, value) =>
        typeof request.body === "object" && request.body !== null && "code" in request.body &&
        request.body.code === value
    },
    HostileIds.inPath(
      "qr.delete",
      "code",
      (value) => MetaQrCodes.remove({ phoneNumberId, code: value }),
      (e) => `${node(phoneNumberId)}/message_qrdls/${e}`
    ),
    HostileIds.inPath(
      "qr.delete",
      "phoneNumberId",
      (value) => MetaQrCodes.remove({ phoneNumberId: value, code: qrCode }),
      (e) => `${node(e)}/message_qrdls/${qrCode}`
    ),
    at(
      "commerce.get",
      "phoneNumberId",
      (value) => MetaCommerce.get({ phoneNumberId: value }),
      "/whatsapp_commerce_settings"
    ),
    at(
      "commerce.set",
      "phoneNumberId",
      (value) => MetaCommerce.set({ phoneNumberId: value, cartEnabled: true }),
      "/whatsapp_commerce_settings"
    ),
    at(
      "automation.set",
      "phoneNumberId",
      (value) => MetaAutomation.set({ phoneNumberId: value, prompts: ["Hi"] }),
      "/conversational_automation"
    ),
    at("webhooks.list", "wabaId", (value) => MetaWebhooks.list({ wabaId: value }), "/subscribed_apps"),
    at("webhooks.subscribe", "wabaId", (value) => MetaWebhooks.subscribe({ wabaId: value }), "/subscribed_apps"),
    at("webhooks.unsubscribe", "wabaId", (value) => MetaWebhooks.unsubscribe({ wabaId: value }), "/subscribed_apps"),
    at("waba.info", "wabaId", (value) => MetaWaba.info({ wabaId: value })),
    at(
      "waba.owned",
      "businessId",
      (value) => Stream.runDrain(MetaWaba.owned({ businessId: value })),
      "/owned_whatsapp_business_accounts"
    ),
    at(
      "waba.clients",
      "businessId",
      (value) => Stream.runDrain(MetaWaba.clients({ businessId: value })),
      "/client_whatsapp_business_accounts"
    ),
    at(
      "waba.users.list",
      "wabaId",
      (value) => Stream.runDrain(MetaWaba.users({ wabaId: value, businessId })),
      "/assigned_users"
    ),
    {
      operation: "waba.users.list",
      field: "businessId",
      run: (value) => Stream.runDrain(MetaWaba.users({ wabaId, businessId: value })),
      paths: () => [`${node(wabaId)}/assigned_users`],
      intact: (request, value) => request.query["business"] === value
    },
    {
      operation: "waba.users.add",
      field: "userId",
      run: (value) => MetaWaba.assignUser({ wabaId, userId: value, tasks: ["MANAGE"] }),
      paths: () => [`${node(wabaId)}/assigned_users`]
    },
    at("waba.users.remove", "wabaId", (value) => MetaWaba.removeUser({ wabaId: value, userId }), "/assigned_users"),
    at("numbers.setPin", "id", (id) => MetaNumbers.setPin({ id, pin: "123456" })),
    at("numbers.changeDisplayName", "id", (id) => MetaNumbers.changeDisplayName({ id, displayName: "Hostile Co" })),
    at("numbers.list", "wabaId", (value) => Stream.runDrain(MetaNumbers.list({ wabaId: value })), "/phone_numbers"),
    at(
      "templates.migrate",
      "wabaId",
      (value) => Stream.runDrain(MetaTemplates.migrate({ wabaId: value, sourceWabaId: otherWaba })),
      "/migrate_message_templates"
    ),
    {
      operation: "templates.migrate",
      field: "sourceWabaId",
      run: (value) => Stream.runDrain(MetaTemplates.migrate({ wabaId, sourceWabaId: value })),
      paths: () => [`${node(wabaId)}/migrate_message_templates`],
      intact: (request, value) =>
        typeof request.body === "object" && request.body !== null && "source_waba_id" in request.body &&
        request.body.source_waba_id === value
    }
  ]
}

const casesFor = (version: string, wabaId: string): ReadonlyArray<HostileIds.Case<AdminServices>> => {
  const node = (encoded: string) => `/${version}/${encoded}`
  const at = onNode(version)
  const body = [{ _tag: "BODY" as const, text: "Hello" }]
  return [
    at("numbers.status", "id", (id) => NumberLifecycle.status({ id })),
    at("numbers.verify", "id", (id) => NumberLifecycle.verifyCode({ id, code: "123456" }), "/verify_code"),
    {
      operation: "numbers.resend",
      field: "id",
      run: (id) => NumberLifecycle.resendCode({ id }),
      paths: (e) => [node(e), `${node(e)}/request_code`]
    },
    at("numbers.release", "id", (id) => NumberLifecycle.release({ id }), "/deregister"),
    at("numbers.register", "id", (id) => MetaNumbers.register({ id, pin: "123456" }), "/register"),
    {
      operation: "numbers.provision",
      field: "wabaId",
      run: (value) =>
        NumberLifecycle.provision({ phoneNumber: "+16505550177", wabaId: value, displayName: "Hostile Co" }),
      paths: (e) => [`${node(e)}/phone_numbers`]
    },
    at("profile.get", "number", (number) => BusinessProfile.get({ number }), "/whatsapp_business_profile"),
    at(
      "profile.update",
      "number",
      (number) => BusinessProfile.update({ number, profile: { about: "Fresh bread daily" } }),
      "/whatsapp_business_profile"
    ),
    at("profile.photo.get", "number", (number) => BusinessProfile.getPhoto({ number }), "/whatsapp_business_profile"),
    {
      operation: "profile.photo.set",
      field: "number",
      run: (number) => BusinessProfile.setPhoto({ number, url: "https://example.com/photo.png" }),
      paths: () => []
    },
    {
      operation: "media.upload",
      field: "number",
      run: (number) => Media.upload({ number, kind: "image", url: "https://example.com/a.png" }),
      paths: () => []
    },
    at("media.get", "mediaId", (mediaId) => MetaMedia.get({ mediaId })),
    at("media.delete", "mediaId", (mediaId) => MetaMedia.remove({ mediaId })),
    at("templates.list", "wabaId", (value) => Stream.runDrain(Templates.list({ wabaId: value })), "/message_templates"),
    at(
      "templates.get",
      "wabaId",
      (value) => Templates.get({ wabaId: value, name: "order_ready", language: "en_US" }),
      "/message_templates"
    ),
    {
      operation: "templates.create",
      field: "wabaId",
      run: (value) =>
        Templates.create({
          wabaId: value,
          template: { name: "hostile", language: "en_US", category: "UTILITY", components: body }
        }),
      paths: (e) => [`${node(e)}/message_templates`]
    },
    at(
      "templates.edit",
      "id",
      (id) => Templates.edit({ wabaId, name: "order_ready", language: "en_US", id, components: body })
    ),
    at(
      "templates.delete",
      "wabaId",
      (value) => Templates.remove({ wabaId: value, name: "order_ready", allLanguages: true }),
      "/message_templates"
    )
  ]
}

describe("Meta hostile ids", () => {
  it.scoped("every id in a path is refused locally or reaches exactly the resource meant", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      const { credentials } = emulator
      const cases = [
        ...casesFor(credentials.graphVersion, credentials.wabaId),
        ...extensionCasesFor(credentials.graphVersion, credentials)
      ]
      const report = yield* HostileIds.run(cases, emulator).pipe(Effect.provide(context))
      assert.deepStrictEqual(report.failures.slice(0, 10), [])
      assert.strictEqual(report.strayRequests, 0)
      assert.strictEqual(report.requestsAfterRefusal, 0)
      assert.strictEqual(report.scenarios, cases.length * HostileIds.values.length)
    }))
})
