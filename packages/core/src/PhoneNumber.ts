/**
 * Phone numbers in E.164, with the country calling code and the national number apart.
 *
 * @since 0.1.0
 */
import { Effect, ParseResult, Schema } from "effect"

const oneDigit = new Set(["1", "7"])
const twoDigit = new Set(
  "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98"
    .split(" ")
)
const threeDigit = new Set(
  (
    "211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 " +
    "240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 " +
    "266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 " +
    "376 377 378 379 380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 509 " +
    "590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 " +
    "687 688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 882 883 886 888 960 961 962 963 " +
    "964 965 966 967 968 970 971 972 973 974 975 976 977 979 992 993 994 995 996 998"
  ).split(" ")
)

/**
 * Splits the digits of an E.164 number (without `+`) into its ITU country calling code and
 * national number, or `undefined` when no assigned calling code starts it.
 *
 * @since 0.1.0
 * @category parsing
 */
export const splitCountryCode = (
  digits: string
): { readonly countryCode: string; readonly nationalNumber: string } | undefined => {
  for (const [length, codes] of [[1, oneDigit], [2, twoDigit], [3, threeDigit]] as const) {
    const candidate = digits.slice(0, length)
    if (codes.has(candidate)) return { countryCode: candidate, nationalNumber: digits.slice(length) }
  }
  return undefined
}

/**
 * Whether a string is an assigned ITU country calling code.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isCountryCode = (code: string): boolean => oneDigit.has(code) || twoDigit.has(code) || threeDigit.has(code)

/**
 * A country calling code such as `44` (no `+`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CountryCode = Schema.String.pipe(
  Schema.filter((code) => isCountryCode(code) || "must be an assigned ITU country calling code (digits, no +)", {
    identifier: "CountryCode",
    jsonSchema: { type: "string", pattern: "^[1-9][0-9]{0,2}$" },
    arbitrary: () => (fc) => fc.constantFrom(...oneDigit, ...twoDigit, ...threeDigit)
  })
)

/**
 * The national (significant) number: digits only, without the country code.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NationalNumber = Schema.String.pipe(
  Schema.pattern(/^\d{4,14}$/, { message: () => "must be 4 to 14 digits, without the country code" }),
  Schema.annotations({ identifier: "NationalNumber" })
)

/**
 * A phone number, country code and national number apart; `e164` joins them.
 *
 * @example
 * import { PhoneNumber } from "@wa-admin/core"
 * const number = PhoneNumber.unsafeFromE164("+447700900000")
 * number.countryCode // "44"
 * number.nationalNumber // "7700900000"
 *
 * @since 0.1.0
 * @category models
 */
export class PhoneNumber extends Schema.Class<PhoneNumber>("@wa-admin/core/PhoneNumber")(
  Schema.Struct({ countryCode: CountryCode, nationalNumber: NationalNumber }).pipe(
    Schema.filter(
      ({ countryCode, nationalNumber }) =>
        countryCode.length + nationalNumber.length <= 15 || {
          path: ["nationalNumber"],
          message: "E.164 allows at most 15 digits in all"
        }
    )
  )
) {
  /** The number in E.164: `+` then up to 15 digits. */
  get e164(): string {
    return `+${this.countryCode}${this.nationalNumber}`
  }
  /** @since 0.1.0 */
  override toString(): string {
    return this.e164
  }
}

/**
 * Decodes an E.164 string (`+447700900000`) into a {@link PhoneNumber} and encodes it back.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FromE164: Schema.Schema<PhoneNumber, string> = Schema.transformOrFail(
  Schema.String.annotations({ identifier: "E164" }),
  Schema.typeSchema(PhoneNumber),
  {
    strict: true,
    decode: (input, _, ast) => {
      const trimmed = input.trim()
      if (!/^\+[1-9]\d{4,14}$/.test(trimmed)) {
        return Effect.fail(
          new ParseResult.Type(ast, input, "must be E.164: a + followed by 5 to 15 digits, e.g. +447700900000")
        )
      }
      const split = splitCountryCode(trimmed.slice(1))
      if (split === undefined) {
        return Effect.fail(new ParseResult.Type(ast, input, "must start with an assigned country calling code"))
      }
      return ParseResult.decodeUnknown(PhoneNumber)(split).pipe(
        Effect.mapError((issue) => new ParseResult.Type(ast, input, ParseResult.TreeFormatter.formatIssueSync(issue)))
      )
    },
    encode: (number) => ParseResult.succeed(number.e164)
  }
).annotations({
  identifier: "PhoneNumberFromE164",
  arbitrary: () => (fc) =>
    fc
      .tuple(
        fc.constantFrom(...oneDigit, ...twoDigit, ...threeDigit),
        fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 4, maxLength: 11 })
      )
      .map(([countryCode, nationalNumber]) => new PhoneNumber({ countryCode, nationalNumber }))
})

/**
 * Parses an E.164 string, failing with a `ParseError` that says which rule broke.
 *
 * @since 0.1.0
 * @category parsing
 */
export const fromE164 = Schema.decodeUnknown(FromE164)

/**
 * Parses an E.164 string, throwing on invalid input (for tests and literals).
 *
 * @since 0.1.0
 * @category parsing
 */
export const unsafeFromE164 = Schema.decodeUnknownSync(FromE164)
