import { Effect, Schema } from "effect"
import * as BusinessProfile from "../../BusinessProfile.js"
import type * as Port from "../../Port.js"
import { Profile } from "../../Profile.js"
import type { Check, Harness } from "../Conformance.js"
import { checksOn, expectRefusedLocally, fail, nonHttpUrl, notFound, show } from "./harness.js"
import { assert } from "./vitest.js"

const nilId = "00000000-0000-4000-8000-000000000000"

type ProfileChange = NonNullable<NonNullable<Harness["fixture"]["profile"]>["update"]>

const defaultUpdate: ProfileChange = {
  about: "Fresh bread every morning",
  address: "1 Market Street, Springfield",
  description: "A family bakery since 1952",
  email: "hello@bakery.example.com",
  vertical: "Retail",
  websites: ["https://bakery.example.com/shop"]
}

/** The number the fixture gives for profile and media checks (prepared in this check's context). */
export const numberOf = (harness: Harness): Effect.Effect<string, unknown, Port.Services> => {
  const number = harness.fixture.number
  if (number === undefined) {
    return fail("the fixture must give `number` (a number whose profile can be read and changed)")
  }
  return typeof number === "string" ? Effect.succeed(number) : number
}

const encodeProfile = Schema.encodeSync(Profile)

/** A check on the fixture's number (a profile or media check). */
export const numberCheck = checksOn(numberOf)

/** A check on the fixture's number and the profile change the fixture gives (or a default one). */
const changeCheck = checksOn((harness) =>
  Effect.map(numberOf(harness), (number) => ({ number, change: harness.fixture.profile?.update ?? defaultUpdate }))
)

const fieldsOf = (change: ProfileChange) =>
  Object.entries(change).filter(([, value]) => value !== undefined) as Array<[keyof ProfileChange, unknown]>

/** Checks that a profile holds every field of a change. */
const assertHolds = (profile: Profile, change: ProfileChange, what: string) => {
  const encoded: Record<string, unknown> = encodeProfile(profile)
  for (const [field, value] of fieldsOf(change)) {
    assert.deepStrictEqual(encoded[field], value, `${what}: ${field}`)
  }
}

const updateThenGet = changeCheck({
  name: "profile.update: answers the changed profile, and get returns the change",
  requires: ["profile.get", "profile.update"]
}, ({ change, number }) =>
  Effect.gen(function*() {
    const before = encodeProfile(yield* BusinessProfile.get({ number }))
    const answered = yield* BusinessProfile.update({ number, profile: change })
    assert.instanceOf(answered, Profile)
    assertHolds(answered, change, "update's answer")
    const after = yield* BusinessProfile.get({ number })
    assertHolds(after, change, "get after update")
    const encodedAfter: Record<string, unknown> = encodeProfile(after)
    for (const [field, value] of Object.entries(before)) {
      if (!(field in change) && field !== "photoUrl") {
        assert.deepStrictEqual(encodedAfter[field], value, `a field the update did not name (${field}) is unchanged`)
      }
    }
  }))

const updateMerges = changeCheck({
  name: "profile.update: changes only the fields given",
  requires: ["profile.get", "profile.update"]
}, ({ change, number }, harness) =>
  Effect.gen(function*() {
    const about = `${change.about ?? "About us"} (${harness.unique})`
    const email = change.email ?? "hello@bakery.example.com"
    yield* BusinessProfile.update({ number, profile: { about } })
    yield* BusinessProfile.update({ number, profile: { email } })
    const profile = yield* BusinessProfile.get({ number })
    assert.strictEqual(profile.about, about, "the first update's field survives the second update")
    assert.strictEqual(profile.email, email, "the second update's field is set")
  }))

const invalidUpdate = numberCheck({
  name: "profile.update: invalid input → InvalidInput naming each field, nothing sent or changed",
  requires: ["profile.get", "profile.update"]
}, (number, harness) =>
  Effect.gen(function*() {
    const before = yield* BusinessProfile.get({ number })
    const profile = {
      email: "not-an-email",
      websites: ["https://one.example.com", "https://two.example.com", "https://three.example.com"]
    }
    yield* expectRefusedLocally(
      harness,
      BusinessProfile.update({ number, profile }),
      ["profile.email", "profile.websites"],
      "update with a bad email and three websites"
    )
    yield* expectRefusedLocally(
      harness,
      BusinessProfile.update({ number, profile: { websites: ["ftp://files.example.com"] } }),
      ["profile.websites"],
      "update with a non-http website"
    )
    const after = yield* BusinessProfile.get({ number })
    assert.deepStrictEqual(encodeProfile(after), encodeProfile(before), "a refused update changes nothing")
  }))

const validateAgrees = changeCheck({
  name: "profile.update: validate refuses what update refuses and accepts what it accepts, sending nothing",
  requires: ["profile.update"]
}, ({ change, number }, harness) =>
  Effect.gen(function*() {
    const bad = { ...change, email: "not-an-email" }
    const fromValidate = yield* expectRefusedLocally(
      harness,
      BusinessProfile.validate({ number, profile: bad }),
      ["profile.email"],
      "validate with a bad email"
    )
    const fromUpdate = yield* expectRefusedLocally(
      harness,
      BusinessProfile.update({ number, profile: bad }),
      ["profile.email"],
      "update with a bad email"
    )
    assert.deepStrictEqual(
      fromValidate.issues.map((issue) => issue.field),
      fromUpdate.issues.map((issue) => issue.field),
      "validate and update name the same fields"
    )
    const before = yield* harness.requestCount
    yield* BusinessProfile.validate({ number, profile: change }).pipe(
      Effect.catchAll((error) => fail(`validate refused the fixture's valid update: ${error.message}`))
    )
    assert.deepStrictEqual(yield* harness.requestCount, before, "validate sends nothing")
  }))

const unknownNumber = notFound({
  operation: "profile.get",
  subject: "an unknown number",
  what: "the profile of an unknown number",
  call: (harness) => {
    const number = harness.fixture.unknownNumber ?? nilId
    return Effect.succeed({ id: number, call: BusinessProfile.get({ number }) })
  }
})

const photo = numberCheck({
  name: "profile.photo: set answers where the photo is served from, and get returns it",
  requires: ["profile.photo.set", "profile.photo.get"]
}, (number, harness) =>
  Effect.gen(function*() {
    const url = harness.fixture.profile?.photoUrl ?? "https://example.com/photo.png"
    const set = yield* BusinessProfile.setPhoto({ number, url })
    const got = yield* BusinessProfile.getPhoto({ number })
    if ((harness.fixture.profile?.photoServedFrom ?? "source") === "source") {
      assert.strictEqual(set.url, url, `setPhoto's answer: ${show(set)}`)
      assert.strictEqual(got.url, url, "getPhoto after setPhoto")
    } else {
      assert.match(set.url ?? "", /^https?:\/\//, `setPhoto's answer names the provider's copy: ${show(set)}`)
      assert.strictEqual(got.url, set.url, "getPhoto after setPhoto names the copy setPhoto answered")
    }
  }))

const invalidPhoto = nonHttpUrl(
  "profile.photo.set",
  "setPhoto(file:///etc/passwd)",
  (harness) =>
    Effect.map(numberOf(harness), (number) => BusinessProfile.setPhoto({ number, url: "file:///etc/passwd" }))
)

/** Checks of `BusinessProfile`. */
export const profileChecks: ReadonlyArray<Check> = [
  updateThenGet,
  updateMerges,
  invalidUpdate,
  validateAgrees,
  unknownNumber,
  photo,
  invalidPhoto
]
