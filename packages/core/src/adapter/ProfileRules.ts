/**
 * The rules a business profile change meets before it is sent, for every provider whose profile
 * is the Cloud API's (Meta's own, Vonage's deployment profile): the most characters of each text
 * field and the most websites ({@link limits}), and one schema that checks a change against them
 * ({@link changeRules}) with the provider's own number id, verticals and non-empty fields.
 *
 * Kept light (it imports only `effect`) so that a program that only reads or writes a profile
 * does not bundle the rest of the adapter kit.
 *
 * @example
 * import * as ProfileRules from "@wa-admin/core/adapter/ProfileRules"
 *
 * ProfileRules.limits.about // 139
 *
 * @since 0.2.0
 */
import { Schema } from "effect"

/**
 * The Cloud API's limits on a business profile change, as its profile schema documents them: the
 * most characters of each text field, and the most websites.
 *
 * @since 0.2.0
 * @category limits
 */
export const limits = {
  about: 139,
  address: 256,
  description: 256,
  email: 128,
  website: 256,
  websites: 2
} as const

/**
 * A field of a profile change a provider may refuse empty.
 *
 * @since 0.2.0
 * @category rules
 */
export type Field = "about" | "address" | "description" | "email" | "websites"

/**
 * What differs between providers: the name in the messages (`"Meta"`), the number's schema, the
 * verticals the provider has a name for, and the fields it refuses empty (an empty `websites` is
 * no website at all).
 *
 * @since 0.2.0
 * @category rules
 */
export interface Options<Number extends Schema.Schema.Any, Vertical extends Schema.Schema.Any> {
  readonly provider: string
  readonly number: Number
  readonly vertical: Vertical
  readonly nonEmpty: ReadonlyArray<Field>
}

const characters = (text: string): number => [...text].length

const exact = { exact: true } as const

/**
 * The schema a profile change `{ number, profile }` is checked with: each text field at most its
 * {@link limits} in characters (counted as code points), at most `limits.websites` websites, the
 * vertical one the provider can hold, and the `nonEmpty` fields not empty. A broken rule's message
 * names the provider, e.g. `must be at most 139 characters (Meta)`.
 *
 * @since 0.2.0
 * @category rules
 */
export const changeRules = <Number extends Schema.Schema.Any, Vertical extends Schema.Schema.Any>(
  options: Options<Number, Vertical>
) => {
  const refusesEmpty = (field: Field) => options.nonEmpty.includes(field)
  const text = (field: Field, max: number): Schema.Schema<string> => {
    const bounded = Schema.String.pipe(
      Schema.filter((value) => characters(value) <= max || `must be at most ${max} characters (${options.provider})`)
    )
    return refusesEmpty(field) ?
      bounded.pipe(Schema.filter((value) => value.length > 0 || `must not be empty (${options.provider})`)) :
      bounded
  }
  const listed = Schema.Array(text("websites", limits.website))
  const websites: Schema.Schema<ReadonlyArray<string>> = (refusesEmpty("websites") ?
    listed.pipe(Schema.minItems(1, { message: () => `must list at least one website (${options.provider})` })) :
    listed).pipe(
      Schema.maxItems(limits.websites, { message: () => `at most ${limits.websites} websites (${options.provider})` })
    )
  return Schema.Struct({
    number: options.number,
    profile: Schema.Struct({
      about: Schema.optionalWith(text("about", limits.about), exact),
      address: Schema.optionalWith(text("address", limits.address), exact),
      description: Schema.optionalWith(text("description", limits.description), exact),
      email: Schema.optionalWith(text("email", limits.email), exact),
      vertical: Schema.optionalWith(options.vertical, exact),
      websites: Schema.optionalWith(websites, exact)
    })
  })
}
