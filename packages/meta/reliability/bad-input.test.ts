/**
 * The bad-input catalogue for the Meta adapter: for every port and extension operation, the
 * invalid inputs a user will plausibly try end in an `InvalidInput` from this side (`source:
 * "local"`) naming each broken field, and not one request reaches the emulator.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { BadInput } from "@wa-admin/core/testing"
import { Effect, Stream } from "effect"
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

const { loosely } = BadInput

const number = ids.phoneNumberId
const wabaId = ids.wabaId
const valid = { phoneNumber: "+16505550142", wabaId, displayName: "Bakery", verificationMethod: "sms" }
const provision = (input: string, patch: Record<string, unknown>, fields: ReadonlyArray<string>): Case => ({
  operation: "numbers.provision",
  input,
  run: loosely(NumberLifecycle.provision)({ ...valid, ...patch }),
  fields
})
const update = (input: string, profile: Record<string, unknown>, fields: ReadonlyArray<string>): Case => ({
  operation: "profile.update",
  input,
  run: loosely(BusinessProfile.update)({ number, profile }),
  fields
})
const text = (length: number) => "a".repeat(length)
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
const edit = (input: string, patch: Record<string, unknown>, fields: ReadonlyArray<string>): Case => ({
  operation: "templates.edit",
  input,
  run: loosely(Templates.edit)({
    wabaId,
    name: "order_ready",
    language: "en_US",
    components: draft.components,
    ...patch
  }),
  fields
})

const cases: ReadonlyArray<Case> = [
  provision("an E.164 number without +", { phoneNumber: "16505550142" }, ["phoneNumber"]),
  provision("a number with letters", { phoneNumber: "+1650555ABCD" }, ["phoneNumber"]),
  provision("a number of 16 digits", { phoneNumber: "+1650555014212345" }, ["phoneNumber"]),
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
  {
    operation: "numbers.status",
    input: "a UUID id",
    run: NumberLifecycle.status({ id: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab" }),
    fields: ["id"]
  },
  { operation: "numbers.status", input: "an empty id", run: NumberLifecycle.status({ id: "" }), fields: ["id"] },
  {
    operation: "numbers.verify",
    input: "a code with letters",
    run: NumberLifecycle.verifyCode({ id: number, code: "12ab" }),
    fields: ["code"]
  },
  {
    operation: "numbers.verify",
    input: "a 4-digit code (Meta's are 6)",
    run: NumberLifecycle.verifyCode({ id: number, code: "1234" }),
    fields: ["code"]
  },
  {
    operation: "numbers.verify",
    input: "an id with letters",
    run: NumberLifecycle.verifyCode({ id: "number-1", code: "123456" }),
    fields: ["id"]
  },
  {
    operation: "numbers.resend",
    input: "a method Meta lacks",
    run: loosely(NumberLifecycle.resendCode)({ id: number, method: "fax" }),
    fields: ["method"]
  },
  {
    operation: "numbers.resend",
    input: "an id with a slash",
    run: NumberLifecycle.resendCode({ id: "1/2" }),
    fields: ["id"]
  },
  {
    operation: "numbers.release",
    input: "an id with letters",
    run: NumberLifecycle.release({ id: "abc" }),
    fields: ["id"]
  },
  {
    operation: "profile.get",
    input: "a number that is not digits",
    run: BusinessProfile.get({ number: "+16505550142" }),
    fields: ["number"]
  },
  {
    operation: "profile.photo.get",
    input: "a number that is not digits",
    run: BusinessProfile.getPhoto({ number: "abc" }),
    fields: ["number"]
  },
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
  {
    operation: "profile.photo.set",
    input: "a file URL",
    run: BusinessProfile.setPhoto({ number, url: "file:///etc/passwd" }),
    fields: ["url"]
  },
  {
    operation: "profile.photo.set",
    input: "a bad number",
    run: BusinessProfile.setPhoto({ number: "x", url: "https://example.com/p.png" }),
    fields: ["number"]
  },
  {
    operation: "media.upload",
    input: "a relative URL",
    run: Media.upload({ number, kind: "image", url: "picture.png" }),
    fields: ["url"]
  },
  {
    operation: "media.upload",
    input: "a kind WhatsApp lacks",
    run: loosely(Media.upload)({ number, kind: "gif", url: "https://example.com/a.gif" }),
    fields: ["kind"]
  },
  {
    operation: "media.upload",
    input: "a bad number",
    run: Media.upload({ number: "1/2", kind: "image", url: "https://example.com/a.png" }),
    fields: ["number"]
  },
  {
    operation: "media.upload",
    input: "a number that is not digits",
    run: Media.upload({ number: "x", kind: "image", url: "https://example.com/a.png" }),
    fields: ["number"]
  },
  {
    operation: "media.templateAsset",
    input: "a sticker",
    run: loosely(Media.uploadTemplateAsset)({ kind: "sticker", url: "https://example.com/a.webp" }),
    fields: ["kind"]
  },
  {
    operation: "media.templateAsset",
    input: "a WABA id with letters",
    run: Media.uploadTemplateAsset({ wabaId: "waba", kind: "image", url: "https://example.com/a.png" }),
    fields: ["wabaId"]
  },
  {
    operation: "templates.list",
    input: "a WABA id with letters",
    run: Stream.runDrain(Templates.list({ wabaId: "waba" })),
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
    input: "a language filter that is not a code",
    run: Stream.runDrain(Templates.list({ wabaId, filter: { language: ["english"] } })),
    fields: ["filter.language.0"]
  },
  {
    operation: "templates.get",
    input: "a name with capitals and spaces",
    run: Templates.get({ wabaId, name: "Order Ready", language: "en_US" }),
    fields: ["name"]
  },
  {
    operation: "templates.get",
    input: "a language that is not a code",
    run: Templates.get({ wabaId, name: "order_ready", language: "english" }),
    fields: ["language"]
  },
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
  {
    operation: "templates.delete",
    input: "a language and allLanguages",
    run: loosely(Templates.remove)({ wabaId, name: "order_ready", language: "en_US", allLanguages: true }),
    fields: ["language"]
  },
  {
    operation: "templates.delete",
    input: "a bad name",
    run: Templates.remove({ wabaId, name: "../x", allLanguages: true }),
    fields: ["name"]
  },
  {
    operation: "numbers.register",
    input: "a PIN of 2 digits",
    run: MetaNumbers.register({ id: number, pin: "12" }),
    fields: ["pin"]
  },
  {
    operation: "numbers.register",
    input: "an id with letters",
    run: MetaNumbers.register({ id: "abc", pin: "123456" }),
    fields: ["id"]
  },
  {
    operation: "media.get",
    input: "a media id with letters",
    run: MetaMedia.get({ mediaId: "abc" }),
    fields: ["mediaId"]
  },
  {
    operation: "media.get",
    input: "a phone number id with letters",
    run: MetaMedia.get({ mediaId: "1", phoneNumberId: "x" }),
    fields: ["phoneNumberId"]
  },
  {
    operation: "media.delete",
    input: "a dot-dot media id",
    run: MetaMedia.remove({ mediaId: ".." }),
    fields: ["mediaId"]
  }
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
