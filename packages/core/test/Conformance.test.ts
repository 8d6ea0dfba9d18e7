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

/**
 * Runs a check against a deliberately broken in-memory provider, and against the correct
 * one: the broken one must fail with the given message, the correct one must pass.
 */
const catches = (name: string, expected: string, change: (parts: Port.Parts) => Port.Parts) =>
  Effect.gen(function*() {
    const check = checkNamed(name)
    yield* Conformance.runCheck(check, { name: "memory", makeFixture: memoryFixture() })
    const exit = yield* Effect.exit(
      Conformance.runCheck(check, { name: "broken", makeFixture: memoryFixture({ change }) })
    )
    assert.isTrue(Exit.isFailure(exit), "the check must fail against the broken provider")
    if (Exit.isFailure(exit)) assert.include(Cause.pretty(exit.cause), expected)
  })

const templatesOf = (parts: Port.Parts) => parts.templates ?? Templates.unsupported(parts.provider)
const profileOf = (parts: Port.Parts) => parts.businessProfile ?? BusinessProfile.unsupported(parts.provider)
const numbersOf = (parts: Port.Parts) => parts.numberLifecycle ?? NumberLifecycle.unsupported(parts.provider)

describe("the conformance suite catches broken adapters", () => {
  it.scoped("a delete of one language that deletes every language", () =>
    catches("templates.delete: deleting one language keeps the others", "the other language stays", (parts) => {
      const templates = templatesOf(parts)
      return {
        ...parts,
        templates: {
          ...templates,
          delete: (request) => templates.delete({ wabaId: request.wabaId, name: request.name, allLanguages: true })
        }
      }
    }))

  it.scoped("a profile update that replaces the whole profile instead of merging", () =>
    catches("profile.update: changes only the fields given", "the first update's field survives", (parts) => {
      const profile = profileOf(parts)
      return {
        ...parts,
        businessProfile: {
          ...profile,
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
        }
      }
    }))

  it.scoped("a verification that reports a wrong code as success", () =>
    catches(
      "numbers.verify: a wrong code → VerificationFailed and code_rejected; the right code still works",
      "expected a failure, but it succeeded",
      (parts) => {
        const numbers = numbersOf(parts)
        return {
          ...parts,
          numberLifecycle: {
            ...numbers,
            verifyCode: (request) =>
              Effect.catchTag(numbers.verifyCode(request), "VerificationFailed", () => Effect.void)
          }
        }
      }
    ))

  it.scoped("a list that ignores the language filter", () =>
    catches("templates.list: filters by language (any of the languages)", "the versions in that language", (parts) => {
      const templates = templatesOf(parts)
      return {
        ...parts,
        templates: {
          ...templates,
          list: (request) => {
            const { language: _ignored, ...filter } = request.filter ?? {}
            return templates.list({ ...request, filter })
          }
        }
      }
    }))

  it.scoped("a list whose pages overlap", () =>
    catches(
      "templates.list: yields every language version once, the same at any page size",
      "same templates in the same order",
      (parts) => {
        const templates = templatesOf(parts)
        return {
          ...parts,
          templates: {
            ...templates,
            list: (request) =>
              request.pageSize === 1
                ? Stream.concat(templates.list(request), Stream.take(templates.list(request), 1))
                : templates.list(request)
          }
        }
      }
    ))

  it.scoped("a service that performs an operation its capabilities do not list", () =>
    Effect.gen(function*() {
      const check = Conformance.unsupported("media.upload")
      const withoutMedia = (parts: Port.Parts): Port.Parts => {
        const { media: _media, ...rest } = parts
        return rest
      }
      yield* Conformance.runCheck(check, { name: "memory", makeFixture: memoryFixture({ change: withoutMedia }) })
      const exit = yield* Effect.exit(
        Conformance.runCheck(check, {
          name: "broken",
          makeFixture: memoryFixture({
            change: (parts) => ({
              ...parts,
              ...(parts.media === undefined ? {} : { media: { ...parts.media, operations: new Set() } })
            })
          })
        })
      )
      assert.isTrue(Exit.isFailure(exit), "the check must fail against the broken provider")
      if (Exit.isFailure(exit)) assert.include(Cause.pretty(exit.cause), "media.upload: expected Unsupported")
    }))
})
