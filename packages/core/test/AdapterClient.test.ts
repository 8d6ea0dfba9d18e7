import { HttpClient, type HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { AdminError, BusinessProfile, Profile, Transport } from "@wa-admin/core"
import { AdapterClient, Endpoint } from "@wa-admin/core/adapter"
import { Expect, FakeHttp } from "@wa-admin/core/testing"
import { Effect, ParseResult, Schema } from "effect"
import { drive, failureOf, fakeClient, respond } from "./TransportFakes.js"

/** A wire that has a name for two verticals only: encoding another one throws, as `encodeSync` does. */
const WireChange = Schema.Struct({
  vertical: Schema.optional(
    Schema.transformOrFail(Schema.Literal("shop", "food"), Schema.String, {
      strict: true,
      decode: (name) => Effect.succeed(name === "shop" ? "Retail" : "Restaurant"),
      encode: (vertical, _, ast) =>
        vertical === "Retail"
          ? Effect.succeed("shop" as const)
          : vertical === "Restaurant"
          ? Effect.succeed("food" as const)
          : Effect.fail(new ParseResult.Type(ast, vertical, "has no name on this wire"))
    })
  )
})

const updateProfile = Endpoint.make({
  operation: "profile.update",
  method: "PATCH",
  path: "/numbers/{number}/profile",
  idempotent: true,
  body: ({ profile }: { readonly number: string; readonly profile: { readonly vertical?: string | undefined } }) =>
    Endpoint.jsonOf(WireChange)(profile)
})

describe("AdapterClient", () => {
  it.effect("a body the provider's wire cannot carry is InvalidInput naming the field, and nothing is sent", () =>
    Effect.gen(function*() {
      const http = FakeHttp.scripted()
      const client = yield* AdapterClient.make({ provider: "acme", baseUrl: "http://127.0.0.1:9/v1" }).pipe(
        Effect.provide(http.layer)
      )
      const refused = yield* Effect.flip(client.call(updateProfile)({ number: "1", profile: { vertical: "Travel" } }))
      assert.strictEqual(refused._tag, "InvalidInput")
      if (refused._tag === "InvalidInput") {
        assert.strictEqual(refused.source, "local")
        assert.deepStrictEqual(refused.issues.map((issue) => [issue.field, issue.rule]), [[
          "vertical",
          "has no name on this wire"
        ]])
      }
      assert.strictEqual(http.requests.length, 0)
      yield* client.call(updateProfile)({ number: "1", profile: { vertical: "Retail" } })
      assert.strictEqual(http.requests.length, 1, "a value the wire carries is sent")
    }))

  it.effect("BusinessProfile.update builds the provider's call only after the provider's rules passed", () =>
    Effect.gen(function*() {
      const built: Array<string> = []
      const service = BusinessProfile.make("acme", {
        validateUpdate: (request) =>
          request.profile.about === "refused"
            ? Effect.fail(
              new AdminError.InvalidInput({
                provider: "acme",
                operation: "profile.update",
                source: "local",
                issues: [new AdminError.FieldIssue({ field: "profile.about", rule: "refused by Acme" })]
              })
            )
            : Effect.void,
        update: (request) => {
          built.push(request.profile.about ?? "")
          if (request.profile.about === "refused") throw new Error("built before the rules ran")
          return Effect.succeed(new Profile.Profile({}))
        }
      })
      const refused = yield* Effect.flip(service.update({ number: "1", profile: { about: "refused" } }))
      assert.strictEqual(refused._tag, "InvalidInput")
      assert.deepStrictEqual(built, [], "the call was never built")
      yield* service.update({ number: "1", profile: { about: "fine" } })
      assert.deepStrictEqual(built, ["fine"])
    }))

  it.effect("an Endpoint.get is a read: a 503 is retried; a POST not said to be idempotent is sent once", () =>
    Effect.gen(function*() {
      const status = Endpoint.get({ operation: "numbers.status", path: "/numbers/{id}" })
      const register = Endpoint.make({
        operation: "numbers.register",
        method: "POST",
        path: "/numbers/{id}/register",
        idempotent: false
      })
      assert.deepStrictEqual([status.method, status.idempotent], ["GET", true])
      const fake = fakeClient(respond(503, {}))
      const client = yield* AdapterClient.make({ provider: "acme", baseUrl: "https://api.acme.test/v1" }).pipe(
        Effect.provideService(HttpClient.HttpClient, fake.client)
      )
      const exact = Transport.withPolicy({ jitter: "none" })
      Expect.tag(failureOf((yield* drive(exact(client.call(status)({ id: "42" })))).exit), "ProviderUnavailable")
      assert.strictEqual(fake.sent.length, 4, "the read was retried until its attempts ran out")
      Expect.tag(failureOf((yield* drive(exact(client.call(register)({ id: "42" })))).exit), "OutcomeUnknown")
      assert.strictEqual(fake.sent.length, 5, "the registration was sent once")
    }))

  it.effect("an endpoint's input is what its parts read: a wire encoder as the body sends its fields, the path's id stays in the path", () =>
    Effect.gen(function*() {
      const verify = Endpoint.make({
        operation: "numbers.verify",
        method: "POST",
        path: "/numbers/{id}/verify",
        // idempotent: no — a code is single-use.
        idempotent: false,
        body: Endpoint.jsonOf(
          Schema.Struct({ code: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("otp")) })
        ),
        notFound: { resource: "number", id: (input) => input.id }
      })
      const http = FakeHttp.scripted({ status: 200, body: {} })
      const client = yield* AdapterClient.make({ provider: "acme", baseUrl: "http://127.0.0.1:9/v1" }).pipe(
        Effect.provide(http.layer)
      )
      yield* client.call(verify)({ id: "42", code: "123456" })
      const [request] = http.requests
      assert.strictEqual(request?.url, "http://127.0.0.1:9/v1/numbers/42/verify")
      assert.deepStrictEqual(JSON.parse(bodyText(request)), { otp: "123456" })
      // @ts-expect-error the path's {id} is part of the input
      yield* Effect.flip(client.call(verify)({ code: "123456" }))
      // @ts-expect-error so is the field the body reads
      yield* Effect.flip(client.call(verify)({ id: "42" }))
    }))
})

const bodyText = (request: HttpClientRequest.HttpClientRequest | undefined): string =>
  request?.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
