import { assert, describe, it } from "@effect/vitest"
import type { AdminError } from "@wa-admin/core"
import { BusinessProfile, Capabilities, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { InMemory } from "@wa-admin/core/testing"
import { Chunk, DateTime, Duration, Effect, Either, Fiber, Option, Schedule, Stream, TestClock } from "effect"

const waba = "100000000000001"
const phone = "+447700900123"

const memory = (options?: InMemory.Options) => Effect.provide(InMemory.layer({ stageDelay: "1 second", ...options }))

const failure = <R>(effect: Effect.Effect<unknown, AdminError.AdminError, R>) =>
  Effect.flatMap(
    Effect.either(effect),
    (result) =>
      Either.isLeft(result)
        ? Effect.succeed(result.left)
        : Effect.dieMessage(`expected a failure, got ${String(result.right)}`)
  )

const codeOf = (id: string) =>
  Effect.flatMap(
    InMemory.InMemoryControl,
    (control) =>
      Effect.flatMap(control.lastCode(id), (code) =>
        Option.isSome(code) ? Effect.succeed(code.value) : Effect.dieMessage(`no code for ${id}`))
  )

const stateOf = (id: string) => Effect.map(NumberLifecycle.status({ id }), (registration) => registration.state)

/** A registration one stage after provisioning: its id, the code sent and a code that is not it. */
const provisioned = Effect.gen(function*() {
  const registration = yield* NumberLifecycle.provision({ phoneNumber: phone, wabaId: waba })
  yield* TestClock.adjust("1 second")
  const code = yield* codeOf(registration.id)
  return { id: registration.id, code, wrong: code === "000000" ? "111111" : "000000" }
})

const draft = (name: string, language: string, body: string, category: "MARKETING" | "UTILITY" = "UTILITY") => ({
  name,
  language,
  category,
  components: [{ _tag: "BODY" as const, text: body }]
})

const keys = (templates: Iterable<{ readonly name: string; readonly language: string }>) =>
  Array.from(templates, (template) => `${template.name}/${template.language}`)

const listed = (request: typeof Templates.ListRequest.Encoded) =>
  Effect.map(Stream.runCollect(Templates.list(request)), (chunk) => keys(Chunk.toReadonlyArray(chunk)))

describe("InMemory", () => {
  describe("capabilities", () => {
    it.effect("offers every port operation under the provider name given, as a stable adapter", () =>
      Effect.gen(function*() {
        const capabilities = yield* Capabilities.Capabilities
        assert.strictEqual(capabilities.provider, "sandbox")
        assert.strictEqual(capabilities.supportStatus, "stable")
        assert.deepStrictEqual([...capabilities.operations].sort(), [...Capabilities.operations].sort())
        const registration = yield* NumberLifecycle.provision({ phoneNumber: phone })
        assert.strictEqual(registration.provider, "sandbox")
      }).pipe(memory({ provider: "sandbox" })))
  })

  describe("numbers", () => {
    it.effect("provisioning is pending, then code_sent after the stage delay, when the code is sent", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        const registration = yield* NumberLifecycle.provision({ phoneNumber: phone, wabaId: waba })
        assert.strictEqual(registration.state, "pending")
        assert.strictEqual(registration.phoneNumber?.e164, phone)
        assert.strictEqual(registration.wabaId, waba)
        yield* TestClock.adjust("999 millis")
        assert.strictEqual(yield* stateOf(registration.id), "pending")
        assert.isTrue(Option.isNone(yield* control.lastCode(registration.id)))
        yield* TestClock.adjust("1 millis")
        const sent = yield* NumberLifecycle.status({ id: registration.id })
        assert.strictEqual(sent.state, "code_sent")
        assert.strictEqual(sent.providerState, "CODE_SENT")
        assert.match(yield* codeOf(registration.id), /^\d{6}$/)
      }).pipe(memory()))

    it.effect("the right code leads to verifying, and ready one stage later", () =>
      Effect.gen(function*() {
        const { code, id } = yield* provisioned
        yield* NumberLifecycle.verifyCode({ id, code })
        assert.strictEqual(yield* stateOf(id), "verifying")
        yield* TestClock.adjust("1 second")
        assert.strictEqual(yield* stateOf(id), "ready")
      }).pipe(memory()))

    it.effect("a wrong code answers VerificationFailed and leaves the registration code_rejected", () =>
      Effect.gen(function*() {
        const { code, id, wrong } = yield* provisioned
        const error = yield* failure(NumberLifecycle.verifyCode({ id, code: wrong }))
        assert.strictEqual(error._tag, "VerificationFailed")
        assert.strictEqual(error.operation, "numbers.verify")
        assert.strictEqual(yield* stateOf(id), "code_rejected")
        yield* NumberLifecycle.verifyCode({ id, code })
        assert.strictEqual(yield* stateOf(id), "verifying")
      }).pipe(memory()))

    it.effect("too many wrong codes block the registration: it fails, and neither code nor resend helps", () =>
      Effect.gen(function*() {
        const { code, id, wrong } = yield* provisioned
        for (let attempt = 0; attempt < 2; attempt++) yield* failure(NumberLifecycle.verifyCode({ id, code: wrong }))
        const third = yield* failure(NumberLifecycle.verifyCode({ id, code: wrong }))
        assert.include(third.message, "too many attempts")
        const registration = yield* NumberLifecycle.status({ id })
        assert.strictEqual(registration.state, "failed")
        assert.strictEqual(registration.providerState, "BLOCKED")
        assert.strictEqual((yield* failure(NumberLifecycle.verifyCode({ id, code })))._tag, "VerificationFailed")
        assert.strictEqual((yield* failure(NumberLifecycle.resendCode({ id })))._tag, "Conflict")
        const awaited = yield* failure(NumberLifecycle.awaitReady({ id, schedule: Schedule.spaced("1 second") }))
        assert.strictEqual(awaited._tag, "ProvisioningFailed")
      }).pipe(memory({ maxVerifyAttempts: 3 })))

    it.effect("a code cannot be verified before it is sent", () =>
      Effect.gen(function*() {
        const registration = yield* NumberLifecycle.provision({ phoneNumber: phone })
        const error = yield* failure(NumberLifecycle.verifyCode({ id: registration.id, code: "123456" }))
        assert.strictEqual(error._tag, "Conflict")
      }).pipe(memory()))

    it.effect("resend sends a new code by the asked method while one is awaited, and the new code verifies", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        const { id } = yield* provisioned
        const delivery = yield* NumberLifecycle.resendCode({ id, method: "voice" })
        assert.strictEqual(delivery.method, "voice")
        const code = yield* codeOf(id)
        yield* NumberLifecycle.verifyCode({ id, code })
        yield* TestClock.adjust("1 second")
        assert.strictEqual(yield* stateOf(id), "ready")
        const resent = yield* failure(NumberLifecycle.resendCode({ id }))
        assert.strictEqual(resent._tag, "Conflict")
        const effects = yield* control.effects
        assert.deepStrictEqual(
          effects.map((effect) => effect.operation),
          ["numbers.provision", "numbers.resend", "numbers.verify"]
        )
      }).pipe(memory()))

    it.effect("a phone number in use → Conflict naming the registration; after release it can be provisioned again", () =>
      Effect.gen(function*() {
        const { id } = yield* provisioned
        const conflict = yield* failure(NumberLifecycle.provision({ phoneNumber: phone }))
        assert.strictEqual(conflict._tag, "Conflict")
        assert.strictEqual(conflict._tag === "Conflict" ? conflict.existingId : undefined, id)
        yield* NumberLifecycle.release({ id })
        assert.strictEqual(yield* stateOf(id), "releasing")
        assert.strictEqual((yield* failure(NumberLifecycle.release({ id })))._tag, "Conflict")
        yield* TestClock.adjust("1 second")
        assert.strictEqual(yield* stateOf(id), "released")
        const again = yield* NumberLifecycle.provision({ phoneNumber: phone })
        assert.notStrictEqual(again.id, id)
      }).pipe(memory()))

    it.effect("release is refused while provisioning is under way", () =>
      Effect.gen(function*() {
        const registration = yield* NumberLifecycle.provision({ phoneNumber: phone })
        const error = yield* failure(NumberLifecycle.release({ id: registration.id }))
        assert.strictEqual(error._tag, "Conflict")
      }).pipe(memory()))

    it.effect("unknown registrations → NotFound from every operation", () =>
      Effect.gen(function*() {
        const id = "nobody"
        for (
          const call of [
            NumberLifecycle.status({ id }),
            NumberLifecycle.verifyCode({ id, code: "123456" }),
            NumberLifecycle.resendCode({ id }),
            NumberLifecycle.release({ id })
          ]
        ) {
          const error = yield* failure(call)
          assert.strictEqual(error._tag, "NotFound")
        }
      }).pipe(memory()))

    it.effect("awaitReady polls on the schedule and reports each change once", () =>
      Effect.gen(function*() {
        const { code, id } = yield* provisioned
        const seen: Array<string> = []
        const fiber = yield* Effect.fork(
          NumberLifecycle.awaitReady({
            id,
            schedule: Schedule.spaced("250 millis"),
            onChange: (registration) => Effect.sync(() => seen.push(registration.state))
          })
        )
        yield* TestClock.adjust("500 millis")
        yield* NumberLifecycle.verifyCode({ id, code })
        yield* TestClock.adjust("2 seconds")
        const ready = yield* Fiber.join(fiber)
        assert.strictEqual(ready.state, "ready")
        assert.deepStrictEqual(seen, ["code_sent", "verifying", "ready"])
      }).pipe(memory()))

    it.effect("invalid input never reaches the provider", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        const error = yield* failure(NumberLifecycle.provision({ phoneNumber: "+12" }))
        assert.strictEqual(error._tag, "InvalidInput")
        assert.strictEqual((yield* failure(NumberLifecycle.verifyCode({ id: "x", code: "12ab" })))._tag, "InvalidInput")
        assert.deepStrictEqual(yield* control.requests, [])
      }).pipe(memory()))
  })

  describe("business profile", () => {
    it.effect("a seeded number has its profile; updates merge the given fields", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        yield* control.seedNumber("n1", { about: "Seeded", vertical: "Retail" })
        assert.strictEqual((yield* NumberLifecycle.status({ id: "n1" })).state, "ready")
        const updated = yield* BusinessProfile.update({ number: "n1", profile: { email: "hi@example.com" } })
        assert.strictEqual(updated.about, "Seeded")
        assert.strictEqual(updated.email, "hi@example.com")
        yield* BusinessProfile.update({ number: "n1", profile: { about: "Changed" } })
        const profile = yield* BusinessProfile.get({ number: "n1" })
        assert.strictEqual(profile.about, "Changed")
        assert.strictEqual(profile.email, "hi@example.com")
        assert.strictEqual(profile.vertical, "Retail")
      }).pipe(memory()))

    it.effect("a provisioned registration's id is a number ref; a released one is not found", () =>
      Effect.gen(function*() {
        const { id } = yield* provisioned
        yield* BusinessProfile.update({ number: id, profile: { about: "New" } })
        assert.strictEqual((yield* BusinessProfile.get({ number: id })).about, "New")
        yield* NumberLifecycle.release({ id })
        yield* TestClock.adjust("1 second")
        assert.strictEqual((yield* failure(BusinessProfile.get({ number: id })))._tag, "NotFound")
      }).pipe(memory()))

    it.effect("the photo is set and read back, and shows in the profile", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        yield* control.seedNumber("n1")
        assert.isUndefined((yield* BusinessProfile.getPhoto({ number: "n1" })).url)
        const url = "https://example.com/logo.png"
        assert.strictEqual((yield* BusinessProfile.setPhoto({ number: "n1", url })).url, url)
        assert.strictEqual((yield* BusinessProfile.getPhoto({ number: "n1" })).url, url)
        assert.strictEqual((yield* BusinessProfile.get({ number: "n1" })).photoUrl, url)
      }).pipe(memory()))

    it.effect("unknown numbers → NotFound", () =>
      Effect.gen(function*() {
        for (
          const call of [
            BusinessProfile.get({ number: "nobody" }),
            BusinessProfile.update({ number: "nobody", profile: { about: "x" } }),
            BusinessProfile.getPhoto({ number: "nobody" }),
            BusinessProfile.setPhoto({ number: "nobody", url: "https://example.com/a.png" })
          ]
        ) {
          assert.strictEqual((yield* failure(call))._tag, "NotFound")
        }
      }).pipe(memory()))
  })

  describe("media", () => {
    it.effect("an upload answers a handle expiring 30 days after Clock now", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        yield* control.seedNumber("n1")
        yield* TestClock.setTime(Date.UTC(2025, 0, 1))
        const handle = yield* Media.upload({ number: "n1", kind: "document", url: "https://example.com/terms.pdf" })
        assert.strictEqual(handle.kind, "document")
        assert.strictEqual(handle.source, "https://example.com/terms.pdf")
        assert.strictEqual(
          handle.expiresAt === undefined ? undefined : DateTime.formatIso(handle.expiresAt),
          "2025-01-31T00:00:00.000Z"
        )
        assert.deepStrictEqual(yield* control.media, [handle])
        assert.strictEqual(
          (yield* failure(Media.upload({ number: "nobody", kind: "image", url: "https://example.com/a.png" })))._tag,
          "NotFound"
        )
      }).pipe(memory()))
  })

  describe("templates", () => {
    it.effect("create answers a pending template with an id; get finds it by name and language", () =>
      Effect.gen(function*() {
        const created = yield* Templates.create({
          wabaId: waba,
          template: draft("order_ready", "en_US", "Your order is ready")
        })
        assert.strictEqual(created.status, "PENDING")
        assert.match(created.id ?? "", /^\d+$/)
        const got = yield* Templates.get({ wabaId: waba, name: "order_ready", language: "en_US" })
        assert.strictEqual(got.id, created.id)
        const conflict = yield* failure(
          Templates.create({ wabaId: waba, template: draft("order_ready", "en_US", "Again") })
        )
        assert.strictEqual(conflict._tag, "Conflict")
        assert.strictEqual(conflict._tag === "Conflict" ? conflict.existingId : undefined, created.id)
        assert.strictEqual(
          (yield* failure(Templates.get({ wabaId: waba, name: "order_ready", language: "es" })))._tag,
          "NotFound"
        )
      }).pipe(memory()))

    it.effect("list pages through the WABA's templates, one request per page", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        yield* control.seedTemplates(
          waba,
          Array.from({ length: 7 }, (_, index) => draft(`template_${index}`, "en_US", `Body ${index}`))
        )
        yield* control.seedTemplates("100000000000002", [draft("elsewhere", "en_US", "Other WABA")])
        const all = yield* listed({ wabaId: waba, pageSize: 3 })
        assert.deepStrictEqual(all, Array.from({ length: 7 }, (_, index) => `template_${index}/en_US`))
        const pages = (yield* control.requests).filter((request) => request.operation === "templates.list")
        assert.strictEqual(pages.length, 3)
        const first = yield* Stream.runCollect(Stream.take(Templates.list({ wabaId: waba, pageSize: 3 }), 2))
        assert.strictEqual(first.length, 2)
        const after = (yield* control.requests).filter((request) => request.operation === "templates.list")
        assert.strictEqual(after.length, 4, "taking two templates reads only the first page")
      }).pipe(memory()))

    it.effect("list honours every filter field", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        yield* control.seedTemplates(waba, [
          {
            ...draft("shipping_update", "en_US", "Your parcel has SHIPPED"),
            status: "APPROVED",
            qualityScore: "GREEN"
          },
          { ...draft("shipping_update", "es", "Su paquete ha salido"), status: "REJECTED", qualityScore: "RED" },
          {
            ...draft("spring_sale", "en_US", "Big sale this spring", "MARKETING"),
            status: "APPROVED",
            qualityScore: "YELLOW"
          }
        ])
        assert.deepStrictEqual(yield* listed({ wabaId: waba, filter: { status: ["REJECTED"] } }), [
          "shipping_update/es"
        ])
        assert.deepStrictEqual(yield* listed({ wabaId: waba, filter: { category: ["MARKETING"] } }), [
          "spring_sale/en_US"
        ])
        assert.deepStrictEqual(yield* listed({ wabaId: waba, filter: { language: ["es"] } }), ["shipping_update/es"])
        assert.deepStrictEqual(
          yield* listed({ wabaId: waba, filter: { qualityScore: ["GREEN", "YELLOW"] } }),
          ["shipping_update/en_US", "spring_sale/en_US"]
        )
        assert.deepStrictEqual(
          yield* listed({ wabaId: waba, filter: { name: "SHIPPING" } }),
          ["shipping_update/en_US", "shipping_update/es"]
        )
        assert.deepStrictEqual(yield* listed({ wabaId: waba, filter: { content: "shipped" } }), [
          "shipping_update/en_US"
        ])
        assert.deepStrictEqual(
          yield* listed({ wabaId: waba, filter: { status: ["APPROVED"], language: ["en_US"], content: "sale" } }),
          ["spring_sale/en_US"]
        )
        yield* control.setTemplateStatus({ wabaId: waba, name: "shipping_update", language: "es", status: "APPROVED" })
        assert.deepStrictEqual(yield* listed({ wabaId: waba, filter: { status: ["REJECTED"] } }), [])
      }).pipe(memory()))

    it.effect("edit replaces one language version's components, by name and language or by id", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        const [english] = yield* control.seedTemplates(waba, [
          draft("greeting", "en_US", "Hello"),
          draft("greeting", "es", "Hola")
        ])
        yield* Templates.edit({
          wabaId: waba,
          name: "greeting",
          language: "es",
          components: [{ _tag: "BODY", text: "Buenas" }]
        })
        yield* Templates.edit({
          wabaId: waba,
          name: "greeting",
          language: "en_US",
          ...(english?.id === undefined ? {} : { id: english.id }),
          components: [{ _tag: "BODY", text: "Hi" }]
        })
        const templates = yield* control.templates(waba)
        assert.deepStrictEqual(
          templates.map((
            template
          ) => [template.language, template.components[0]?._tag === "BODY" ? template.components[0].text : ""]),
          [["en_US", "Hi"], ["es", "Buenas"]]
        )
        const wrongId = yield* failure(
          Templates.edit({
            wabaId: waba,
            name: "greeting",
            language: "es",
            id: "1",
            components: [{ _tag: "BODY", text: "x" }]
          })
        )
        assert.strictEqual(wrongId._tag, "NotFound")
        const absent = yield* failure(
          Templates.edit({ wabaId: waba, name: "farewell", language: "es", components: [{ _tag: "BODY", text: "x" }] })
        )
        assert.strictEqual(absent._tag, "NotFound")
      }).pipe(memory()))

    it.effect("delete removes one language version, or every language with allLanguages", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        yield* control.seedTemplates(waba, [
          draft("greeting", "en_US", "Hello"),
          draft("greeting", "es", "Hola"),
          draft("greeting", "pt_BR", "Ola"),
          draft("farewell", "en_US", "Bye")
        ])
        const ambiguous = yield* failure(
          Templates.remove({ wabaId: waba, name: "greeting", language: "es", allLanguages: true })
        )
        assert.strictEqual(ambiguous._tag, "InvalidInput")
        assert.strictEqual(keys(yield* control.templates(waba)).length, 4)
        yield* Templates.remove({ wabaId: waba, name: "greeting", language: "es" })
        assert.deepStrictEqual(keys(yield* control.templates(waba)), [
          "greeting/en_US",
          "greeting/pt_BR",
          "farewell/en_US"
        ])
        yield* Templates.remove({ wabaId: waba, name: "greeting", allLanguages: true })
        assert.deepStrictEqual(keys(yield* control.templates(waba)), ["farewell/en_US"])
        assert.strictEqual(
          (yield* failure(Templates.remove({ wabaId: waba, name: "greeting", language: "es" })))._tag,
          "NotFound"
        )
        assert.strictEqual(
          (yield* failure(Templates.remove({ wabaId: waba, name: "greeting", allLanguages: true })))._tag,
          "NotFound"
        )
      }).pipe(memory()))

    it.effect("creations beyond the hourly quota → QuotaExceeded with the time it frees up; seeding is not counted", () =>
      Effect.gen(function*() {
        const control = yield* InMemory.InMemoryControl
        yield* control.seedTemplates(waba, [draft("seeded", "en_US", "Seeded")])
        yield* Templates.create({ wabaId: waba, template: draft("first", "en_US", "One") })
        yield* TestClock.adjust("10 minutes")
        yield* Templates.create({ wabaId: waba, template: draft("second", "en_US", "Two") })
        const refused = yield* failure(Templates.create({ wabaId: waba, template: draft("third", "en_US", "Three") }))
        assert.strictEqual(refused._tag, "QuotaExceeded")
        if (refused._tag === "QuotaExceeded") {
          assert.strictEqual(refused.limit, 2)
          assert.isTrue(Duration.equals(refused.retryAfter, Duration.minutes(50)))
        }
        yield* Templates.create({ wabaId: "100000000000002", template: draft("third", "en_US", "Other WABA") })
        yield* TestClock.adjust("50 minutes")
        yield* Templates.create({ wabaId: waba, template: draft("third", "en_US", "Three") })
        assert.strictEqual((yield* control.templates(waba)).length, 4)
      }).pipe(memory({ templateCreationsPerHour: 2 })))
  })
})
