/**
 * Moving a business profile (and its photo) from one number to another, across providers:
 * plan, then apply.
 *
 * The plan lists every field as `update`, `skip` (not set at the source, or identical already)
 * or `cannot` (the target cannot hold it — a vertical it has no spelling for, a text over its
 * limit — with the rule). Nothing the target cannot hold is dropped silently: it is reported.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { AdminError, InvalidInput } from "./AdminError.js"
import type { Service as BusinessProfileService } from "./BusinessProfile.js"
import { Profile } from "./Profile.js"
import type { ProfileUpdate } from "./Profile.js"

/**
 * One side of a profile migration: a provider and a number reference.
 *
 * @since 0.1.0
 * @category models
 */
export interface Endpoint {
  readonly provider: string
  readonly number: string
}

/**
 * The fields a profile migration moves; `photo` is the profile photo.
 *
 * @since 0.1.0
 * @category constants
 */
export const fields = ["about", "address", "description", "email", "vertical", "websites", "photo"] as const

/**
 * @since 0.1.0
 * @category models
 */
export type Field = (typeof fields)[number]

/**
 * @since 0.1.0
 * @category models
 */
export interface PlanItem {
  readonly field: Field
  readonly action: "update" | "skip" | "cannot"
  readonly from?: unknown
  readonly to?: unknown
  readonly reason?: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Plan {
  readonly from: Endpoint
  readonly to: Endpoint
  readonly items: ReadonlyArray<PlanItem>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Sides {
  readonly source: BusinessProfileService
  readonly from: Endpoint
  readonly target: BusinessProfileService
  readonly to: Endpoint
}

type TextField = Exclude<Field, "photo">

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

const photoOf = (service: BusinessProfileService, number: string, profile: Profile) =>
  service.operations.has("profile.photo.get")
    ? Effect.map(service.getPhoto({ number }), (photo) => photo.url ?? profile.photoUrl)
    : Effect.succeed(profile.photoUrl)

/**
 * Plans a profile migration. Whether the target can hold each field is asked of the target
 * adapter's own validation (`validate`), so the plan reports exactly what applying would refuse.
 *
 * @since 0.1.0
 * @category planning
 */
export const plan = (sides: Sides): Effect.Effect<Plan, AdminError> =>
  Effect.gen(function*() {
    const sourceProfile = yield* sides.source.get({ number: sides.from.number })
    const targetProfile = yield* sides.target.get({ number: sides.to.number })
    const sourcePhoto = yield* photoOf(sides.source, sides.from.number, sourceProfile)
    const targetPhoto = yield* photoOf(sides.target, sides.to.number, targetProfile)
    const items: Array<PlanItem> = []
    for (const field of fields) {
      const from = field === "photo" ? sourcePhoto : sourceProfile[field]
      const to = field === "photo" ? targetPhoto : targetProfile[field]
      if (from === undefined) {
        items.push({ field, action: "skip", reason: "not set at the source" })
      } else if (same(from, to)) {
        items.push({ field, action: "skip", from, to, reason: "identical already" })
      } else if (field === "photo" && !sides.target.operations.has("profile.photo.set")) {
        items.push({ field, action: "cannot", from, to, reason: `${sides.to.provider} cannot set a profile photo` })
      } else {
        const refusal = field === "photo" ? undefined : yield* refusalOf(sides.target, sides.to.number, field, from)
        items.push(
          refusal === undefined
            ? { field, action: "update", from, ...(to === undefined ? {} : { to }) }
            : { field, action: "cannot", from, ...(to === undefined ? {} : { to }), reason: refusal }
        )
      }
    }
    return { from: sides.from, to: sides.to, items }
  })

const refusalOf = (
  target: BusinessProfileService,
  number: string,
  field: TextField,
  value: unknown
): Effect.Effect<string | undefined> =>
  target.validate({ number, profile: { [field]: value } as typeof ProfileUpdate.Encoded }).pipe(
    Effect.as(undefined),
    Effect.catchAll((error: InvalidInput) =>
      Effect.succeed(error.issues.map((issue) => `${issue.field}: ${issue.rule}`).join("; "))
    )
  )

/**
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly updated: ReadonlyArray<Field>
  readonly skipped: ReadonlyArray<Field>
  readonly cannot: ReadonlyArray<{ readonly field: Field; readonly reason: string }>
  readonly profile: Profile
}

/**
 * Applies a profile plan: one profile update with every `update` field, then the photo.
 * Idempotent: applying the same plan twice leaves the target as after once.
 *
 * @since 0.1.0
 * @category applying
 */
export const apply = (plan: Plan, target: BusinessProfileService): Effect.Effect<Report, AdminError> =>
  Effect.gen(function*() {
    const updates = plan.items.filter((item) => item.action === "update" && item.field !== "photo")
    const photo = plan.items.find((item) => item.action === "update" && item.field === "photo")
    const changes = Object.fromEntries(updates.map((item) => [item.field, item.from])) as typeof ProfileUpdate.Encoded
    const profile = updates.length > 0
      ? yield* target.update({ number: plan.to.number, profile: changes })
      : yield* target.get({ number: plan.to.number })
    const photoUrl = photo !== undefined && typeof photo.from === "string"
      ? (yield* target.setPhoto({ number: plan.to.number, url: photo.from })).url ?? photo.from
      : undefined
    return {
      updated: plan.items.filter((item) => item.action === "update").map((item) => item.field),
      skipped: plan.items.filter((item) => item.action === "skip").map((item) => item.field),
      cannot: plan.items.flatMap((item) =>
        item.action === "cannot" ? [{ field: item.field, reason: item.reason ?? "cannot be held by the target" }] : []
      ),
      // The profile as it now stands, photo included.
      profile: photoUrl === undefined ? profile : new Profile({ ...profile, photoUrl })
    }
  })

/**
 * Whether a plan would change anything.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isEmpty = (plan: Plan): boolean => plan.items.every((item) => item.action !== "update")

/**
 * One side of a profile migration as a Schema (the form a plan is printed and kept in).
 *
 * @since 0.2.0
 * @category schemas
 */
export const EndpointSchema = Schema.Struct({ provider: Schema.String, number: Schema.String })

/**
 * One field of a plan as a Schema (the schema of {@link PlanItem}).
 *
 * @since 0.2.0
 * @category schemas
 */
export const PlanItemSchema = Schema.Struct({
  field: Schema.Literal(...fields),
  action: Schema.Literal("update", "skip", "cannot"),
  /** The target's value now (absent: not set). */
  from: Schema.optionalWith(Schema.Unknown, { exact: true }),
  /** The value the migration gives it: the source's (absent: not set at the source). */
  to: Schema.optionalWith(Schema.Unknown, { exact: true }),
  reason: Schema.optionalWith(Schema.String, { exact: true })
})

/**
 * A plan as a Schema (the schema of {@link Plan}): what a fleet keeps of it between steps and
 * the CLI prints.
 *
 * @since 0.2.0
 * @category schemas
 */
export const PlanSchema = Schema.Struct({
  from: EndpointSchema,
  to: EndpointSchema,
  items: Schema.Array(PlanItemSchema)
})
