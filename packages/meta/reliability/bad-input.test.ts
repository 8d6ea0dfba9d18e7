/**
 * The bad-input catalogue for the Meta adapter: for every port and extension operation, the
 * invalid inputs a user will plausibly try end in an `InvalidInput` from this side (`source:
 * "local"`) naming each broken field, and not one request reaches the emulator.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { BadInput, BadInputCatalog } from "@wa-admin/core/testing"
import { Effect } from "effect"
import { MetaMedia, MetaNumbers } from "../src/index.js"
import * as Automation from "../test/cases/MetaAutomation.js"
import * as Commerce from "../test/cases/MetaCommerce.js"
import * as Flows from "../test/cases/MetaFlows.js"
import * as Numbers from "../test/cases/MetaNumbers.js"
import * as QrCodes from "../test/cases/MetaQrCodes.js"
import * as TemplatesMigration from "../test/cases/MetaTemplatesMigration.js"
import * as Waba from "../test/cases/MetaWaba.js"
import * as Webhooks from "../test/cases/MetaWebhooks.js"
import type { BadInputCase } from "../test/extensions.js"
import type { AdminServices } from "./support.js"
import { emulated, ids } from "./support.js"

type Case = BadInput.Case<AdminServices>

const { loosely, port } = BadInput

const number = ids.phoneNumberId
const wabaId = ids.wabaId
const valid = { phoneNumber: "+16505550142", wabaId, displayName: "Bakery", verificationMethod: "sms" }
const provision = BadInput.casesOf(
  "numbers.provision",
  (patch: Record<string, unknown>) => loosely(NumberLifecycle.provision)({ ...valid, ...patch })
)
const update = BadInput.casesOf(
  "profile.update",
  (profile: Record<string, unknown>) => loosely(BusinessProfile.update)({ number, profile })
)
const text = (length: number) => "a".repeat(length)
const create = BadInput.createTemplate(wabaId)
const edit = BadInput.casesOf("templates.edit", (patch: Record<string, unknown>) =>
  loosely(Templates.edit)({
    wabaId,
    name: "order_ready",
    language: "en_US",
    components: BadInput.validTemplate.components,
    ...patch
  }))

const resendLoosely = BadInput.casesOf("numbers.resend", loosely(NumberLifecycle.resendCode))
const uploadLoosely = BadInput.casesOf("media.upload", loosely(Media.upload))
const templateAssetLoosely = BadInput.casesOf("media.templateAsset", loosely(Media.uploadTemplateAsset))
const removeTemplateLoosely = BadInput.casesOf("templates.delete", loosely(Templates.remove))
const numbersRegister = BadInput.casesOf("numbers.register", MetaNumbers.register)
const mediaGet = BadInput.casesOf("media.get", MetaMedia.get)
const mediaDelete = BadInput.casesOf("media.delete", MetaMedia.remove)

const cases: ReadonlyArray<Case> = [
  ...BadInputCatalog.provisionNumbers(valid),
  provision("a WABA id with letters", { wabaId: "WABA-123" }, ["wabaId"]),
  provision("no display name", { displayName: undefined }, ["displayName"]),
  provision("a display name of one character", { displayName: "B" }, ["displayName"]),
  provision("a display name of 76 characters", { displayName: text(76) }, ["displayName"]),
  provision("a code language that is not a locale", { providerOptions: { meta: { language: "english" } } }, [
    "providerOptions.meta.language"
  ]),
  provision("Meta's options that are not an object", { providerOptions: { meta: "en_US" } }, ["providerOptions.meta"]),
  provision("a delivery method Meta lacks", { verificationMethod: "whatsapp" }, ["verificationMethod"]),
  provision("a 5-digit PIN", { pin: "12345" }, ["pin"]),
  provision("a bad number, no display name and a bad language at once", {
    phoneNumber: "07700900001",
    displayName: undefined,
    providerOptions: { meta: { language: "en-us" } }
  }, [
    "phoneNumber",
    "displayName",
    "providerOptions.meta.language"
  ]),
  port.status("a UUID id", { id: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab" }, ["id"]),
  port.status("an empty id", { id: "" }, ["id"]),
  port.verify("a code with letters", { id: number, code: "12ab" }, ["code"]),
  port.verify("a 4-digit code (Meta's are 6)", { id: number, code: "1234" }, ["code"]),
  port.verify("an id with letters", { id: "number-1", code: "123456" }, ["id"]),
  resendLoosely("a method Meta lacks", { id: number, method: "fax" }, ["method"]),
  port.resend("an id with a slash", { id: "1/2" }, ["id"]),
  port.release("an id with letters", { id: "abc" }, ["id"]),
  port.getProfile("a number that is not digits", { number: "+16505550142" }, ["number"]),
  port.getPhoto("a number that is not digits", { number: "abc" }, ["number"]),
  update("an about of 140 characters", { about: text(140) }, ["profile.about"]),
  update("an empty about", { about: "" }, ["profile.about"]),
  update("an address of 257 characters", { address: text(257) }, ["profile.address"]),
  update("a description of 257 characters", { description: text(257) }, ["profile.description"]),
  update("an email of 129 characters", { email: `${text(117)}@example.com` }, ["profile.email"]),
  update("an email without @", { email: "hello.example.com" }, ["profile.email"]),
  update("three websites", { websites: ["https://a.example.com", "https://b.example.com", "https://c.example.com"] }, [
    "profile.websites"
  ]),
  update("an ftp website", { websites: ["ftp://files.example.com"] }, ["profile.websites.0"]),
  update("a website of 257 characters", { websites: [`https://example.com/${text(238)}`] }, ["profile.websites.0"]),
  update("NotABusiness (no code in v23.0)", { vertical: "NotABusiness" }, ["profile.vertical"]),
  update("an unknown vertical", { vertical: "Bakery" }, ["profile.vertical"]),
  update("a photo URL that is not http(s)", { photoUrl: "file:///etc/passwd" }, ["profile.photoUrl"]),
  update("no field at all", {}, ["profile"]),
  update("a long about and an empty address at once", { about: text(200), address: text(300) }, [
    "profile.about",
    "profile.address"
  ]),
  port.setPhoto("a file URL", { number, url: "file:///etc/passwd" }, ["url"]),
  port.setPhoto("a bad number", { number: "x", url: "https://example.com/p.png" }, ["number"]),
  port.upload("a relative URL", { number, kind: "image", url: "picture.png" }, ["url"]),
  uploadLoosely("a kind WhatsApp lacks", { number, kind: "gif", url: "https://example.com/a.gif" }, ["kind"]),
  port.upload("a bad number", { number: "1/2", kind: "image", url: "https://example.com/a.png" }, ["number"]),
  port.upload("a number that is not digits", { number: "x", kind: "image", url: "https://example.com/a.png" }, [
    "number"
  ]),
  templateAssetLoosely("a sticker", { kind: "sticker", url: "https://example.com/a.webp" }, ["kind"]),
  port.templateAsset("a WABA id with letters", { wabaId: "waba", kind: "image", url: "https://example.com/a.png" }, [
    "wabaId"
  ]),
  port.listTemplates("a WABA id with letters", { wabaId: "waba" }, ["wabaId"]),
  port.listTemplates("a page size of 0", { wabaId, pageSize: 0 }, ["pageSize"]),
  port.listTemplates("a page size of 101", { wabaId, pageSize: 101 }, ["pageSize"]),
  port.listTemplates("a language filter that is not a code", { wabaId, filter: { language: ["english"] } }, [
    "filter.language.0"
  ]),
  port.getTemplate("a name with capitals and spaces", { wabaId, name: "Order Ready", language: "en_US" }, ["name"]),
  port.getTemplate("a language that is not a code", { wabaId, name: "order_ready", language: "english" }, ["language"]),
  create("a name with capitals", { name: "Order" }, ["template.name"]),
  create("a category Meta lacks", { category: "PROMO" }, ["template.category"]),
  create("two bodies", { components: [{ _tag: "BODY", text: "One" }, { _tag: "BODY", text: "Two" }] }, [
    "template.components"
  ]),
  create("a body parameter gap", { components: [{ _tag: "BODY", text: "Hi {{2}}", examples: [["x"]] }] }, [
    "template.components.0.text"
  ]),
  create("a button of 26 characters", {
    components: [{ _tag: "BODY", text: "Hi" }, { _tag: "BUTTONS", buttons: [{ _tag: "QUICK_REPLY", text: text(26) }] }]
  }, [
    "template.components.1.buttons.0.text"
  ]),
  create("a VIDEO header without example", {
    components: [{ _tag: "HEADER", format: "VIDEO" }, { _tag: "BODY", text: "Hi" }]
  }, ["template.components.0.example"]),
  edit("two bodies", { components: [{ _tag: "BODY", text: "One" }, { _tag: "BODY", text: "Two" }] }, ["components"]),
  edit("an id with a slash", { id: "1/2" }, ["id"]),
  edit("an IMAGE header without example", {
    components: [{ _tag: "HEADER", format: "IMAGE" }, { _tag: "BODY", text: "Hi" }]
  }, ["components.0.example"]),
  removeTemplateLoosely("a language and allLanguages", {
    wabaId,
    name: "order_ready",
    language: "en_US",
    allLanguages: true
  }, ["language"]),
  port.removeTemplate("a bad name", { wabaId, name: "../x", allLanguages: true }, ["name"]),
  numbersRegister("a PIN of 2 digits", { id: number, pin: "12" }, ["pin"]),
  numbersRegister("an id with letters", { id: "abc", pin: "123456" }, ["id"]),
  mediaGet("a media id with letters", { mediaId: "abc" }, ["mediaId"]),
  mediaGet("a phone number id with letters", { mediaId: "1", phoneNumberId: "x" }, ["phoneNumberId"]),
  mediaDelete("a dot-dot media id", { mediaId: ".." }, ["mediaId"])
]

/**
 * The extensions' bad input, from their test tables (the cases that rely on a WABA, number or
 * business left unconfigured are the unit tests' alone: this adapter has a WABA configured).
 */
const extensionCases: ReadonlyArray<Case> = [
  Flows,
  QrCodes,
  Commerce,
  Automation,
  Webhooks,
  Waba,
  Numbers,
  TemplatesMigration
]
  .flatMap((module): ReadonlyArray<BadInputCase> => module.badInput)
  .filter((testCase) => testCase.unconfigured !== true)
  .map((testCase) => ({
    operation: testCase.operation,
    input: testCase.title,
    run: testCase.run,
    fields: testCase.fields
  }))

describe("Meta bad-input catalogue", () => {
  it.scoped("every case is refused locally, naming its fields, and nothing reaches Meta", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      const { failures, requestsSent } = yield* BadInput.run([...cases, ...extensionCases], emulator).pipe(
        Effect.provide(context)
      )
      assert.deepStrictEqual(failures, [])
      assert.strictEqual(requestsSent, 0)
    }))
})
