/**
 * The bad-input catalogue of the port itself: whatever the adapter, the shared rules of every
 * port operation (E.164 numbers, ids, codes, profile fields, media, template names, languages,
 * components and page sizes) refuse invalid input with an `InvalidInput` naming each field,
 * before the adapter's implementation is called at all.
 */
import { assert, describe, it } from "@effect/vitest"
import {
  AdminError,
  BusinessProfile,
  Media,
  MediaHandle,
  NumberLifecycle,
  Profile,
  Registration,
  Template,
  Templates
} from "@wa-admin/core"
import { BadInput } from "@wa-admin/core/testing"
import { DateTime, Effect, Stream } from "effect"

/** An implementation of every operation that counts the calls that reach it. */
const counting = () => {
  let calls = 0
  const called = <A>(value: A) =>
    Effect.sync(() => {
      calls++
      return value
    })
  const registration = new Registration.Registration({
    id: "r-1",
    provider: "probe",
    state: "pending",
    providerState: "NEW"
  })
  const template = new Template.Template({
    name: "t",
    language: "en",
    category: "UTILITY",
    status: "APPROVED",
    components: []
  })
  const services = {
    numbers: NumberLifecycle.make("probe", {
      provision: () => called(registration),
      status: () => called(registration),
      verifyCode: () => called(undefined),
      resendCode: () => called(new NumberLifecycle.CodeDelivery({ method: "sms" })),
      release: () => called(undefined)
    }),
    profile: BusinessProfile.make("probe", {
      get: () => called(new Profile.Profile({})),
      update: () => called(new Profile.Profile({})),
      getPhoto: () => called(new Profile.ProfilePhoto({})),
      setPhoto: () => called(new Profile.ProfilePhoto({}))
    }),
    media: Media.make("probe", {
      upload: ({ kind, url }) =>
        called(new MediaHandle.MediaHandle({ id: "m-1", kind, source: url, expiresAt: DateTime.unsafeMake(0) }))
    }),
    templates: Templates.make("probe", {
      list: () => Stream.fromEffect(called(template)),
      get: () => called(template),
      create: () => called(template),
      edit: () => called(undefined),
      delete: () => called(undefined)
    })
  }
  /** The calls that reached the adapter, as the bad-input runner reads a provider's request log. */
  const log: BadInput.RequestLog = {
    clearRequests: Effect.sync(() => {
      calls = 0
    }),
    requests: Effect.sync(() => Array.from({ length: calls }))
  }
  return { services, log, calls: () => calls }
}

type Services = ReturnType<typeof counting>["services"]

interface Case {
  readonly operation: string
  readonly input: string
  readonly run: (services: Services) => Effect.Effect<unknown, AdminError.AdminError>
  readonly fields: ReadonlyArray<string>
}

const { loosely } = BadInput

const body = { _tag: "BODY", text: "Hello {{1}}", examples: [["Ann"]] }
const draft = { name: "hello", language: "en_US", category: "UTILITY", components: [body] }

const provision = (input: string, request: Record<string, unknown>, fields: ReadonlyArray<string>): Case => ({
  operation: "numbers.provision",
  input,
  run: (services) => loosely(services.numbers.provision)({ phoneNumber: "+447700900001", ...request }),
  fields
})
const update = (input: string, profile: Record<string, unknown>, fields: ReadonlyArray<string>): Case => ({
  operation: "profile.update",
  input,
  run: (services) => loosely(services.profile.update)({ number: "n-1", profile }),
  fields
})
const create = (input: string, template: Record<string, unknown>, fields: ReadonlyArray<string>): Case => ({
  operation: "templates.create",
  input,
  run: (services) => loosely(services.templates.create)({ wabaId: "1", template: { ...draft, ...template } }),
  fields
})

const cases: ReadonlyArray<Case> = [
  provision("no number", { phoneNumber: undefined }, ["phoneNumber"]),
  provision("a number without +", { phoneNumber: "447700900001" }, ["phoneNumber"]),
  provision("a number of 4 digits", { phoneNumber: "+4412" }, ["phoneNumber"]),
  provision("a number of 16 digits", { phoneNumber: "+4477009000011234" }, ["phoneNumber"]),
  provision("an unassigned country code", { phoneNumber: "+999123456789" }, ["phoneNumber"]),
  provision("a number given as a number", { phoneNumber: 447700900001 }, ["phoneNumber"]),
  provision("a WABA id with letters", { wabaId: "waba" }, ["wabaId"]),
  provision("a method by fax", { verificationMethod: "fax" }, ["verificationMethod"]),
  provision("a PIN of 4 digits", { pin: "1234" }, ["pin"]),
  provision("an empty display name", { displayName: "" }, ["displayName"]),
  provision("provider options given as text", { providerOptions: "vnameCertificate=AbCdEF" }, ["providerOptions"]),
  provision("provider options given as a list", { providerOptions: [{ vnameCertificate: "AbCdEF" }] }, [
    "providerOptions"
  ]),
  {
    operation: "numbers.status",
    input: "an empty id",
    run: (services) => services.numbers.status({ id: "" }),
    fields: ["id"]
  },
  {
    operation: "numbers.status",
    input: "no id",
    run: (services) => loosely(services.numbers.status)({}),
    fields: ["id"]
  },
  {
    operation: "numbers.verify",
    input: "a code of 9 digits",
    run: (services) => services.numbers.verifyCode({ id: "r", code: "123456789" }),
    fields: ["code"]
  },
  {
    operation: "numbers.verify",
    input: "a code with a space",
    run: (services) => services.numbers.verifyCode({ id: "r", code: "123 456" }),
    fields: ["code"]
  },
  {
    operation: "numbers.resend",
    input: "a method in capitals",
    run: (services) => loosely(services.numbers.resendCode)({ id: "r", method: "SMS" }),
    fields: ["method"]
  },
  {
    operation: "numbers.release",
    input: "an empty id",
    run: (services) => services.numbers.release({ id: "" }),
    fields: ["id"]
  },
  {
    operation: "numbers.status",
    input: "an empty id to follow",
    run: (services) => services.numbers.awaitReady({ id: "" }),
    fields: ["id"]
  },
  {
    operation: "profile.get",
    input: "an empty number",
    run: (services) => services.profile.get({ number: "" }),
    fields: ["number"]
  },
  update("nothing to change", {}, ["profile"]),
  update("an email without @", { email: "sales.shop.com" }, ["profile.email"]),
  update("three websites", { websites: ["https://a.example", "https://b.example", "https://c.example"] }, [
    "profile.websites"
  ]),
  update("a website without a scheme", { websites: ["example.com"] }, ["profile.websites.0"]),
  update("a website with spaces", { websites: ["https://exa mple.com"] }, ["profile.websites.0"]),
  update("a vertical in lower case", { vertical: "retail" }, ["profile.vertical"]),
  update("Vonage's name instead of a vertical", { vertical: "Food and Grocery" }, ["profile.vertical"]),
  update("a photo URL on ftp", { photoUrl: "ftp://example.com/logo.png" }, ["profile.photoUrl"]),
  update("an about that is a number", { about: 42 }, ["profile.about"]),
  {
    operation: "profile.update",
    input: "a change checked without sending",
    run: (services) =>
      loosely(services.profile.validate)({ number: "n-1", profile: { websites: ["ftp://x.example"] } }),
    fields: ["profile.websites.0"]
  },
  {
    operation: "profile.photo.set",
    input: "a URL without a host",
    run: (services) => services.profile.setPhoto({ number: "n-1", url: "https://" }),
    fields: ["url"]
  },
  {
    operation: "media.upload",
    input: "an unknown kind and a relative URL",
    run: (services) => loosely(services.media.upload)({ number: "n-1", kind: "gif", url: "/a.gif" }),
    fields: ["kind", "url"]
  },
  {
    operation: "media.upload",
    input: "an empty number",
    run: (services) => services.media.upload({ number: "", kind: "image", url: "https://x.example/a.png" }),
    fields: ["number"]
  },
  {
    operation: "templates.list",
    input: "a page size of 0 and a WABA id with letters",
    run: (services) => Stream.runCollect(services.templates.list({ wabaId: "w", pageSize: 0 })),
    fields: ["wabaId", "pageSize"]
  },
  {
    operation: "templates.list",
    input: "a language filter with a dash",
    run: (services) => Stream.runCollect(services.templates.list({ wabaId: "1", filter: { language: ["pt-BR"] } })),
    fields: ["filter.language.0"]
  },
  {
    operation: "templates.get",
    input: "a name with capitals",
    run: (services) => services.templates.get({ wabaId: "1", name: "Hello", language: "en_US" }),
    fields: ["name"]
  },
  create("a name with spaces", { name: "hello world" }, ["template.name"]),
  create("a language code in lower case region", { language: "en_us" }, ["template.language"]),
  create("category in lower case", { category: "utility" }, ["template.category"]),
  create("a body without text", { components: [{ _tag: "BODY" }] }, ["template.components.0.text"]),
  create("only a footer", { components: [{ _tag: "FOOTER", text: "Bye" }] }, ["template.components"]),
  create("a blank body", { components: [{ _tag: "BODY", text: "   " }] }, ["template.components.0.text"]),
  create("a parameter numbered from 0", { components: [{ _tag: "BODY", text: "Hi {{0}}", examples: [["x"]] }] }, [
    "template.components.0.text"
  ]),
  create("two headers", {
    components: [{ _tag: "HEADER", format: "TEXT", text: "A" }, { _tag: "HEADER", format: "TEXT", text: "B" }, body]
  }, [
    "template.components"
  ]),
  {
    operation: "templates.edit",
    input: "no components",
    run: (services) =>
      loosely(services.templates.edit)({ wabaId: "1", name: "hello", language: "en_US", components: [] }),
    fields: ["components"]
  },
  {
    operation: "templates.delete",
    input: "a language and allLanguages at once",
    run: (services) =>
      loosely(services.templates.delete)({ wabaId: "1", name: "hello", language: "en_US", allLanguages: true }),
    fields: ["language"]
  },
  {
    operation: "templates.delete",
    input: "allLanguages false without a language",
    run: (services) => loosely(services.templates.delete)({ wabaId: "1", name: "hello", allLanguages: false }),
    fields: ["language"]
  }
]

describe("port bad-input catalogue", () => {
  it.effect("every invalid input is refused by the port, naming its fields, before the adapter is called", () =>
    Effect.gen(function*() {
      const { calls, log, services } = counting()
      const { failures, requestsSent } = yield* BadInput.run(
        cases.map((testCase) => ({ ...testCase, run: testCase.run(services) })),
        log
      )
      assert.deepStrictEqual(failures, [])
      assert.strictEqual(requestsSent, 0)
      // The counting works: a valid request does reach the adapter.
      yield* services.numbers.status({ id: "r-1" })
      assert.strictEqual(calls(), 1)
    }))
})
