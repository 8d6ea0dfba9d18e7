import { Effect, Schema, Stream, Tracer } from "effect"
import type { AdminError } from "../../AdminError.js"
import { BusinessProfile } from "../../BusinessProfile.js"
import { operations } from "../../Capabilities.js"
import type { Operation } from "../../Capabilities.js"
import { Media } from "../../Media.js"
import { NumberLifecycle } from "../../NumberLifecycle.js"
import type * as Port from "../../Port.js"
import { ProvisionRequest } from "../../Registration.js"
import { Templates } from "../../Templates.js"
import type { Check } from "../Conformance.js"
import { provisionRequest } from "../Samples.js"
import { expectError, expectRefusedLocally } from "./harness.js"
import { assert } from "./vitest.js"

const sortedOf = (values: Iterable<string>) => [...values].sort()

const capabilitiesAgree: Check = {
  name: "capabilities: name the provider and list exactly what its services implement",
  requires: [],
  run: (harness) =>
    Effect.gen(function*() {
      const { capabilities } = harness
      assert.isAbove(capabilities.provider.length, 0, "capabilities.provider")
      const services = [
        yield* NumberLifecycle,
        yield* BusinessProfile,
        yield* Media,
        yield* Templates
      ]
      for (const service of services) {
        assert.strictEqual(service.provider, capabilities.provider, "every port service names the same provider")
      }
      const implemented = new Set(services.flatMap((service) => [...service.operations]))
      assert.deepStrictEqual(sortedOf(capabilities.operations), sortedOf(implemented), "capabilities.operations")
      for (const operation of operations) {
        assert.strictEqual(capabilities.supports(operation), implemented.has(operation), `supports("${operation}")`)
      }
      const documented = harness.options.operations
      if (documented !== undefined) {
        assert.deepStrictEqual(
          sortedOf(capabilities.operations),
          sortedOf(documented),
          "capabilities.operations must be exactly the operations the provider documents"
        )
      }
    })
}

/** The ids a call carries: a registration, a number, a WABA and (for an edit) a template. */
interface CallIds {
  readonly id: string
  readonly number: string
  readonly wabaId: string
  readonly templateId?: string
}

const wellFormedIds: CallIds = { id: "100000000000001", number: "100000000000001", wabaId: "100000000000001" }

/** A call of each operation with well-formed input, carrying `ids`. */
const callOf = (
  operation: Operation,
  ids: CallIds = wellFormedIds
): Effect.Effect<unknown, AdminError, Port.Services> => {
  const { id, number } = ids
  const template = { wabaId: ids.wabaId, name: "conformance_probe", language: "en_US" }
  switch (operation) {
    case "numbers.provision":
      return Effect.flatMap(
        NumberLifecycle,
        (service) => service.provision(Schema.encodeSync(ProvisionRequest)(provisionRequest))
      )
    case "numbers.status":
      return Effect.flatMap(NumberLifecycle, (service) => service.status({ id }))
    case "numbers.verify":
      return Effect.flatMap(NumberLifecycle, (service) => service.verifyCode({ id, code: "123456" }))
    case "numbers.resend":
      return Effect.flatMap(NumberLifecycle, (service) => service.resendCode({ id, method: "sms" }))
    case "numbers.release":
      return Effect.flatMap(NumberLifecycle, (service) => service.release({ id }))
    case "profile.get":
      return Effect.flatMap(BusinessProfile, (service) => service.get({ number }))
    case "profile.update":
      return Effect.flatMap(BusinessProfile, (service) => service.update({ number, profile: { about: "About us" } }))
    case "profile.photo.get":
      return Effect.flatMap(BusinessProfile, (service) => service.getPhoto({ number }))
    case "profile.photo.set":
      return Effect.flatMap(
        BusinessProfile,
        (service) => service.setPhoto({ number, url: "https://example.com/photo.png" })
      )
    case "media.upload":
      return Effect.flatMap(
        Media,
        (service) => service.upload({ number, kind: "image", url: "https://example.com/picture.png" })
      )
    case "media.templateAsset":
      return Effect.flatMap(
        Media,
        (service) =>
          service.uploadTemplateAsset({ wabaId: ids.wabaId, kind: "image", url: "https://example.com/header.png" })
      )
    case "templates.list":
      return Effect.flatMap(Templates, (service) => Stream.runCollect(service.list({ wabaId: template.wabaId })))
    case "templates.get":
      return Effect.flatMap(Templates, (service) => service.get(template))
    case "templates.create":
      return Effect.flatMap(Templates, (service) =>
        service.create({
          wabaId: template.wabaId,
          template: {
            name: template.name,
            language: template.language,
            category: "UTILITY",
            components: [{ _tag: "BODY", text: "Your order has shipped" }]
          }
        }))
    case "templates.edit":
      return Effect.flatMap(Templates, (service) =>
        service.edit({
          ...template,
          ...(ids.templateId === undefined ? {} : { id: ids.templateId }),
          components: [{ _tag: "BODY", text: "Your order is on its way" }]
        }))
    case "templates.delete":
      return Effect.flatMap(Templates, (service) => service.delete(template))
  }
}

/** The check that an operation the provider lacks fails with `Unsupported`, and nothing else. */
export const unsupportedCheck = (operation: Operation): Check => ({
  name: `${operation}: not offered, so it fails with Unsupported naming the provider and the operation`,
  requires: [],
  run: (harness) =>
    Effect.gen(function*() {
      assert.isFalse(harness.capabilities.supports(operation), `capabilities must not list ${operation}`)
      const error = yield* expectError(callOf(operation), ["Unsupported"], operation)
      assert.strictEqual(error.provider, harness.capabilities.provider, "Unsupported.provider")
      assert.strictEqual(error.operation, operation, "Unsupported.operation")
      assert.isFalse(error.retryable, "Unsupported is not retryable")
      if (operation === "numbers.status") {
        const waited = yield* expectError(
          Effect.flatMap(NumberLifecycle, (service) => service.awaitReady({ id: "100000000000001" })),
          ["Unsupported"],
          "awaitReady without status"
        )
        assert.strictEqual(waited.operation, "numbers.status", "awaitReady fails as status does")
      }
    })
})

/** A call of each operation with malformed input, which the port must refuse before sending. */
const malformedCallOf = (operation: Operation): Effect.Effect<unknown, AdminError, Port.Services> => {
  const template = { wabaId: "not-a-waba", name: "conformance_probe", language: "en_US" }
  switch (operation) {
    case "numbers.provision":
      return Effect.flatMap(NumberLifecycle, (service) =>
        // Deliberately ill-typed, as input from a command line or a JSON file can be.
        service.provision({ phoneNumber: "+12" } as unknown as typeof ProvisionRequest.Encoded))
    case "numbers.status":
      return Effect.flatMap(NumberLifecycle, (service) => service.status({ id: "" }))
    case "numbers.verify":
      return Effect.flatMap(NumberLifecycle, (service) => service.verifyCode({ id: "", code: "code" }))
    case "numbers.resend":
      return Effect.flatMap(NumberLifecycle, (service) => service.resendCode({ id: "" }))
    case "numbers.release":
      return Effect.flatMap(NumberLifecycle, (service) => service.release({ id: "" }))
    case "profile.get":
      return Effect.flatMap(BusinessProfile, (service) => service.get({ number: "" }))
    case "profile.update":
      return Effect.flatMap(BusinessProfile, (service) => service.update({ number: "", profile: {} }))
    case "profile.photo.get":
      return Effect.flatMap(BusinessProfile, (service) => service.getPhoto({ number: "" }))
    case "profile.photo.set":
      return Effect.flatMap(BusinessProfile, (service) => service.setPhoto({ number: "", url: "photo.png" }))
    case "media.upload":
      return Effect.flatMap(Media, (service) => service.upload({ number: "", kind: "image", url: "picture.png" }))
    case "media.templateAsset":
      return Effect.flatMap(
        Media,
        (service) =>
          service.uploadTemplateAsset({ wabaId: template.wabaId, kind: "sticker" as "image", url: "header.png" })
      )
    case "templates.list":
    case "templates.get":
    case "templates.delete":
      // Well-formed but for the WABA id.
      return callOf(operation, { ...wellFormedIds, wabaId: template.wabaId })
    case "templates.create":
      return Effect.flatMap(Templates, (service) =>
        service.create({
          wabaId: template.wabaId,
          template: { ...template, category: "UTILITY", components: [{ _tag: "BODY", text: "Hello" }] }
        }))
    case "templates.edit":
      return Effect.flatMap(
        Templates,
        (service) => service.edit({ ...template, components: [{ _tag: "BODY", text: "Hello" }] })
      )
  }
}

const recordingTracer = (names: Array<string>) =>
  Effect.map(Effect.tracer, (native) =>
    Tracer.make({
      span: (name, parent, context, links, startTime, kind, options) => {
        names.push(name)
        return native.span(name, parent, context, links, startTime, kind, options)
      },
      context: (f, fiber) => native.context(f, fiber)
    }))

const validatesInSpans: Check = {
  name: "every offered operation refuses malformed input locally, within its span wa-admin.<provider>.<operation>",
  requires: [],
  run: (harness) =>
    Effect.gen(function*() {
      const offered = operations.filter((operation) => harness.capabilities.supports(operation))
      for (const operation of offered) {
        const names: Array<string> = []
        const tracer = yield* recordingTracer(names)
        yield* expectRefusedLocally(harness, Effect.withTracer(malformedCallOf(operation), tracer), [], operation)
        assert.include(names, `wa-admin.${harness.capabilities.provider}.${operation}`, `the span of ${operation}`)
      }
    })
}

/**
 * Ids that would address another resource once placed in a URL path: each operation taking an id
 * is called with each of them in the id's field (the rest well-formed).
 */
const resourceEscapes = ["", ".", "..", "../other", "id/..", "%2e%2e", "id?other", "id#other"] as const

/** The id each operation takes: where `callOf` reads it, and the input field that carries it. */
const idOf: { readonly [O in Operation]: readonly [keyof CallIds, string] | undefined } = {
  "numbers.provision": undefined,
  "numbers.status": ["id", "id"],
  "numbers.verify": ["id", "id"],
  "numbers.resend": ["id", "id"],
  "numbers.release": ["id", "id"],
  "profile.get": ["number", "number"],
  "profile.update": ["number", "number"],
  "profile.photo.get": ["number", "number"],
  "profile.photo.set": ["number", "number"],
  "media.upload": ["number", "number"],
  "media.templateAsset": ["wabaId", "wabaId"],
  "templates.list": ["wabaId", "wabaId"],
  "templates.get": ["wabaId", "wabaId"],
  "templates.create": ["wabaId", "wabaId"],
  "templates.edit": ["templateId", "id"],
  "templates.delete": ["wabaId", "wabaId"]
}

const refusesEscapingIds: Check = {
  name:
    "every offered operation refuses an id that would address another resource (empty, ., .., /, ?, #) locally, naming it",
  requires: [],
  run: (harness) =>
    Effect.gen(function*() {
      const offered = operations.filter((operation) => harness.capabilities.supports(operation))
      for (const operation of offered) {
        const id = idOf[operation]
        if (id === undefined) continue
        const [key, field] = id
        for (const value of resourceEscapes) {
          const call = callOf(operation, { ...wellFormedIds, [key]: value })
          yield* expectRefusedLocally(harness, call, [field], `${operation} with ${field} ${JSON.stringify(value)}`)
        }
      }
    })
}

/** Checks of what the provider says it offers, and of input validation and spans for each offered operation. */
export const capabilityChecks: ReadonlyArray<Check> = [capabilitiesAgree, validatesInSpans, refusesEscapingIds]
