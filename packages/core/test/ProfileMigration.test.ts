import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Profile, ProfileMigration, Validation } from "@wa-admin/core"
import { InMemory } from "@wa-admin/core/testing"
import { Effect, Schema } from "effect"

const encodeUpdate = Schema.encodeSync(Profile.ProfileUpdate)

/** A target whose provider, like Vonage, cannot spell every vertical and caps `about` at 139. */
const strictTarget = (inner: BusinessProfile.Service): BusinessProfile.Service =>
  BusinessProfile.make("strict", {
    validateUpdate: ({ profile }) => {
      const issues = [
        ...(profile.vertical === "NotABusiness"
          ? [{ field: "profile.vertical", rule: `${profile.vertical} has no Vonage vertical name` }]
          : []),
        ...(profile.about !== undefined && profile.about.length > 139
          ? [{ field: "profile.about", rule: "must be at most 139 characters" }]
          : [])
      ]
      const [first, ...rest] = issues
      return first === undefined
        ? Effect.void
        : Effect.fail(Validation.invalidInput({ provider: "strict", operation: "profile.update" }, [first, ...rest]))
    },
    get: (request) => inner.get(request),
    update: ({ number, profile }) => inner.update({ number, profile: encodeUpdate(profile) }),
    getPhoto: (request) => inner.getPhoto(request),
    setPhoto: (request) => inner.setPhoto(request)
  })

const setup = Effect.gen(function*() {
  const memory = yield* InMemory.make()
  const service = memory.parts.businessProfile
  if (service === undefined) return yield* Effect.dieMessage("the in-memory adapter has no profile service")
  yield* memory.control.seedNumber("source-number", {
    about: "Fresh bread daily",
    email: "shop@example.com",
    vertical: "NotABusiness",
    websites: ["https://example.com"],
    address: "1 Baker Street"
  })
  yield* service.setPhoto({ number: "source-number", url: "https://example.com/photo.png" })
  yield* memory.control.seedNumber("target-number", { address: "1 Baker Street" })
  const sides = {
    source: service,
    from: { provider: "memory", number: "source-number" },
    target: strictTarget(service),
    to: { provider: "strict", number: "target-number" }
  }
  return { memory, service, sides }
})

describe("ProfileMigration", () => {
  it.effect("plans per field: update what differs, skip what is identical or unset, report what the target cannot hold", () =>
    Effect.gen(function*() {
      const { sides, memory } = yield* setup
      const before = (yield* memory.control.requests).length
      const plan = yield* ProfileMigration.plan(sides)
      const action = Object.fromEntries(plan.items.map((item) => [item.field, item.action]))
      assert.deepStrictEqual(action, {
        about: "update",
        address: "skip",
        description: "skip",
        email: "update",
        vertical: "cannot",
        websites: "update",
        photo: "update"
      })
      const vertical = plan.items.find((item) => item.field === "vertical")
      assert.include(vertical?.reason ?? "", "NotABusiness has no Vonage vertical name")
      const mutations = (yield* memory.control.requests)
        .slice(before)
        .filter((request) => request.operation === "profile.update" || request.operation === "profile.photo.set")
      assert.deepStrictEqual(mutations, [])
    }))

  it.effect("applies the plan, reports what it could not move, and a second plan is empty", () =>
    Effect.gen(function*() {
      const { sides, service } = yield* setup
      const report = yield* ProfileMigration.apply(yield* ProfileMigration.plan(sides), sides.target)
      assert.deepStrictEqual([...report.updated].sort(), ["about", "email", "photo", "websites"])
      assert.deepStrictEqual(report.cannot.map((item) => item.field), ["vertical"])
      const target = yield* service.get({ number: "target-number" })
      assert.strictEqual(target.about, "Fresh bread daily")
      assert.deepStrictEqual(target.websites, ["https://example.com"])
      assert.isUndefined(target.vertical)
      const photo = yield* service.getPhoto({ number: "target-number" })
      assert.strictEqual(photo.url, "https://example.com/photo.png")
      assert.strictEqual(
        report.profile.photoUrl,
        "https://example.com/photo.png",
        "the report's profile includes the new photo"
      )
      const again = yield* ProfileMigration.plan(sides)
      assert.isTrue(ProfileMigration.isEmpty(again))
      assert.deepStrictEqual(
        again.items.filter((item) => item.action === "cannot").map((item) => item.field),
        ["vertical"]
      )
    }))
})
