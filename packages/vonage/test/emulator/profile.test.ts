import { assert, describe, it } from "@effect/vitest"
import { EmulatorEffects } from "@wa-admin/core/testing"
import { Effect, FastCheck, Runtime } from "effect"
import { vonageDocumented } from "../support.js"
import type { Harness } from "./harness.js"
import { assertProblem, deploymentRequest, fullProfile, harness, provisioningType } from "./harness.js"

const withDeployment = Effect.gen(function*() {
  const h = yield* harness({ stageDuration: "1 second" })
  const created = yield* h.call("POST", "/deployments", { json: deploymentRequest() })
  return { h, profile: `/deployments/${created.body.deployment_id as string}/profile` }
})

const refusedUpdate = (h: Harness, path: string, json: unknown) =>
  Effect.gen(function*() {
    const answer = yield* h.call("PATCH", path, { json })
    assert.strictEqual(answer.status, 422, JSON.stringify(json))
    assert.strictEqual(answer.body.type, provisioningType("unprocessable-profile-update"))
    assert.strictEqual(answer.body.title, "Unprocessable Entity")
    return answer.body.invalid_parameters as ReadonlyArray<{ name: string; reason: string }>
  })

describe("VonageEmulator profile", () => {
  it.scoped("starts empty, takes partial updates and returns the whole profile", () =>
    Effect.gen(function*() {
      const { h, profile } = yield* withDeployment
      assert.deepStrictEqual((yield* h.call("GET", profile)).body, {})
      const updated = yield* h.call("PATCH", profile, { json: fullProfile })
      assert.strictEqual(updated.status, 200)
      assert.deepStrictEqual(updated.body, fullProfile)
      const partial = yield* h.call("PATCH", profile, {
        json: { about: "new about", websites: ["https://a.example", "https://b.example"] }
      })
      assert.deepStrictEqual(partial.body, {
        ...fullProfile,
        about: "new about",
        websites: ["https://a.example", "https://b.example"]
      })
      assert.deepStrictEqual((yield* h.call("GET", profile)).body, partial.body)
      assert.strictEqual((yield* EmulatorEffects.of(h.emulator, "updateProfile")).length, 2)
    }))

  it.scoped("accepts every documented vertical and the maximum lengths", () =>
    Effect.gen(function*() {
      const { h, profile } = yield* withDeployment
      const answer = yield* h.call("PATCH", profile, {
        json: {
          about: "a".repeat(139),
          address: "b".repeat(256),
          description: "c".repeat(256),
          email: `${"d".repeat(116)}@example.com`,
          websites: ["https://".padEnd(256, "e"), "https://f.example"]
        }
      })
      assert.strictEqual(answer.status, 200, answer.text)
      for (const vertical of ["Automotive", "Beauty, Spa and Salon", "Non-profit", "Restaurant", "Other"]) {
        assert.strictEqual((yield* h.call("PATCH", profile, { json: { vertical } })).status, 200)
      }
    }))

  it.scoped("enforces the documented limits with 422 naming each field, and keeps the profile", () =>
    Effect.gen(function*() {
      const { h, profile } = yield* withDeployment
      yield* h.call("PATCH", profile, { json: fullProfile })
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { about: "a".repeat(140) }), [
        { name: "about", reason: "must be at most 139 characters" }
      ])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { about: "" }), [{
        name: "about",
        reason: "must not be empty"
      }])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { address: "b".repeat(257) }), [
        { name: "address", reason: "must be at most 256 characters" }
      ])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { description: "c".repeat(257) }), [
        { name: "description", reason: "must be at most 256 characters" }
      ])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { email: `${"d".repeat(117)}@example.com` }), [
        { name: "email", reason: "must be at most 128 characters" }
      ])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { email: "not-an-email" }), [
        { name: "email", reason: "Email format invalid" }
      ])
      const [vertical] = yield* refusedUpdate(h, profile, { vertical: "FOOD_AND_GROCERY" })
      assert.strictEqual(vertical?.name, "vertical")
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { websites: ["https://a", "https://b", "https://c"] }), [
        { name: "websites", reason: "must hold 1 or 2 websites" }
      ])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { websites: [] }), [
        { name: "websites", reason: "must hold 1 or 2 websites" }
      ])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { websites: ["https://".padEnd(257, "e")] }), [
        { name: "websites", reason: "each website must be 1 to 256 characters" }
      ])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { websites: "https://example.com" }), [
        { name: "websites", reason: "must be an array of strings" }
      ])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { about: 7 }), [{
        name: "about",
        reason: "must be a string"
      }])
      assert.deepStrictEqual(yield* refusedUpdate(h, profile, { photo_url: "https://example.com/a.png" }), [
        { name: "photo_url", reason: "is not a profile field" }
      ])
      const several = yield* refusedUpdate(h, profile, { about: "ok", email: "bad", vertical: "Food" })
      assert.deepStrictEqual(several.map((parameter) => parameter.name), ["email", "vertical"])
      assert.deepStrictEqual((yield* h.call("GET", profile)).body, fullProfile)
      assert.strictEqual((yield* EmulatorEffects.of(h.emulator, "updateProfile")).length, 1)
    }))

  it.scoped("counts characters, not UTF-16 units", () =>
    Effect.gen(function*() {
      const { h, profile } = yield* withDeployment
      assert.strictEqual((yield* h.call("PATCH", profile, { json: { about: "😀".repeat(139) } })).status, 200)
      yield* refusedUpdate(h, profile, { about: "😀".repeat(140) })
    }))

  it.scoped("a profile update that is not JSON is 400 invalid-json", () =>
    Effect.gen(function*() {
      const { h, profile } = yield* withDeployment
      const answer = yield* h.call("PATCH", profile, { raw: "{about:", contentType: "application/json" })
      assertProblem(answer, 400, provisioningType("invalid-json"))
    }))
})

describe("VonageEmulator profile photo", () => {
  it.scoped("has no photo at first, then returns the URL it was given", () =>
    Effect.gen(function*() {
      const { h, profile } = yield* withDeployment
      assert.deepStrictEqual((yield* h.call("GET", `${profile}/photo`)).body, {})
      for (
        const imageUrl of [
          "https://www.example.com/img.png",
          "http://cdn.example.com/a/b.JPG?v=2",
          "https://x.example/p.jpeg"
        ]
      ) {
        const answer = yield* h.call("POST", `${profile}/photo`, { json: { image_url: imageUrl } })
        assert.strictEqual(answer.status, 200)
        assert.deepStrictEqual(answer.body, { image_url: imageUrl })
        assert.deepStrictEqual((yield* h.call("GET", `${profile}/photo`)).body, { image_url: imageUrl })
      }
      assert.strictEqual(
        (yield* EmulatorEffects.of(h.emulator, "updateProfilePhoto")).length,
        3
      )
    }))

  it.scoped("refuses a missing image_url or one that is not an http(s) URL to a .png/.jpg/.jpeg", () =>
    Effect.gen(function*() {
      const { h, profile } = yield* withDeployment
      for (
        const json of [{}, { image_url: "" }, { image_url: "ftp://example.com/a.png" }, {
          image_url: "https://example.com/a.gif"
        }, { image_url: "not a url.png" }]
      ) {
        const answer = yield* h.call("POST", `${profile}/photo`, { json })
        assert.strictEqual(answer.status, 422, JSON.stringify(json))
        assert.strictEqual(answer.body.type, provisioningType("unprocessable"))
        assert.strictEqual(answer.body.invalid_parameters[0].name, "image_url")
      }
      assert.deepStrictEqual((yield* h.call("GET", `${profile}/photo`)).body, {})
      assert.deepStrictEqual(yield* h.emulator.effects, [{
        operation: "createDeployment",
        key: profile.split("/")[2] ?? ""
      }])
    }))
})

const verticals = vonageDocumented

interface Candidate {
  readonly value: unknown
  readonly valid: boolean
}

const valid = (arbitrary: FastCheck.Arbitrary<unknown>) => arbitrary.map((value): Candidate => ({ value, valid: true }))
const invalid = (arbitrary: FastCheck.Arbitrary<unknown>) =>
  arbitrary.map((value): Candidate => ({ value, valid: false }))

const limitedText = (max: number) =>
  FastCheck.oneof(
    valid(FastCheck.string({ minLength: 1, maxLength: max })),
    invalid(FastCheck.string({ minLength: max + 1, maxLength: max + 20 })),
    invalid(FastCheck.constant("")),
    invalid(FastCheck.integer())
  )

const website = FastCheck.webUrl().filter((url) => url.length <= 256)

const candidates = FastCheck.record(
  {
    about: limitedText(139),
    address: limitedText(256),
    description: limitedText(256),
    email: FastCheck.oneof(
      valid(
        FastCheck.tuple(FastCheck.stringMatching(/^[a-z0-9]{1,40}$/), FastCheck.domain())
          .map(([local, domain]) => `${local}@${domain}`)
          .filter((email) => email.length <= 128 && /\.[^.]+$/.test(email))
      ),
      invalid(FastCheck.stringMatching(/^[a-z]{1,20}$/))
    ),
    vertical: FastCheck.oneof(
      valid(FastCheck.constantFrom(...verticals)),
      invalid(FastCheck.constantFrom("Food", "FOOD_AND_GROCERY", "other"))
    ),
    websites: FastCheck.oneof(
      valid(FastCheck.array(website, { minLength: 1, maxLength: 2 })),
      invalid(FastCheck.array(website, { minLength: 3, maxLength: 4 })),
      invalid(FastCheck.constant([]))
    )
  },
  { requiredKeys: [] }
)

describe("VonageEmulator profile, as a model", () => {
  it.scoped(
    "accepts an update exactly when every field meets the document, and then holds the merged profile",
    () =>
      Effect.gen(function*() {
        const { h, profile } = yield* withDeployment
        const runtime = yield* Effect.runtime<never>()
        let model: Record<string, unknown> = {}
        yield* Effect.promise(() =>
          FastCheck.assert(
            FastCheck.asyncProperty(candidates, async (fields) => {
              const entries = Object.entries(fields)
              const body = Object.fromEntries(entries.map(([name, candidate]) => [name, candidate.value]))
              const answer = await Runtime.runPromise(runtime)(h.call("PATCH", profile, { json: body }))
              const invalidNames = entries.filter(([, candidate]) => !candidate.valid).map(([name]) => name)
              if (invalidNames.length === 0) {
                assert.strictEqual(answer.status, 200, answer.text)
                model = { ...model, ...body }
                assert.deepStrictEqual(answer.body, model)
              } else {
                assert.strictEqual(answer.status, 422, answer.text)
                assert.sameMembers(
                  answer.body.invalid_parameters.map((parameter: { name: string }) => parameter.name),
                  invalidNames
                )
              }
              const read = await Runtime.runPromise(runtime)(h.call("GET", profile))
              assert.deepStrictEqual(read.body, model)
            }),
            { numRuns: 60 }
          )
        )
      }),
    60_000
  )
})
