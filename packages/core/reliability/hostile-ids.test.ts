/**
 * Hostile ids against the in-memory reference adapter: every port operation that takes an id
 * (a registration, a number, a WABA, a template id, name or language) meets the whole
 * `HostileIds` catalogue in each of its id fields, the others valid.
 *
 * The in-memory provider has no URLs: a request reaches it as an operation and its input. The
 * test addresses each recorded request as a REST adapter would (each id one percent-encoded
 * segment of a route, then resolved as a URL is), so an id the port lets through that a URL would
 * resolve to another resource (`.`, `..`, an empty segment) counts as a stray request, as it
 * would against a real provider. Each call must end in a local `InvalidInput` naming the field
 * with nothing recorded, or reach exactly the resource meant.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import type { AdminError, Port } from "@wa-admin/core"
import { HostileIds, InMemory } from "@wa-admin/core/testing"
import { Effect, Layer, Schedule, Stream } from "effect"

/** Where a REST adapter would send each operation, one segment per id. */
const routes: Readonly<Record<string, string>> = {
  "numbers.status": "/registrations/{id}",
  "numbers.verify": "/registrations/{id}/verify",
  "numbers.resend": "/registrations/{id}/resend",
  "numbers.release": "/registrations/{id}",
  "profile.get": "/numbers/{number}/profile",
  "profile.update": "/numbers/{number}/profile",
  "profile.photo.get": "/numbers/{number}/profile/photo",
  "profile.photo.set": "/numbers/{number}/profile/photo",
  "media.upload": "/numbers/{number}/media",
  "templates.list": "/wabas/{wabaId}/templates",
  "templates.get": "/wabas/{wabaId}/templates/{name}/{language}",
  "templates.create": "/wabas/{wabaId}/templates",
  "templates.edit": "/wabas/{wabaId}/templates/{name}/{language}/{id}",
  "templates.delete": "/wabas/{wabaId}/templates/{name}/{language}"
}

const encodeOrKeep = (value: string): string => {
  try {
    return encodeURIComponent(value)
  } catch {
    return value
  }
}

/** A route with each `{field}` replaced by the (already encoded) value `segment` gives for it. */
const fill = (operation: string, segment: (field: string) => string): string =>
  (routes[operation] ?? `/${operation}`).replace(/\{(\w+)\}/g, (_, field: string) => segment(field))

const stringAt = (input: unknown, field: string): string => {
  const value = typeof input === "object" && input !== null ? (input as Record<string, unknown>)[field] : undefined
  return typeof value === "string" ? value : ""
}

/** The in-memory provider's request log, each request at the path a REST adapter would have used. */
const requestLog = (control: InMemory.Control): HostileIds.RequestLog => {
  let seen = 0
  return {
    clearRequests: Effect.map(control.requests, (requests) => {
      seen = requests.length
    }),
    requests: Effect.map(control.requests, (requests) =>
      requests.slice(seen).map((request) => ({
        method: request.operation,
        path: new URL(
          fill(request.operation, (field) => encodeOrKeep(stringAt(request.input, field))),
          "http://memory.invalid"
        )
          .pathname,
        query: {},
        body: request.input
      })))
  }
}

type Services = Port.Services

const number = "memory-number-1"
const wabaId = "100000000000001"
const components = [{ _tag: "BODY" as const, text: "Your order has shipped" }]

/**
 * A case: `run` called with `input` but `value` in `field`; the request must reach the route of
 * `routed` (default `operation`) filled from `input`, with the value encoded in `field`.
 */
const call = <I extends Record<string, unknown>>(
  operation: string,
  field: keyof I & string,
  input: I,
  run: (input: I) => Effect.Effect<unknown, AdminError.AdminError, Services>,
  routed: string = operation
): HostileIds.Case<Services> => ({
  operation,
  field,
  run: (value) => run({ ...input, [field]: value }),
  paths: (encoded) => [fill(routed, (name) => (name === field ? encoded : encodeOrKeep(stringAt(input, name))))]
})

const casesFor = (templateId: string): ReadonlyArray<HostileIds.Case<Services>> => {
  const registration = { id: number }
  const profile = { number }
  const template = { wabaId, name: "order_shipped", language: "en_US" }
  const edit = { ...template, id: templateId, components }
  const draft = { name: "hostile_probe", language: "en_US", category: "UTILITY" as const, components }
  return [
    call("numbers.status", "id", registration, NumberLifecycle.status),
    call("numbers.verify", "id", registration, ({ id }) => NumberLifecycle.verifyCode({ id, code: "123456" })),
    call("numbers.resend", "id", registration, NumberLifecycle.resendCode),
    call("numbers.release", "id", registration, NumberLifecycle.release),
    call(
      "numbers.awaitReady",
      "id",
      registration,
      ({ id }) => NumberLifecycle.awaitReady({ id, schedule: Schedule.recurs(0) }),
      "numbers.status"
    ),
    call("profile.get", "number", profile, BusinessProfile.get),
    call(
      "profile.update",
      "number",
      profile,
      ({ number }) => BusinessProfile.update({ number, profile: { about: "Fresh bread daily" } })
    ),
    call("profile.photo.get", "number", profile, BusinessProfile.getPhoto),
    call(
      "profile.photo.set",
      "number",
      profile,
      ({ number }) => BusinessProfile.setPhoto({ number, url: "https://example.com/logo.png" })
    ),
    call(
      "media.upload",
      "number",
      profile,
      ({ number }) => Media.upload({ number, kind: "image", url: "https://example.com/a.png" })
    ),
    call("templates.list", "wabaId", { wabaId }, (request) => Stream.runDrain(Templates.list(request))),
    call("templates.create", "wabaId", { wabaId }, ({ wabaId }) => Templates.create({ wabaId, template: draft })),
    ...(["wabaId", "name", "language"] as const).flatMap((field) => [
      call("templates.get", field, template, Templates.get),
      call("templates.delete", field, template, Templates.remove)
    ]),
    ...(["wabaId", "name", "language", "id"] as const).map((field) =>
      call("templates.edit", field, edit, Templates.edit)
    )
  ]
}

describe("in-memory adapter hostile ids", () => {
  it.scoped("every id of every port operation is refused locally or reaches exactly its resource", () =>
    Effect.gen(function*() {
      const context = yield* Layer.build(InMemory.layer())
      const control = yield* InMemory.InMemoryControl.pipe(Effect.provide(context))
      yield* control.seedNumber(number)
      const [seeded] = yield* control.seedTemplates(wabaId, [
        { name: "order_shipped", language: "en_US", category: "UTILITY", components }
      ])
      const cases = casesFor(seeded?.id ?? "")
      const log = requestLog(control)

      const report = yield* HostileIds.run(cases, log).pipe(Effect.provide(context))

      assert.strictEqual(report.strayRequests, 0, "requests that reached another resource")
      assert.strictEqual(report.requestsAfterRefusal, 0, "requests recorded although the call was refused")
      assert.deepStrictEqual(report.failures, [])
      assert.deepStrictEqual(yield* control.effects, [], "no hostile call changed anything")
      // The provider was listening all along: the same calls with real ids do reach it.
      yield* log.clearRequests
      yield* BusinessProfile.get({ number }).pipe(Effect.provide(context))
      yield* Templates.get({ wabaId, name: "order_shipped", language: "en_US" }).pipe(Effect.provide(context))
      assert.deepStrictEqual(
        (yield* log.requests).map((request) => request.path),
        [`/numbers/${number}/profile`, `/wabas/${wabaId}/templates/order_shipped/en_US`]
      )
    }))
})
