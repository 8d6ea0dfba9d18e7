/**
 * What every Vonage wire schema is built from: lenient strings, exact optional fields, the first
 * element of a list answer.
 */
import { Schema } from "effect"

/** A string the document types as `string`, also read when a server sends it as a number. */
export const StringLike = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Number, Schema.String, {
    strict: true,
    decode: (value) => String(value),
    encode: (value) => Number(value)
  })
)

export const exact = { exact: true } as const
export const optionalString = Schema.optionalWith(StringLike, exact)

/** The first element of a list the answer holds, or a failure saying what it lacks. */
export const firstOf = <A, I>(item: Schema.Schema<A, I, never>, what: string) =>
  Schema.transform(
    Schema.NonEmptyArray(item).annotations({ message: () => `the answer holds no ${what}` }),
    Schema.typeSchema(item),
    { strict: true, decode: (items) => items[0], encode: (value): readonly [A, ...Array<A>] => [value] }
  )
