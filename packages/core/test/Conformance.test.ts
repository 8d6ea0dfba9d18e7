import { assert, describe, it } from "@effect/vitest"
import type { Registration } from "@wa-admin/core"
import { AdminError, BusinessProfile, Capabilities, NumberLifecycle, Port, Templates } from "@wa-admin/core"
import { Conformance, InMemory } from "@wa-admin/core/testing"
import type { Duration } from "effect"
import { Cause, Chunk, Effect, Exit, Option, Stream } from "effect"

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

/** A deliberately broken provider, and the check that must catch it with `expected` in its failure. */
interface Broken {
  readonly name: string
  readonly check: string | Conformance.Check
  readonly expected: string
  readonly broken: Change
  /** What the correct provider needs changed for the check to apply (default: nothing). */
  readonly correct?: Change
}

const brokenProviders: ReadonlyArray<Broken> = [
  {
    name: "a delete of one language that deletes every language",
    check: "templates.delete: deleting one language keeps the others",
    expected: "the other language stays",
    broken: breaking("templates", (templates) => ({
      delete: (request) => templates.delete({ wabaId: request.wabaId, name: request.name, allLanguages: true })
    }))
  },
  {
    name: "a profile update that replaces the whole profile instead of merging",
    check: "profile.update: changes only the fields given",
    expected: "the first update's field survives",
    broken: breaking("businessProfile", (profile) => ({
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
  },
  {
    name: "a verification that reports a wrong code as success",
    check: "numbers.verify: a wrong code → VerificationFailed and code_rejected; the right code still works",
    expected: "expected a failure, but it succeeded",
    broken: breaking("numberLifecycle", (numbers) => ({
      verifyCode: (request) => Effect.catchTag(numbers.verifyCode(request), "VerificationFailed", () => Effect.void)
    }))
  },
  {
    name: "a list that ignores the language filter",
    check: "templates.list: filters by language (any of the languages)",
    expected: "the versions in that language",
    broken: breaking("templates", (templates) => ({
      list: (request) => {
        const { language: _ignored, ...filter } = request.filter ?? {}
        return templates.list({ ...request, filter })
      }
    }))
  },
  {
    name: "a list whose pages overlap",
    check: "templates.list: yields every language version once, the same at any page size",
    expected: "same templates in the same order",
    broken: breaking("templates", (templates) => ({
      list: (request) =>
        request.pageSize === 1
          ? Stream.concat(templates.list(request), Stream.take(templates.list(request), 1))
          : templates.list(request)
    }))
  },
  {
    name: "a missing template reported as another provider's NotFound",
    check: "templates.get: an absent name or language → NotFound naming it",
    expected: "NotFound.provider",
    broken: breaking("templates", (templates) => ({
      get: (request) =>
        Effect.catchTag(
          templates.get(request),
          "NotFound",
          (error) => Effect.fail(new AdminError.NotFound({ ...error, provider: "elsewhere" }))
        )
    }))
  },
  {
    name: "a template asked in a language it lacks answered with the name's other version",
    check: "templates.get: a name asked in a language it lacks → NotFound naming both, not the name's other version",
    expected: "expected a failure, but it succeeded",
    broken: breaking("templates", (templates) => ({
      get: (request) =>
        Effect.catchTag(
          templates.get(request),
          "NotFound",
          (error) =>
            templates.list({ wabaId: request.wabaId, filter: { name: request.name } }).pipe(
              Stream.runHead,
              Effect.flatMap(Option.match({ onNone: () => Effect.fail(error), onSome: Effect.succeed }))
            )
        )
    }))
  },
  {
    name: "a missing template reported without the name asked for",
    check: "templates.get: an absent name or language → NotFound naming it",
    expected: "NotFound.id is the caller's",
    broken: breaking("templates", (templates) => ({
      get: (request) =>
        Effect.catchTag(
          templates.get(request),
          "NotFound",
          (error) => Effect.fail(new AdminError.NotFound({ ...error, id: request.language }))
        )
    }))
  },
  {
    name: "a service that performs an operation its capabilities do not list",
    check: Conformance.unsupported("media.upload"),
    expected: "media.upload: expected Unsupported",
    broken: (parts) => ({
      ...parts,
      ...(parts.media === undefined ? {} : { media: { ...parts.media, operations: new Set() } })
    }),
    correct: (parts) => {
      const { media: _media, ...rest } = parts
      return rest
    }
  }
]

describe("the conformance suite catches broken adapters", () => {
  for (const provider of brokenProviders) {
    it.scoped(provider.name, () => catches(provider.check, provider.expected, provider.broken, provider.correct))
  }
})
