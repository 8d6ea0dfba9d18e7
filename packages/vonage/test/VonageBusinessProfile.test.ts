import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile } from "@wa-admin/core"
import { Endpoint } from "@wa-admin/core/adapter"
import { Effect } from "effect"
import { expectTag, withDeployment } from "./support.js"

const base = "/v0.1/whatsapp-manager"

describe("VonageBusinessProfile", () => {
  it.scoped("update sends only the given fields, in Vonage's spelling, and answers the profile", () =>
    Effect.gen(function*() {
      const { emulator, id, run } = yield* withDeployment
      const profile = yield* run(
        BusinessProfile.update({
          number: id,
          profile: { about: "Fresh bread daily", vertical: "Grocery", websites: ["https://example.com"] }
        })
      )
      assert.deepStrictEqual(
        { ...profile },
        { about: "Fresh bread daily", vertical: "Grocery", websites: ["https://example.com"] }
      )
      const [request] = yield* emulator.requests
      assert.strictEqual(request?.method, "PATCH")
      assert.strictEqual(request?.path, `${base}/deployments/${id}/profile`)
      assert.deepStrictEqual(request?.body, {
        about: "Fresh bread daily",
        vertical: "Food and Grocery",
        websites: ["https://example.com"]
      })
      assert.deepStrictEqual(yield* emulator.effects, [
        { operation: "createDeployment", key: id },
        { operation: "updateProfile", key: id }
      ])
    }))

  it.scoped("get reads the profile back into the domain model", () =>
    Effect.gen(function*() {
      const { emulator, id, run } = yield* withDeployment
      yield* run(
        BusinessProfile.update({
          number: id,
          profile: {
            address: "123 main street",
            description: "your business description",
            email: "you@example.com",
            vertical: "NonProfit"
          }
        })
      )
      yield* emulator.clearRequests
      const profile = yield* run(BusinessProfile.get({ number: id }))
      assert.deepStrictEqual(
        { ...profile },
        {
          address: "123 main street",
          description: "your business description",
          email: "you@example.com",
          vertical: "NonProfit"
        }
      )
      const requests = yield* emulator.requests
      assert.deepStrictEqual(
        requests.map((request) => [request.method, request.path]),
        [["GET", `${base}/deployments/${id}/profile`]]
      )
    }))

  it.scoped("the photo is read and replaced by URL", () =>
    Effect.gen(function*() {
      const { emulator, id, run } = yield* withDeployment
      const before = yield* run(BusinessProfile.getPhoto({ number: id }))
      const set = yield* run(BusinessProfile.setPhoto({ number: id, url: "https://www.example.com/img.png" }))
      const after = yield* run(BusinessProfile.getPhoto({ number: id }))
      assert.isUndefined(before.url)
      assert.strictEqual(set.url, "https://www.example.com/img.png")
      assert.strictEqual(after.url, "https://www.example.com/img.png")
      const requests = yield* emulator.requests
      assert.deepStrictEqual(
        requests.map((request) => [request.method, request.path, request.body]),
        [
          ["GET", `${base}/deployments/${id}/profile/photo`, undefined],
          ["POST", `${base}/deployments/${id}/profile/photo`, { image_url: "https://www.example.com/img.png" }],
          ["GET", `${base}/deployments/${id}/profile/photo`, undefined]
        ]
      )
    }))

  it.scoped("a photoUrl in a profile change sets the photo after the other fields", () =>
    Effect.gen(function*() {
      const { emulator, id, run } = yield* withDeployment
      const both = yield* run(
        BusinessProfile.update({ number: id, profile: { about: "Bread", photoUrl: "https://example.com/logo.jpg" } })
      )
      const photoOnly = yield* run(
        BusinessProfile.update({ number: id, profile: { photoUrl: "https://example.com/logo2.png" } })
      )
      assert.deepStrictEqual({ ...both }, { about: "Bread", photoUrl: "https://example.com/logo.jpg" })
      assert.deepStrictEqual({ ...photoOnly }, { about: "Bread", photoUrl: "https://example.com/logo2.png" })
      const requests = yield* emulator.requests
      assert.deepStrictEqual(
        requests.map((
          request
        ) => [request.method, request.path.slice(`${base}/deployments/${id}`.length), request.body]),
        [
          ["PATCH", "/profile", { about: "Bread" }],
          ["POST", "/profile/photo", { image_url: "https://example.com/logo.jpg" }],
          ["GET", "/profile", undefined],
          ["POST", "/profile/photo", { image_url: "https://example.com/logo2.png" }]
        ]
      )
    }))

  describe("Vonage's limits, checked before sending", () => {
    const refused = (profile: Parameters<typeof BusinessProfile.update>[0]["profile"]) =>
      Effect.gen(function*() {
        const { emulator, id, run } = yield* withDeployment
        const error = yield* run(BusinessProfile.update({ number: id, profile })).pipe(Effect.flip)
        const validation = yield* run(BusinessProfile.validate({ number: id, profile })).pipe(Effect.flip)
        assert.deepStrictEqual(yield* emulator.requests, [])
        const invalid = expectTag(error, "InvalidInput")
        assert.strictEqual(invalid.source, "local")
        assert.deepStrictEqual(validation.issues, invalid.issues)
        return invalid.issues.map((issue) => [issue.field, issue.rule] as const)
      })

    it.scoped("an about over 139 characters", () =>
      Effect.gen(function*() {
        const issues = yield* refused({ about: "a".repeat(140) })
        assert.deepStrictEqual(issues, [["profile.about", "must be at most 139 characters (Vonage)"]])
      }))

    it.scoped("characters are counted as people count them, not in UTF-16 units", () =>
      Effect.gen(function*() {
        const { run, id } = yield* withDeployment
        const about = "🍞".repeat(139)
        const profile = yield* run(BusinessProfile.update({ number: id, profile: { about } }))
        assert.strictEqual(profile.about, about)
        const issues = yield* refused({ about: `${about}🍞` })
        assert.deepStrictEqual(issues.map(([field]) => field), ["profile.about"])
      }))

    it.scoped("every over-long field at once, each named", () =>
      Effect.gen(function*() {
        const issues = yield* refused({
          address: "a".repeat(257),
          description: "d".repeat(257),
          email: `${"e".repeat(120)}@example.com`,
          websites: [`https://example.com/${"w".repeat(240)}`]
        })
        assert.deepStrictEqual(
          issues.map(([field]) => field),
          ["profile.address", "profile.description", "profile.email", "profile.websites.0"]
        )
      }))

    it.scoped("three websites", () =>
      Effect.gen(function*() {
        const issues = yield* refused({ websites: ["https://a.example", "https://b.example", "https://c.example"] })
        assert.deepStrictEqual(issues, [["profile.websites", "at most 2 websites"]])
      }))

    it.scoped("a vertical that is not one of the canonical ones", () =>
      Effect.gen(function*() {
        const issues = yield* refused({ vertical: "Bakery" as "Grocery" })
        assert.strictEqual(issues[0]?.[0], "profile.vertical")
      }))

    it.scoped("a vertical Vonage has no name for (NotABusiness)", () =>
      Effect.gen(function*() {
        const issues = yield* refused({ vertical: "NotABusiness" })
        assert.strictEqual(issues.length, 1)
        assert.strictEqual(issues[0]?.[0], "profile.vertical")
        assert.match(issues[0]?.[1] ?? "", /no Vonage vertical name/)
      }))

    it.scoped("an empty text", () =>
      Effect.gen(function*() {
        const issues = yield* refused({ about: "" })
        assert.deepStrictEqual(issues, [["profile.about", "must not be empty (Vonage)"]])
      }))
  })

  describe("errors", () => {
    it.scoped("a photo URL Vonage cannot use is InvalidInput from the provider, on the url field (unprocessable)", () =>
      Effect.gen(function*() {
        const { emulator, id, run } = yield* withDeployment
        const error = yield* run(BusinessProfile.setPhoto({ number: id, url: "https://example.com/logo.gif" })).pipe(
          Effect.flip
        )
        const invalid = expectTag(error, "InvalidInput")
        assert.strictEqual(invalid.source, "provider")
        assert.strictEqual(invalid.problem?.code, "unprocessable")
        assert.strictEqual(invalid.problem?.status, 422)
        assert.strictEqual(invalid.issues[0].field, "url")
        assert.match(invalid.issues[0].rule, /Url was not in a valid format/)
        assert.lengthOf(yield* emulator.requests, 1)
      }))

    it.scoped("a profile change Vonage refuses is InvalidInput naming the profile field (unprocessable-profile-update)", () =>
      Effect.gen(function*() {
        const { client, id } = yield* withDeployment
        // Past the port's checks: what Vonage itself refuses.
        const unchecked = Endpoint.make({
          operation: "profile.update",
          method: "PATCH",
          path: "/deployments/{id}/profile",
          idempotent: true,
          body: () => Endpoint.json({ about: "a".repeat(140), email: "not-an-email" })
        })
        const error = yield* client.call(unchecked)({ id }).pipe(Effect.flip)
        const invalid = expectTag(error, "InvalidInput")
        assert.strictEqual(invalid.source, "provider")
        assert.strictEqual(invalid.problem?.code, "unprocessable-profile-update")
        assert.deepStrictEqual(
          invalid.issues.map((issue) => issue.field),
          ["profile.about", "profile.email"]
        )
        assert.deepStrictEqual(
          invalid.problem?.invalidParameters?.map((parameter) => parameter.name),
          ["about", "email"]
        )
      }))

    it.scoped("the profile of an unknown deployment is NotFound naming it", () =>
      Effect.gen(function*() {
        const { run } = yield* withDeployment
        const error = yield* run(BusinessProfile.get({ number: "00000000-0000-4000-8000-000000000000" })).pipe(
          Effect.flip
        )
        const notFound = expectTag(error, "NotFound")
        assert.deepStrictEqual([notFound.resource, notFound.id, notFound.operation], [
          "deployment",
          "00000000-0000-4000-8000-000000000000",
          "profile.get"
        ])
      }))
  })
})
