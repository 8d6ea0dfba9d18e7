/**
 * The end-to-end story `wa-admin demo` tells: provision a number, verify it, set its profile,
 * upload media, manage templates, and ask `Capabilities` before calling what a provider lacks.
 *
 * The story is written against the port only; a `Fixture` supplies what differs per provider
 * (a valid provision request, how to read the code that was "sent", the poll schedule). Today it
 * runs against the in-memory reference adapter; the emulators plug in as further fixtures.
 *
 * @since 0.1.0
 */
import {
  AdminError,
  BusinessProfile,
  Capabilities,
  Media,
  NumberLifecycle,
  Port,
  Registration,
  Templates
} from "@wa-admin/core"
import { Console, Duration, Effect, Layer, Option, Schedule, Stream } from "effect"
import * as InMemory from "./internal/inMemory.js"
import * as Render from "./Render.js"

/**
 * What the story needs from a provider beyond the port.
 *
 * @since 0.1.0
 * @category models
 */
export interface Fixture {
  /** Who the story runs against, for the title. */
  readonly description: string
  /** A provision request the provider accepts. */
  readonly provision: typeof Registration.ProvisionRequest.Encoded
  /** The code the provider sent to a registration (from its control or outbox). */
  readonly readCode: (registration: Registration.Registration) => Effect.Effect<string, AdminError.AdminError>
  /** The WABA whose templates the story manages. */
  readonly wabaId: string
  /** How often to poll a registration's state. */
  readonly schedule: Schedule.Schedule<unknown, unknown>
  /**
   * The port of a provider lacking number provisioning (as WOZTELL does), to show
   * `Capabilities` and `Unsupported`.
   */
  readonly withoutProvisioning: Layer.Layer<Port.Services>
}

/**
 * Prints numbered steps and their results.
 *
 * @since 0.1.0
 * @category steps
 */
export interface Steps {
  /** Prints the heading of the next step. */
  readonly step: (title: string) => Effect.Effect<void>
  /** Prints result lines under the current step. */
  readonly show: (text: string) => Effect.Effect<void>
}

/**
 * Numbered steps written to the console.
 *
 * @since 0.1.0
 * @category steps
 */
export const makeSteps = (): Steps => {
  let count = 0
  return {
    step: (title) =>
      Effect.suspend(() => {
        count += 1
        return Console.log(`\n${String(count).padStart(2)}. ${title}`)
      }),
    show: (text) =>
      Console.log(
        text
          .split("\n")
          .map((line) => `    ${line}`)
          .join("\n")
      )
  }
}

const refusedBeforeSending = <A, R>(
  steps: Steps,
  effect: Effect.Effect<A, AdminError.AdminError, R>
): Effect.Effect<void, AdminError.AdminError, R> =>
  Effect.flatMap(Effect.either(effect), (result) => {
    if (result._tag === "Right") return Effect.dieMessage("the port accepted input it should have refused")
    const error = result.left
    if (error._tag !== "InvalidInput") return Effect.fail(error)
    return steps.show(
      [`refused (${error._tag}, source ${error.source}):`, ...error.issues.map((issue) => `  ${issue.field}: ${issue.rule}`)].join(
        "\n"
      )
    )
  })

const numbersStory = (steps: Steps, fixture: Fixture) =>
  Effect.gen(function* () {
    const { phoneNumber, verificationMethod, wabaId } = fixture.provision
    yield* steps.step(
      `Provision ${phoneNumber}${wabaId === undefined ? "" : ` on WABA ${wabaId}`}${
        verificationMethod === undefined ? "" : ` (code by ${verificationMethod})`
      }`
    )
    const registration = yield* NumberLifecycle.provision(fixture.provision)
    yield* steps.show(Render.registration(registration))

    const follow = { id: registration.id, schedule: fixture.schedule, onChange: (changed: Registration.Registration) => steps.show(`→ ${Render.stateChange(changed)}`) }
    yield* steps.step("Wait until the verification code is sent")
    yield* NumberLifecycle.awaitState({ ...follow, until: ["code_sent"] })

    yield* steps.step("Read the code the provider sent")
    const code = yield* fixture.readCode(registration)
    yield* steps.show(`code ${code}`)

    yield* steps.step("A malformed code (12ab) is refused before anything is sent")
    yield* refusedBeforeSending(steps, NumberLifecycle.verifyCode({ id: registration.id, code: "12ab" }))

    yield* steps.step(`Verify with ${code}`)
    yield* NumberLifecycle.verifyCode({ id: registration.id, code })
    yield* steps.show("code accepted")

    yield* steps.step("Wait until the number is ready")
    const ready = yield* NumberLifecycle.awaitReady(follow)
    return ready
  })

const profileStory = (steps: Steps, number: string) =>
  Effect.gen(function* () {
    yield* steps.step("Invalid profile input is refused, every broken rule named, nothing sent")
    yield* refusedBeforeSending(
      steps,
      BusinessProfile.update({
        number,
        profile: {
          email: "not-an-email",
          websites: ["https://example.com", "https://example.org", "ftp://example.net"]
        }
      })
    )

    yield* steps.step("Set the business profile")
    const updated = yield* BusinessProfile.update({
      number,
      profile: {
        about: "Fresh bread daily",
        description: "A neighbourhood bakery since 1962",
        email: "hello@bakery.example",
        vertical: "Grocery",
        websites: ["https://bakery.example"]
      }
    })
    yield* steps.show(Render.profile(updated))

    yield* steps.step("Change one field; the others stay")
    yield* BusinessProfile.update({ number, profile: { about: "Fresh bread and pastries daily" } })
    yield* steps.show(Render.profile(yield* BusinessProfile.get({ number })))

    yield* steps.step("Set and read the profile photo")
    yield* BusinessProfile.setPhoto({ number, url: "https://bakery.example/logo.png" })
    yield* steps.show(Render.photo(yield* BusinessProfile.getPhoto({ number })))

    yield* steps.step("Upload media from a URL")
    const handle = yield* Media.upload({ number, kind: "image", url: "https://bakery.example/croissant.jpg" })
    yield* steps.show(Render.media(handle))
  })

const listTemplates = (steps: Steps, wabaId: string) =>
  Templates.list({ wabaId }).pipe(
    Stream.runCollect,
    Effect.flatMap((templates) =>
      steps.show(
        templates.length === 0
          ? "(no templates)"
          : [Render.templateColumns.header, ...Array.from(templates, Render.templateColumns.row)].join("\n")
      )
    )
  )

const templatesStory = (steps: Steps, wabaId: string) =>
  Effect.gen(function* () {
    const body = (text: string) => ({
      _tag: "BODY" as const,
      text,
      examples: [["Ada", "#1042"]]
    })
    const buttons = {
      _tag: "BUTTONS" as const,
      buttons: [{ _tag: "QUICK_REPLY" as const, text: "Track it" }, { _tag: "QUICK_REPLY" as const, text: "Stop updates" }]
    }

    yield* steps.step("A template with a gap in its parameters is refused before sending")
    yield* refusedBeforeSending(
      steps,
      Templates.create({
        wabaId,
        template: {
          name: "order_update",
          language: "en_US",
          category: "UTILITY",
          components: [{ _tag: "BODY", text: "Hi {{1}}, order {{3}} shipped", examples: [["Ada", "#1042"]] }]
        }
      })
    )

    yield* steps.step("Create a template in English and Spanish")
    const english = yield* Templates.create({
      wabaId,
      template: {
        name: "order_update",
        language: "en_US",
        category: "UTILITY",
        components: [
          { _tag: "HEADER", format: "TEXT", text: "Your order" },
          body("Hi {{1}}, your order {{2}} has shipped."),
          { _tag: "FOOTER", text: "The Bakery" },
          buttons
        ]
      }
    })
    yield* steps.show(Render.template(english))
    yield* Templates.create({
      wabaId,
      template: {
        name: "order_update",
        language: "es",
        category: "UTILITY",
        components: [body("Hola {{1}}, tu pedido {{2}} ha sido enviado."), buttons]
      }
    })

    yield* steps.step(`List the templates of WABA ${wabaId}`)
    yield* listTemplates(steps, wabaId)

    yield* steps.step("Edit the English version")
    yield* Templates.edit({
      wabaId,
      name: "order_update",
      language: "en_US",
      components: [body("Hi {{1}}, good news: order {{2}} is on its way."), buttons]
    })
    yield* steps.show(Render.template(yield* Templates.get({ wabaId, name: "order_update", language: "en_US" })))

    yield* steps.step("Delete the Spanish version; the English one stays")
    yield* Templates.remove({ wabaId, name: "order_update", language: "es" })
    yield* listTemplates(steps, wabaId)
  })

const capabilitiesStory = (steps: Steps, withoutProvisioning: Layer.Layer<Port.Services>) =>
  Effect.gen(function* () {
    yield* steps.step("Ask Capabilities before calling: a provider without number provisioning")
    const capabilities = yield* Capabilities.Capabilities
    yield* steps.show(
      `${capabilities.provider} supports numbers.provision: ${capabilities.supports("numbers.provision") ? "yes" : "no"}`
    )
    const result = yield* Effect.either(
      NumberLifecycle.provision({ phoneNumber: "+447700900999", wabaId: "123456789012", verificationMethod: "sms" })
    )
    if (result._tag === "Right") return yield* Effect.dieMessage("an unsupported operation succeeded")
    if (result.left._tag !== "Unsupported") return yield* Effect.fail(result.left)
    yield* steps.show(`calling it anyway fails with ${result.left._tag}: ${result.left.message}`)
    yield* steps.show("(the CLI exits with code 10 for Unsupported)")
  }).pipe(Effect.provide(withoutProvisioning))

/**
 * The whole story against the provider in context.
 *
 * @since 0.1.0
 * @category story
 */
export const story = (fixture: Fixture): Effect.Effect<void, AdminError.AdminError, Port.Services> =>
  Effect.gen(function* () {
    const steps = makeSteps()
    const started = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
    const capabilities = yield* Capabilities.Capabilities
    yield* Console.log(`wa-admin demo — ${fixture.description}`)
    yield* Console.log(
      `provider "${capabilities.provider}" (${capabilities.supportStatus}): ${capabilities.operations.size} of ${Capabilities.operations.length} port operations`
    )
    const ready = yield* numbersStory(steps, fixture)
    yield* profileStory(steps, ready.id)
    yield* templatesStory(steps, fixture.wabaId)
    yield* capabilitiesStory(steps, fixture.withoutProvisioning)
    const finished = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
    yield* Console.log(`\nDemo complete in ${Duration.format(Duration.millis(finished - started))}.`)
  })

/**
 * The story against the in-memory reference adapter, with short stages (300 ms) and fast polling.
 *
 * @since 0.1.0
 * @category story
 */
export const inMemory: Effect.Effect<void, AdminError.AdminError> = Effect.gen(function* () {
  const inMemory = yield* InMemory.load
  const memory = yield* inMemory.make({ stageDelay: "300 millis" })
  const { businessProfile, media, templates } = memory.parts
  const fixture: Fixture = {
    description: "the in-memory reference adapter (a later version runs it against the provider emulators)",
    provision: {
      phoneNumber: "+447700900123",
      wabaId: "123456789012",
      vnameCertificate: "CkQKDQiBx9bZ2",
      verificationMethod: "sms"
    },
    readCode: (registration) =>
      Effect.flatMap(memory.control.lastCode(registration.id), (code) =>
        Option.match(code, {
          onSome: Effect.succeed,
          onNone: () =>
            Effect.fail(
              new AdminError.NotFound({
                provider: memory.control.provider,
                operation: "numbers.verify",
                resource: "verification code",
                id: registration.id
              })
            )
        })),
    wabaId: "123456789012",
    schedule: Schedule.spaced("50 millis"),
    withoutProvisioning: Port.layerComplete({
      provider: "memory-without-numbers",
      supportStatus: "stable",
      ...(businessProfile === undefined ? {} : { businessProfile }),
      ...(media === undefined ? {} : { media }),
      ...(templates === undefined ? {} : { templates })
    })
  }
  yield* story(fixture).pipe(Effect.provide(Port.layerComplete(memory.parts)))
})
