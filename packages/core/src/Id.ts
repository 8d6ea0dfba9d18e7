/**
 * Schemas for the ids a caller passes to name a resource (a deployment, a number, a template, a
 * flow …). Every id ends up in a request path, so an id is checked where it enters — by the
 * port's and the extensions' request schemas — and is refused with a field-level `InvalidInput`
 * before anything is sent when it could not be one of the provider's ids.
 *
 * - {@link ResourceId}: the rule every id keeps whatever the provider: 1 to 256 characters, no
 *   whitespace or control characters, not `.` or `..`, none of `/ \ ? # %`.
 * - {@link Digits}, {@link Uuid}, {@link HexId}: the formats provider documents give their ids;
 *   each adapter picks the one its document states.
 *
 * The path builder ({@link Path}) is the second line: it encodes every segment and refuses empty
 * and dot segments whatever schema let the value through.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The longest id accepted anywhere.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxLength = 256

// eslint-disable-next-line no-control-regex
const unsafe = /[\s\u0000-\u001f\u007f-\u009f/\\?#%]/

/**
 * Any provider's id: 1 to 256 characters, no whitespace or control characters, not `.` or `..`,
 * and none of `/ \ ? # %` (characters that would change which resource a URL names).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ResourceId = Schema.String.pipe(
  Schema.filter((value) => value.length > 0 || "must not be empty"),
  Schema.filter((value) => value.length <= maxLength || `must be at most ${maxLength} characters`),
  Schema.filter((value) => (value !== "." && value !== "..") || `must not be "${value}"`),
  Schema.filter(
    (value) =>
      !unsafe.test(value) || "must not contain whitespace, control characters or any of / \\ ? # %",
    {
      identifier: "ResourceId",
      arbitrary: () => (fc) =>
        fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_"), minLength: 1, maxLength: 40 })
    }
  )
)

/**
 * An id of decimal digits (Meta's and WhatsApp's ids: WABA, phone number, template, flow …),
 * 1 to 32 of them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Digits = Schema.String.pipe(
  Schema.pattern(/^\d{1,32}$/, { message: () => "must be 1 to 32 decimal digits", identifier: "DigitsId" })
)

/**
 * A UUID in its canonical text form (`aaaaaaaa-bbbb-cccc-dddd-0123456789ab`, either case).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Uuid = Schema.String.pipe(
  Schema.pattern(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
    message: () => "must be a UUID (8-4-4-4-12 hexadecimal digits)",
    identifier: "UuidId"
  })
)

/**
 * An id of exactly `length` hexadecimal digits (a MongoDB ObjectId is 24).
 *
 * @since 0.1.0
 * @category constructors
 */
export const HexId = (length: number) =>
  Schema.String.pipe(
    Schema.pattern(new RegExp(`^[0-9a-fA-F]{${length}}$`), {
      message: () => `must be ${length} hexadecimal digits`,
      identifier: `Hex${length}Id`
    })
  )
