/**
 * Wire fields named in snake_case, read into camelCase: the `Schema.fromKey` rename every
 * provider's wire schemas would otherwise spell out per field (`companyId` is read from and written
 * to `company_id`). A field whose name has no capital keeps its key.
 *
 * @example
 * import { SnakeCase } from "@wa-admin/core/adapter"
 * import { Schema } from "effect"
 *
 * const Record = Schema.Struct({
 *   id: Schema.String,
 *   ...SnakeCase.fields({ phoneNumber: Schema.String, isoCode: Schema.optional(Schema.String) })
 * })
 * Schema.decodeUnknownSync(Record)({ id: "1", phone_number: "+15550001", iso_code: "US" })
 * // { id: "1", phoneNumber: "+15550001", isoCode: "US" }
 *
 * @since 0.2.0
 */
import { Schema } from "effect"

/**
 * A camelCase name in snake_case, at the type level (`"companyId"` → `"company_id"`).
 *
 * @since 0.2.0
 * @category models
 */
export type Key<Name extends string> = Name extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${Key<Tail>}`
  : Name

/**
 * A camelCase name in snake_case (`"companyId"` → `"company_id"`).
 *
 * @since 0.2.0
 * @category conversions
 */
export const key = <Name extends string>(name: Name): Key<Name> =>
  name.replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`) as Key<Name>

/**
 * A field as {@link fields} gives it: a schema or property signature read from the key `Encoded`.
 *
 * @since 0.2.0
 * @category models
 */
export type Renamed<Field, Encoded extends PropertyKey> = Field extends Schema.PropertySignature<
  infer TypeToken,
  infer Type,
  PropertyKey,
  infer EncodedToken,
  infer From,
  infer HasDefault,
  infer R
> ? Schema.PropertySignature<TypeToken, Type, Encoded, EncodedToken, From, HasDefault, R>
  : Field extends Schema.Schema<infer Type, infer From, infer R>
    ? Schema.PropertySignature<":", Type, Encoded, ":", From, false, R>
  : never

/**
 * The fields a struct is given, as {@link fields} answers them.
 *
 * @since 0.2.0
 * @category models
 */
export type Fields<Given extends Schema.Struct.Fields> = {
  readonly [Name in keyof Given]: Name extends string ? Key<Name> extends Name ? Given[Name]
    : Renamed<Given[Name], Key<Name>>
    : Given[Name]
}

/**
 * Struct fields named in camelCase, each read from (and written to) its snake_case key; a name
 * with no capital is left as it is given.
 *
 * @since 0.2.0
 * @category constructors
 */
export const fields = <const Given extends Schema.Struct.Fields>(given: Given): Fields<Given> => {
  const renamed: Record<string, Schema.Struct.Field> = {}
  for (const [name, field] of Object.entries(given)) {
    const wire = key(name)
    renamed[name] = wire === name
      ? field
      : Schema.fromKey(
        Schema.isPropertySignature(field)
          ? field as Schema.PropertySignature.Any
          : Schema.propertySignature(field as Schema.Schema.Any),
        wire
      )
  }
  return renamed as Fields<Given>
}
