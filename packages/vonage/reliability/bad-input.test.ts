/**
 * The bad-input catalogue for the Vonage adapter: for every port and extension operation, the
 * invalid inputs a user will plausibly try end in an `InvalidInput` from this side (`source:
 * "local"`) naming each broken field, and not one request reaches the emulator.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { BadInput } from "@wa-admin/core/testing"
import { Effect, Stream } from "effect"
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

const { loosely } = BadInput

const deploymentId = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
const valid = {
  phoneNumber: "+447700900001",
  wabaId: "123456789123",
  verificationMethod: "sms",
  providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
}
const provision = (input: string, patch: Record<string, unknown>, fields: ReadonlyArray<string>): Case => ({
  operation: "numbers.provision",
  input,
  run: loosely(NumberLifecycle.provision)({ ...valid, ...patch }),
  fields
})
const update = (input: string, profile: Record<string, unknown>, fields: ReadonlyArray<string>): Case => ({
  operation: "profile.update",
  input,
  run: loosely(BusinessProfile.update)({ number: deploymentId, profile }),
  fields
})
const text = (length: number) => "a".repeat(length)
const pack = { deploymentId, stickerpackId: "pack-1" }

const wabaId = templatesWabaId
const draft = {
  name: "order_ready",
  language: "en_US",
  category: "UTILITY",
  components: [{ _tag: "BODY", text: "Your order is ready" }]
}
const create = (input: string, template: Record<string, unknown>, fields: ReadonlyArray<string>): Case => ({
  operation: "templates.create",
  input,
  run: loosely(Templates.create)({ wabaId, template: { ...draft, ...template } }),
  fields
})
const header = (header: Record<string, unknown>) => ({
  components: [{ _tag: "HEADER", ...header }, { _tag: "BODY", text: "Hello" }]
})

const cases: ReadonlyArray<Case> = [
  provision("an E.164 number without +", { phoneNumber: "447700900001" }, ["phoneNumber"]),
  provision("a number with a leading 0 after +", { phoneNumber: "+0447700900001" }, ["phoneNumber"]),
  provision("a number with spaces and dashes", { phoneNumber: "+44 7700-900001" }, ["phoneNumber"]),
  provision("a number of 16 digits", { phoneNumber: "+4477009000011234" }, ["phoneNumber"]),
  provision("a number with letters", { phoneNumber: "+44770090ABCD" }, ["phoneNumber"]),
  provision("an unassigned country code", { phoneNumber: "+999123456789" }, ["phoneNumber"]),
  provision("an empty number", { phoneNumber: "" }, ["phoneNumber"]),
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
  { operation: "numbers.status", input: "an empty id", run: NumberLifecycle.status({ id: "" }), fields: ["id"] },
  {
    operation: "numbers.verify",
    input: "a code with letters",
    run: NumberLifecycle.verifyCode({ id: deploymentId, code: "12ab56" }),
    fields: ["code"]
  },
  {
    operation: "numbers.verify",
    input: "a 3-digit code",
    run: NumberLifecycle.verifyCode({ id: deploymentId, code: "123" }),
    fields: ["code"]
  },
  {
    operation: "numbers.verify",
    input: "an empty id",
    run: NumberLifecycle.verifyCode({ id: "", code: "123456" }),
    fields: ["id"]
  },
  {
    operation: "numbers.resend",
    input: "a method Vonage lacks",
    run: loosely(NumberLifecycle.resendCode)({ id: deploymentId, method: "telegram" }),
    fields: ["method"]
  },
  { operation: "numbers.release", input: "an empty id", run: NumberLifecycle.release({ id: "" }), fields: ["id"] },
  { operation: "profile.get", input: "an empty number", run: BusinessProfile.get({ number: "" }), fields: ["number"] },
  update("no field to change", {}, ["profile"]),
  update("an about of 140 characters (Vonage: 139)", { about: text(140) }, ["profile.about"]),
  update("an empty about", { about: "" }, ["profile.about"]),
  update("an address of 257 characters", { address: text(257) }, ["profile.address"]),
  update("a description of 257 characters (Vonage: 256)", { description: text(257) }, ["profile.description"]),
  update("an email without a domain", { email: "sales@" }, ["profile.email"]),
  update("an email of 129 characters", { email: `${text(120)}@shop.com` }, ["profile.email"]),
  update("three websites", { websites: ["https://a.example", "https://b.example", "https://c.example"] }, [
    "profile.websites"
  ]),
  update("no website in the list", { websites: [] }, ["profile.websites"]),
  update("an ftp website", { websites: ["ftp://files.example.com"] }, ["profile.websites.0"]),
  update("a javascript: website", { websites: ["javascript:alert(1)"] }, ["profile.websites.0"]),
  update("a website without a scheme", { websites: ["www.example.com"] }, ["profile.websites.0"]),
  update("a website of 260 characters", { websites: [`https://example.com/${text(240)}`] }, ["profile.websites.0"]),
  update("an unknown vertical", { vertical: "Bakery" }, ["profile.vertical"]),
  update("NotABusiness (Vonage has no name for it)", { vertical: "NotABusiness" }, ["profile.vertical"]),
  update("a photo URL that is not a URL", { photoUrl: "logo.png" }, ["profile.photoUrl"]),
  update("several fields breaking the port's rules", {
    email: "nope",
    websites: ["ftp://x.example"],
    vertical: "Bakery"
  }, [
    "profile.email",
    "profile.websites.0",
    "profile.vertical"
  ]),
  update("several fields breaking Vonage's limits", { about: "", address: text(257), vertical: "NotABusiness" }, [
    "profile.about",
    "profile.address",
    "profile.vertical"
  ]),
  {
    operation: "profile.photo.get",
    input: "an empty number",
    run: BusinessProfile.getPhoto({ number: "" }),
    fields: ["number"]
  },
  {
    operation: "profile.photo.set",
    input: "a file: URL",
    run: BusinessProfile.setPhoto({ number: deploymentId, url: "file:///etc/passwd" }),
    fields: ["url"]
  },
  {
    operation: "profile.photo.set",
    input: "an empty URL",
    run: BusinessProfile.setPhoto({ number: deploymentId, url: "" }),
    fields: ["url"]
  },
  {
    operation: "profile.photo.set",
    input: "an empty number",
    run: BusinessProfile.setPhoto({ number: "", url: "https://example.com/logo.png" }),
    fields: ["number"]
  },
  {
    operation: "stickers.listStickerpacks",
    input: "an empty deployment id",
    run: VonageStickers.listStickerpacks({ deploymentId: "" }),
    fields: ["deploymentId"]
  },
  {
    operation: "stickers.listWhatsAppStickerpacks",
    input: "an empty deployment id",
    run: VonageStickers.listWhatsAppStickerpacks({ deploymentId: "" }),
    fields: ["deploymentId"]
  },
  {
    operation: "stickers.createStickerpack",
    input: "an empty publisher and name",
    run: VonageStickers.createStickerpack({ deploymentId, publisher: "", name: "" }),
    fields: ["publisher", "name"]
  },
  {
    operation: "stickers.createStickerpack",
    input: "store links that are not http(s) URLs",
    run: VonageStickers.createStickerpack({
      deploymentId,
      publisher: "Acme",
      name: "Classics",
      iosAppStoreLink: "itms-apps://itunes.apple.com/app/id123",
      androidAppStoreLink: "play store"
    }),
    fields: ["iosAppStoreLink", "androidAppStoreLink"]
  },
  {
    operation: "stickers.getStickerpack",
    input: "an empty stickerpack id",
    run: VonageStickers.getStickerpack({ deploymentId, stickerpackId: "" }),
    fields: ["stickerpackId"]
  },
  {
    operation: "stickers.listStickers",
    input: "an empty deployment id",
    run: VonageStickers.listStickers({ deploymentId: "", stickerpackId: "pack-1" }),
    fields: ["deploymentId"]
  },
  {
    operation: "stickers.createSticker",
    input: "an empty image media id",
    run: VonageStickers.createSticker({ ...pack, imageDataId: "" }),
    fields: ["imageDataId"]
  },
  {
    operation: "stickers.createSticker",
    input: "an empty emoji",
    run: VonageStickers.createSticker({ ...pack, imageDataId: "media-1", emojis: ["🐥", ""] }),
    fields: ["emojis.1"]
  },
  {
    operation: "stickers.getSticker",
    input: "an empty index",
    run: VonageStickers.getSticker({ ...pack, index: "" }),
    fields: ["index"]
  },
  // Templates: the port's rules, and Vonage's own (no LOCATION header, a media header's example, no document upload).
  {
    operation: "templates.list",
    input: "a WABA id with letters",
    run: Stream.runDrain(Templates.list({ wabaId: "WABA-1" })),
    fields: ["wabaId"]
  },
  {
    operation: "templates.list",
    input: "a page size of 0",
    run: Stream.runDrain(Templates.list({ wabaId, pageSize: 0 })),
    fields: ["pageSize"]
  },
  {
    operation: "templates.list",
    input: "a page size of 101",
    run: Stream.runDrain(Templates.list({ wabaId, pageSize: 101 })),
    fields: ["pageSize"]
  },
  {
    operation: "templates.list",
    input: "a language filter that is not a language code",
    run: Stream.runDrain(Templates.list({ wabaId, filter: { language: ["English"] } })),
    fields: ["filter.language.0"]
  },
  {
    operation: "templates.get",
    input: "a name with capitals",
    run: Templates.get({ wabaId, name: "Order_Ready", language: "en_US" }),
    fields: ["name"]
  },
  {
    operation: "templates.get",
    input: "an empty WABA id and a bad language",
    run: Templates.get({ wabaId: "", name: "order", language: "english" }),
    fields: ["wabaId", "language"]
  },
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
  {
    operation: "templates.delete",
    input: "a language together with allLanguages",
    run: loosely(Templates.remove)({ wabaId, name: "order", language: "en_US", allLanguages: true }),
    fields: ["language"]
  },
  {
    operation: "templates.delete",
    input: "a name with a slash",
    run: Templates.remove({ wabaId, name: "../order", allLanguages: true }),
    fields: ["name"]
  },
  {
    operation: "media.templateAsset",
    input: "a document (Vonage's upload takes none)",
    run: Media.uploadTemplateAsset({ wabaId, kind: "document", url: "https://example.com/brochure.pdf" }),
    fields: ["kind"]
  },
  {
    operation: "media.templateAsset",
    input: "a file: URL",
    run: Media.uploadTemplateAsset({ kind: "image", url: "file:///etc/passwd" }),
    fields: ["url"]
  },
  {
    operation: "media.templateAsset",
    input: "an audio asset",
    run: loosely(Media.uploadTemplateAsset)({ kind: "audio", url: "https://example.com/a.mp3" }),
    fields: ["kind"]
  },
  {
    operation: "stickers.deleteSticker",
    input: "an empty index",
    run: VonageStickers.deleteSticker({ ...pack, index: "" }),
    fields: ["index"]
  }
]

describe("Vonage bad-input catalogue", () => {
  it.scopedLive("every invalid input is refused locally, naming its fields, and nothing reaches Vonage", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      const { failures, requestsSent } = yield* BadInput.run(cases, emulator).pipe(Effect.provide(context))
      assert.deepStrictEqual(failures, [])
      assert.strictEqual(requestsSent, 0)
      // The emulator was listening all along: a valid request does reach it.
      yield* NumberLifecycle.status({ id: deploymentId }).pipe(Effect.ignore, Effect.provide(context))
      assert.strictEqual((yield* emulator.requests).length, 1)
    }))
})
