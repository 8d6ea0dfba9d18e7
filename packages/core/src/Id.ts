/**
 * Schemas for the ids a caller passes to name a resource (a deployment, a number, a template, a
 * flow …). Every id ends up in a request path, so an id is checked where it enters — by the
 * port's and the extensions' request schemas — and is refused with a field-level `InvalidInput`
 * before anything is sent when it could not be one of the provider's ids.
 *
 * - {@link ResourceId}: the rule every id keeps whatever the provider: 1 to 256 characters of
 *   well-formed Unicode, no whitespace, control or invisible formatting characters, not `.` or
 *   `..`, none of `/ \ ? # %` — also once Unicode-normalised (NFKC), as some servers do, so
 *   `．．` (fullwidth dots) and `／` (a fullwidth solidus) are refused too.
 * - {@link Digits} (and {@link digits} to name what they are), {@link Uuid}, {@link HexId}: the
 *   formats provider documents give their ids; each adapter picks the one its document states.
 *
 * The path builder ({@link Path}) is the second line: it encodes every segment and refuses empty
 * and dot segments whatever schema let the value through.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { isDotSegment, isWellFormed } from "./http/Path.js"

/**
 * The longest id accepted anywhere.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxLength = 256

const unsafe = /[\s\u0000-\u001f\u007f-\u009f/\\?#%]|\p{Cf}/u

/**
 * Any provider's id: 1 to 256 characters of well-formed Unicode; no whitespace, control or
 * invisible formatting characters (zero-width spaces, bidirectional overrides …); not `.` or `..`;
 * none of `/ \ ? # %` (characters that would change which resource a URL names) — checked on the
 * value as given and on its NFKC normal form, since a server that normalises would read `．．` as
 * `..`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ResourceId = Schema.String.pipe(
  Schema.filter((value) => value.length > 0 || "must not be empty"),
  Schema.filter((value) => value.length <= maxLength || `must be at most ${maxLength} characters`),
  Schema.filter((value) => isWellFormed(value) || "must be valid Unicode text (it has a lone surrogate)"),
  Schema.filter((value) => !isDotSegment(value) || `must not be "${value}" (a dot segment names another resource)`),
  Schema.filter(
    (value) =>
      !(unsafe.test(value) || unsafe.test(value.normalize("NFKC"))) ||
      "must not contain whitespace, control or formatting characters, or any of / \\ ? # %",
    {
      identifier: "ResourceId",
      arbitrary: () => (fc) =>
        fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_"), minLength: 1, maxLength: 40 })
    }
  )
)

/**
 * The most digits a {@link Digits} id may have.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxDigits = 32

/**
 * An id of 1 to {@link maxDigits} decimal digits, its messages naming what it is
 * (`digits("a WABA id")` → "must be a WABA id (digits)").
 *
 * @since 0.1.0
 * @category constructors
 */
export const digits = (what?: string) =>
  Schema.String.pipe(
    Schema.pattern(/^\d+$/, {
      message: () => (what === undefined ? "must be digits" : `must be ${what} (digits)`)
    }),
    Schema.filter((value) => value.length <= maxDigits || `must be at most ${maxDigits} digits`, {
      identifier: "DigitsId",
      arbitrary: () => (fc) => fc.stringMatching(/^\d{1,32}$/)
    })
  )

/**
 * An id of decimal digits (Meta's and WhatsApp's ids: WABA, phone number, template, flow …),
 * 1 to 32 of them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Digits = digits()

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
