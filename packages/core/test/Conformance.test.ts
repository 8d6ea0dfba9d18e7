import { assert, describe, it } from "@effect/vitest"
import type { Registration } from "@wa-admin/core"
import { AdminError, BusinessProfile, Capabilities, NumberLifecycle, Port, Templates } from "@wa-admin/core"
import { Conformance, InMemory } from "@wa-admin/core/testing"
import type { Duration } from "effect"
import { Cause, Chunk, Effect, Exit, Stream } from "effect"

const waba = "100000000000001"

/** The in-memory provider as a fixture, optionally with its parts changed. */
const memoryFixture = (
  options: { readonly stageDelay?: Duration.DurationInput; readonly change?: (parts: Port.Parts) => Port.Parts } = {}
) =>
  Effect.gen(function*() {
    const stageDelay = options.stageDelay ?? "1 second"
    const { control, parts } = yield* InMemory.make({ stageDelay, maxVerifyAttempts: 3 })
    yield* control.seedNumber("memory-number-1", { about: "Seeded" })
    const fixture: Conformance.Fixture = {
      layer: Port.layerComplete(options.change === undefined ? parts : options.change(parts)),
      requestCount: Effect.map(control.requests, (requests) => requests.length),
      number: "memory-number-1",
      numbers: {
        request: { phoneNumber: "+447700900123", wabaId: waba },
        readCode: (registration: Registration.Registration) => control.lastCode(registration.id),
        stageDuration: stageDelay,
        maxVerifyAttempts: 3
      },
      media: { expiresAfter: InMemory.mediaLifetime },
      templates: {
        wabaId: waba,
        approve: (template) => control.setTemplateStatus({ ...template, status: "APPROVED" })
      }
    }
    return fixture
  })

Conformance.run({
  name: "memory",
  makeFixture: memoryFixture(),
  operations: Capabilities.operations
})

Conformance.run({ name: "memory (live clock)", clock: "live", makeFixture: memoryFixture({ stageDelay: "30 millis" }) })

/**
 * A provider shaped like WOZTELL on top of the in-memory one: number status only (no
 * provisioning), and a template delete that removes every language of a name.
 */
const cloudFixture = Effect.gen(function*() {
  const provider = "memory-cloud"
  const { control, parts } = yield* InMemory.make({ provider })
  const phoneNumberId = "200000000000001"
  yield* control.seedNumber(phoneNumberId)
  const numbers = parts.numberLifecycle ?? NumberLifecycle.unsupported(provider)
  const templates = parts.templates ?? Templates.unsupported(provider)
  const languagesOf = (wabaId: string, name: string) =>
    templates.list({ wabaId, filter: { name } }).pipe(
      Stream.filter((template) => template.name === name),
      Stream.runCollect,
      Effect.map(Chunk.size)
    )
  const fixture: Conformance.Fixture = {
    layer: Port.layerComplete({
      provider,
      supportStatus: "stable",
      numberLifecycle: NumberLifecycle.make(provider, { status: (request) => numbers.status(request) }),
      ...(parts.businessProfile === undefined ? {} : { businessProfile: parts.businessProfile }),
      templates: Templates.make(provider, {
        list: (request) => templates.list(request),
        get: (request) => templates.get(request),
        create: (request) => templates.create(request),
        edit: (request) => templates.edit(request),
        delete: (request) =>
          "allLanguages" in request
            ? templates.delete(request)
            : Effect.flatMap(languagesOf(request.wabaId, request.name), (count) =>
              count > 1
                ? Effect.fail(
                  new AdminError.Conflict({
                    provider,
                    operation: "templates.delete",
                    reason:
                      `${request.name} has ${count} languages and this provider deletes them all: pass allLanguages: true`
                  })
                )
                : templates.delete({ wabaId: request.wabaId, name: request.name, allLanguages: true }))
      })
    }),
    requestCount: Effect.map(control.requests, (requests) => requests.length),
    number: phoneNumberId,
    numbers: { existing: { id: phoneNumberId, state: "ready" }, stageDuration: "1 second" },
    templates: { wabaId: waba, deleteScope: "name", categories: ["MARKETING", "TRANSACTIONAL"] }
  }
  return fixture
})

Conformance.run({
  name: "memory-cloud (status only, deletes by name, no media)",
  makeFixture: cloudFixture,
  operations: Capabilities.except(
    "numbers.provision",
    "numbers.verify",
    "numbers.resend",
    "numbers.release",
    "media.upload",
    "media.templateAsset"
  )
})

const checkNamed = (name: string): Conformance.Check => {
  const found = Conformance.checks.find((check) => check.name === name)
  if (found === undefined) throw new Error(`no conformance check named "${name}"`)
  return found
}

type Change = (parts: Port.Parts) => Port.Parts

/**
 * Runs a check against a deliberately broken in-memory provider, and against the correct
 * one (changed by `correct` alone): the broken one must fail with the given message, the correct
 * one must pass.
 */
const catches = (check: string | Conformance.Check, expected: string, broken: Change, correct?: Change) =>
  Effect.gen(function*() {
    const checked = typeof check === "string" ? checkNamed(check) : check
    yield* Conformance.runCheck(checked, {
      name: "memory",
      makeFixture: memoryFixture(correct === undefined ? {} : { change: correct })
    })
    const exit = yield* Effect.exit(
      Conformance.runCheck(checked, { name: "broken", makeFixture: memoryFixture({ change: broken }) })
    )
    assert.isTrue(Exit.isFailure(exit), "the check must fail against the broken provider")
    if (Exit.isFailure(exit)) assert.include(Cause.pretty(exit.cause), expected)
  })

interface Services {
  readonly templates: Templates.Service
  readonly businessProfile: BusinessProfile.Service
  readonly numberLifecycle: NumberLifecycle.Service
}

const serviceOf: { readonly [K in keyof Services]: (parts: Port.Parts) => Services[K] } = {
  templates: (parts) => parts.templates ?? Templates.unsupported(parts.provider),
  businessProfile: (parts) => parts.businessProfile ?? BusinessProfile.unsupported(parts.provider),
  numberLifecycle: (parts) => parts.numberLifecycle ?? NumberLifecycle.unsupported(parts.provider)
}

/** The provider with one service's methods replaced by what `change` makes of the correct ones. */
const breaking =
  <K extends keyof Services>(key: K, change: (service: Services[K]) => Partial<Services[K]>): Change => (parts) => {
    const service = serviceOf[key](parts)
    return { ...parts, [key]: { ...service, ...change(service) } }
  }

describe("the conformance suite catches broken adapters", () => {
  it.scoped("a delete of one language that deletes every language", () =>
    catches(
      "templates.delete: deleting one language keeps the others",
      "the other language stays",
      breaking("templates", (templates) => ({
        delete: (request) => templates.delete({ wabaId: request.wabaId, name: request.name, allLanguages: true })
      }))
    ))

  it.scoped("a profile update that replaces the whole profile instead of merging", () =>
    catches(
      "profile.update: changes only the fields given",
      "the first update's field survives",
      breaking("businessProfile", (profile) => ({
        update: (request) =>
          Effect.flatMap(profile.get({ number: request.number }), (current) =>
            profile.update({
              number: request.number,
              profile: {
                about: request.profile.about ?? "",
                ...(current.email === undefined || request.profile.email !== undefined
                  ? {}
                  : { email: current.email }),
                ...(request.profile.email === undefined ? {} : { email: request.profile.email })
              }
            }))
      }))
    ))

  it.scoped("a verification that reports a wrong code as success", () =>
    catches(
      "numbers.verify: a wrong code → VerificationFailed and code_rejected; the right code still works",
      "expected a failure, but it succeeded",
      breaking("numberLifecycle", (numbers) => ({
        verifyCode: (request) => Effect.catchTag(numbers.verifyCode(request), "VerificationFailed", () => Effect.void)
      }))
    ))

  it.scoped("a list that ignores the language filter", () =>
    catches(
      "templates.list: filters by language (any of the languages)",
      "the versions in that language",
      breaking("templates", (templates) => ({
        list: (request) => {
          const { language: _ignored, ...filter } = request.filter ?? {}
          return templates.list({ ...request, filter })
        }
      }))
    ))

  it.scoped("a list whose pages overlap", () =>
    catches(
      "templates.list: yields every language version once, the same at any page size",
      "same templates in the same order",
      breaking("templates", (templates) => ({
        list: (request) =>
          request.pageSize === 1
            ? Stream.concat(templates.list(request), Stream.take(templates.list(request), 1))
            : templates.list(request)
      }))
    ))

  it.scoped("a service that performs an operation its capabilities do not list", () =>
    catches(
      Conformance.unsupported("media.upload"),
      "media.upload: expected Unsupported",
      (parts) => ({
        ...parts,
        ...(parts.media === undefined ? {} : { media: { ...parts.media, operations: new Set() } })
      }),
      (parts) => {
        const { media: _media, ...rest } = parts
        return rest
      }
    ))
})
