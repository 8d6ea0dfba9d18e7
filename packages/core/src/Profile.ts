/**
 * The business profile of a WhatsApp number, as every provider shares it.
 *
 * The port validates only the rules every provider shares (a valid email, at most two http(s)
 * websites, a photo URL). Each adapter checks its own documented length limits before sending,
 * so a profile valid for one provider is not refused because another is stricter.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpUrl } from "./Url.js"
import { Vertical } from "./Vertical.js"

/**
 * An email address (a pragmatic check: one `@`, a dotted domain, no spaces).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Email = Schema.String.pipe(
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => "must be a valid email address" }),
  Schema.annotations({
    identifier: "Email",
    arbitrary: () => (fc) => fc.emailAddress().filter((address) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address))
  })
)

/**
 * At most two websites, each an http(s) URL.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Websites = Schema.Array(HttpUrl).pipe(
  Schema.maxItems(2, { message: () => "at most 2 websites" }),
  Schema.annotations({ identifier: "Websites" })
)

const fields = {
  about: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  email: Schema.optional(Email),
  vertical: Schema.optional(Vertical),
  websites: Schema.optional(Websites),
  photoUrl: Schema.optional(HttpUrl)
}

/**
 * A business profile as read from a provider. Every field is optional: providers leave unset
 * fields out. Reading is lenient, like `Template`: what the provider stored is kept as it is
 * (an email set through another tool that our check would refuse, a third website, a photo
 * reference that is not an http(s) URL), so one odd value never makes a profile unreadable.
 * The vertical is always a canonical one; `ProfileUpdate` holds the rules for writing.
 *
 * @since 0.1.0
 * @category models
 */
export class Profile extends Schema.Class<Profile>("@wa-admin/core/Profile")({
  about: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  vertical: Schema.optional(Vertical),
  websites: Schema.optional(Schema.Array(Schema.String)),
  photoUrl: Schema.optional(Schema.String)
}) {}

/**
 * A change to a business profile: only the fields given are changed. At least one is needed.
 *
 * @since 0.1.0
 * @category models
 */
export class ProfileUpdate extends Schema.Class<ProfileUpdate>("@wa-admin/core/ProfileUpdate")(
  Schema.Struct(fields).pipe(
    Schema.filter((update) =>
      Object.values(update).some((value) => value !== undefined) || "must change at least one field"
    )
  )
) {}

/**
 * The names of the profile fields, in display order.
 *
 * @since 0.1.0
 * @category constants
 */
export const fieldNames = ["about", "address", "description", "email", "vertical", "websites", "photoUrl"] as const

/**
 * One profile field name.
 *
 * @since 0.1.0
 * @category models
 */
export type FieldName = (typeof fieldNames)[number]

/**
 * The profile photo: where the provider pulled it from, when one is set.
 *
 * @since 0.1.0
 * @category models
 */
export class ProfilePhoto extends Schema.Class<ProfilePhoto>("@wa-admin/core/ProfilePhoto")({
  url: Schema.optional(Schema.String)
}) {}
