/**
 * The bad-input catalogue for the Vonage adapter: for every port and extension operation, the
 * invalid inputs a user will plausibly try end in an `InvalidInput` from this side (`source:
 * "local"`) naming each broken field, and not one request reaches the emulator.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { BadInput, BadInputCatalog } from "@wa-admin/core/testing"
import { Effect } from "effect"
import { VonageStickers } from "../src/index.js"
import type { VonageClient } from "../src/index.js"
import { emulated, templatesWabaId } from "./support.js"

type Services =
  | NumberLifecycle.NumberLifecycle
  | BusinessProfile.BusinessProfile
  | Templates.Templates
  | Media.Media
  | VonageStickers.VonageStickers
  | VonageClient.VonageClient

type Case = BadInput.Case<Services>

const { loosely, port } = BadInput

const deploymentId = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
const valid = {
  phoneNumber: "+447700900001",
  wabaId: "123456789123",
  verificationMethod: "sms",
  providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
}
const provision = BadInput.casesOf(
  "numbers.provision",
  (patch: Record<string, unknown>) => loosely(NumberLifecycle.provision)({ ...valid, ...patch })
)
const update = BadInput.casesOf(
  "profile.update",
  (profile: Record<string, unknown>) => loosely(BusinessProfile.update)({ number: deploymentId, profile })
)
const text = (length: number) => "a".repeat(length)
const pack = { deploymentId, stickerpackId: "pack-1" }

const wabaId = templatesWabaId
const create = BadInput.createTemplate(wabaId)
const header = (header: Record<string, unknown>) => ({
  components: [{ _tag: "HEADER", ...header }, { _tag: "BODY", text: "Hello" }]
})

const resendLoosely = BadInput.casesOf("numbers.resend", loosely(NumberLifecycle.resendCode))
const stickersListStickerpacks = BadInput.casesOf("stickers.listStickerpacks", VonageStickers.listStickerpacks)
const stickersListWhatsAppStickerpacks = BadInput.casesOf(
  "stickers.listWhatsAppStickerpacks",
  VonageStickers.listWhatsAppStickerpacks
)
const stickersCreateStickerpack = BadInput.casesOf("stickers.createStickerpack", VonageStickers.createStickerpack)
const stickersGetStickerpack = BadInput.casesOf("stickers.getStickerpack", VonageStickers.getStickerpack)
const stickersListStickers = BadInput.casesOf("stickers.listStickers", VonageStickers.listStickers)
const stickersCreateSticker = BadInput.casesOf("stickers.createSticker", VonageStickers.createSticker)
const stickersGetSticker = BadInput.casesOf("stickers.getSticker", VonageStickers.getSticker)
const removeTemplateLoosely = BadInput.casesOf("templates.delete", loosely(Templates.remove))
const templateAssetLoosely = BadInput.casesOf("media.templateAsset", loosely(Media.uploadTemplateAsset))
const stickersDeleteSticker = BadInput.casesOf("stickers.deleteSticker", VonageStickers.deleteSticker)

const cases: ReadonlyArray<Case> = [
  ...BadInputCatalog.emptyIds,
  ...BadInputCatalog.profileUpdate(deploymentId),
  ...BadInputCatalog.templateListing(wabaId),
  ...BadInputCatalog.provisionNumbers(valid),
  provision("a WABA id with letters", { wabaId: "WABA-123" }, ["wabaId"]),
  provision("an empty vname certificate", { providerOptions: { vonage: { vnameCertificate: "" } } }, [
    "providerOptions.vonage.vnameCertificate"
  ]),
  provision("Vonage's options that are not an object", { providerOptions: { vonage: "AbCdEF" } }, [
    "providerOptions.vonage"
  ]),
  provision("a delivery method Vonage lacks", { verificationMethod: "whatsapp" }, ["verificationMethod"]),
  provision("a 5-digit PIN", { pin: "12345" }, ["pin"]),
  provision("no WABA id and no vname certificate", { wabaId: undefined, providerOptions: undefined }, [
    "wabaId",
    "providerOptions.vonage.vnameCertificate"
  ]),
  provision("a bad number and a bad method at once", { phoneNumber: "07700900001", verificationMethod: "fax" }, [
    "phoneNumber",
    "verificationMethod"
  ]),
  port.verify("a code with letters", { id: deploymentId, code: "12ab56" }, ["code"]),
  port.verify("a 3-digit code", { id: deploymentId, code: "123" }, ["code"]),
  port.verify("an empty id", { id: "", code: "123456" }, ["id"]),
  resendLoosely("a method Vonage lacks", { id: deploymentId, method: "telegram" }, ["method"]),
  port.release("an empty id", { id: "" }, ["id"]),
  update("an about of 140 characters (Vonage: 139)", { about: text(140) }, ["profile.about"]),
  update("a description of 257 characters (Vonage: 256)", { description: text(257) }, ["profile.description"]),
  update("an email without a domain", { email: "sales@" }, ["profile.email"]),
  update("no website in the list", { websites: [] }, ["profile.websites"]),
  update("NotABusiness (Vonage has no name for it)", { vertical: "NotABusiness" }, ["profile.vertical"]),
  update("several fields breaking Vonage's limits", { about: "", address: text(257), vertical: "NotABusiness" }, [
    "profile.about",
    "profile.address",
    "profile.vertical"
  ]),
  port.setPhoto("a file: URL", { number: deploymentId, url: "file:///etc/passwd" }, ["url"]),
  port.setPhoto("an empty URL", { number: deploymentId, url: "" }, ["url"]),
  port.setPhoto("an empty number", { number: "", url: "https://example.com/logo.png" }, ["number"]),
  stickersListStickerpacks("an empty deployment id", { deploymentId: "" }, ["deploymentId"]),
  stickersListWhatsAppStickerpacks("an empty deployment id", { deploymentId: "" }, ["deploymentId"]),
  stickersCreateStickerpack("an empty publisher and name", { deploymentId, publisher: "", name: "" }, [
    "publisher",
    "name"
  ]),
  stickersCreateStickerpack("store links that are not http(s) URLs", {
    deploymentId,
    publisher: "Acme",
    name: "Classics",
    iosAppStoreLink: "itms-apps://itunes.apple.com/app/id123",
    androidAppStoreLink: "play store"
  }, ["iosAppStoreLink", "androidAppStoreLink"]),
  stickersGetStickerpack("an empty stickerpack id", { deploymentId, stickerpackId: "" }, ["stickerpackId"]),
  stickersListStickers("an empty deployment id", { deploymentId: "", stickerpackId: "pack-1" }, ["deploymentId"]),
  stickersCreateSticker("an empty image media id", { ...pack, imageDataId: "" }, ["imageDataId"]),
  stickersCreateSticker("an empty emoji", { ...pack, imageDataId: "media-1", emojis: ["🐥", ""] }, ["emojis.1"]),
  stickersGetSticker("an empty index", { ...pack, index: "" }, ["index"]),
  // Templates: the port's rules, and Vonage's own (no LOCATION header, a media header's example, no document upload).
  port.listTemplates("a WABA id with letters", { wabaId: "WABA-1" }, ["wabaId"]),
  port.getTemplate("a name with capitals", { wabaId, name: "Order_Ready", language: "en_US" }, ["name"]),
  port.getTemplate("an empty WABA id and a bad language", { wabaId: "", name: "order", language: "english" }, [
    "wabaId",
    "language"
  ]),
  create("a name with spaces and two bodies", {
    name: "order ready",
    components: [{ _tag: "BODY", text: "One" }, { _tag: "BODY", text: "Two" }]
  }, [
    "template.name",
    "template.components"
  ]),
  create("a category nobody has", { category: "PROMOTIONAL" }, ["template.category"]),
  create("a body parameter without an example", { components: [{ _tag: "BODY", text: "Hi {{1}}" }] }, [
    "template.components.0.examples"
  ]),
  create("a URL button to a javascript: URL", {
    components: [{ _tag: "BODY", text: "Hi" }, {
      _tag: "BUTTONS",
      buttons: [{ _tag: "URL", text: "Go", url: "javascript:alert(1)" }]
    }]
  }, ["template.components.1.buttons.0.url"]),
  create("a LOCATION header (Vonage)", header({ format: "LOCATION" }), ["template.components.0.format"]),
  create("an IMAGE header without an example (Vonage)", header({ format: "IMAGE" }), ["template.components.0.example"]),
  create(
    "a DOCUMENT header with a URL to upload (Vonage uploads no documents)",
    header({ format: "DOCUMENT", example: "https://example.com/a.pdf" }),
    [
      "template.components.0.example"
    ]
  ),
  create("an IMAGE header whose example is a file: URL", header({ format: "IMAGE", example: "file:///etc/passwd" }), [
    "template.components.0.example"
  ]),
  removeTemplateLoosely("a language together with allLanguages", {
    wabaId,
    name: "order",
    language: "en_US",
    allLanguages: true
  }, ["language"]),
  port.removeTemplate("a name with a slash", { wabaId, name: "../order", allLanguages: true }, ["name"]),
  port.templateAsset("a document (Vonage's upload takes none)", {
    wabaId,
    kind: "document",
    url: "https://example.com/brochure.pdf"
  }, ["kind"]),
  port.templateAsset("a file: URL", { kind: "image", url: "file:///etc/passwd" }, ["url"]),
  templateAssetLoosely("an audio asset", { kind: "audio", url: "https://example.com/a.mp3" }, ["kind"]),
  stickersDeleteSticker("an empty index", { ...pack, index: "" }, ["index"])
]

describe("Vonage bad-input catalogue", () => {
  it.scopedLive("every invalid input is refused locally, naming its fields, and nothing reaches Vonage", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      // The emulator was listening all along: a valid request does reach it.
      const control = Effect.ignore(NumberLifecycle.status({ id: deploymentId }))
      const outcome = yield* BadInputCatalog.runWithControl(cases, emulator, control).pipe(Effect.provide(context))
      assert.deepStrictEqual(outcome, { failures: [], requestsSent: 0, controlRequests: 1 })
    }))
})
