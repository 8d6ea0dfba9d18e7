/**
 * Business verticals: one canonical set, mapped losslessly to each documented spelling.
 *
 * Vonage spells verticals as names ("Food and Grocery"); WhatsApp Cloud providers such as
 * WOZTELL use Meta's codes ("GROCERY"). A vertical a provider cannot represent is an error,
 * never a silent fallback to "Other".
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema } from "effect"
import * as Vocabulary from "./Vocabulary.js"

/**
 * The canonical verticals.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Vertical = Schema.Literal(...Vocabulary.verticals).annotations({ identifier: "Vertical" })

/**
 * @since 0.1.0
 * @category models
 */
export type Vertical = typeof Vertical.Type

/**
 * Every canonical vertical.
 *
 * @since 0.1.0
 * @category constants
 */
export const all: ReadonlyArray<Vertical> = Vertical.literals

/**
 * A provider's spelling of verticals: which canonical verticals it can hold, and how.
 *
 * @since 0.1.0
 * @category models
 */
export interface Spelling<S extends string> {
  /** Who spells it this way, for error messages. */
  readonly name: string
  /** Every spelling this provider accepts. */
  readonly values: ReadonlyArray<S>
  /** The canonical verticals this provider can hold, in canonical order. */
  readonly representable: ReadonlyArray<Vertical>
  /** The provider's spelling of a canonical vertical, or `Left` when it cannot hold it. */
  readonly encode: (vertical: Vertical) => Either.Either<S, NotRepresentable>
  /** The canonical vertical for a provider spelling, or `Left` for an unknown spelling. */
  readonly decode: (spelling: string) => Either.Either<Vertical, UnknownSpelling>
}

/**
 * The target provider has no spelling for this vertical.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotRepresentable extends Schema.TaggedError<NotRepresentable>("@wa-admin/core/Vertical/NotRepresentable")(
  "NotRepresentable",
  { vertical: Vertical, spelling: Schema.String }
) {
  /** @since 0.1.0 */
  override get message(): string {
    return `vertical "${this.vertical}" cannot be represented by ${this.spelling}`
  }
}

/**
 * A provider sent a vertical spelling we do not know.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownSpelling extends Schema.TaggedError<UnknownSpelling>("@wa-admin/core/Vertical/UnknownSpelling")(
  "UnknownSpelling",
  { value: Schema.String, spelling: Schema.String }
) {
  /** @since 0.1.0 */
  override get message(): string {
    return `"${this.value}" is not a ${this.spelling} vertical`
  }
}

/**
 * A provider's spelling of verticals from its table (canonical vertical → its spelling); the
 * canonical verticals missing from the table are those it cannot hold. Each adapter keeps its
 * provider's table.
 *
 * @example
 * import { Vertical } from "@wa-admin/core"
 *
 * const acme = Vertical.spelling("Acme vertical names", { Grocery: "Food", Other: "Misc" })
 *
 * @since 0.1.0
 * @category constructors
 */
export const spelling = <const S extends string>(
  name: string,
  table: { readonly [K in Vertical]?: S }
): Spelling<S> => {
  const entries = Object.entries(table) as Array<[Vertical, S]>
  const reverse = new Map(entries.map(([vertical, spelled]) => [spelled as string, vertical]))
  return {
    name,
    values: entries.map(([, spelled]) => spelled),
    representable: all.filter((vertical) => table[vertical] !== undefined),
    encode: (vertical) => {
      const spelled = table[vertical]
      return spelled === undefined
        ? Either.left(new NotRepresentable({ vertical, spelling: name }))
        : Either.right(spelled)
    },
    decode: (value) => {
      const vertical = reverse.get(value)
      return vertical === undefined
        ? Either.left(new UnknownSpelling({ value, spelling: name }))
        : Either.right(vertical)
    }
  }
}

/**
 * A provider's spelling as a Schema: its string decodes to the canonical vertical, and back. An
 * unknown spelling fails without quoting the value ("not one of the 17 Vonage vertical names": a
 * value from a provider's answer may be anything, a secret included); a canonical
 * vertical the provider cannot hold fails to encode.
 *
 * @since 0.1.0
 * @category schemas
 */
export const schema = <S extends string>(spelled: Spelling<S>): Schema.Schema<Vertical, string> =>
  Schema.transformOrFail(
    Schema.String.annotations({ arbitrary: () => (fc) => fc.constantFrom(...spelled.values) }),
    Vertical,
    {
      strict: true,
      decode: (value, _, ast) =>
        Either.match(spelled.decode(value), {
          onLeft: () =>
            ParseResult.fail(
              new ParseResult.Type(ast, undefined, `not one of the ${spelled.values.length} ${spelled.name}`)
            ),
          onRight: ParseResult.succeed
        }),
      encode: (vertical, _, ast) =>
        Either.match(spelled.encode(vertical), {
          onLeft: (error) => ParseResult.fail(new ParseResult.Type(ast, vertical, error.message)),
          onRight: ParseResult.succeed
        })
    }
  )

/**
 * The WhatsApp Business Platform's own codes (Meta's Graph API: `PROF_SERVICES`, `NOT_A_BIZ` …):
 * the platform every provider relays, so the spelling of every adapter over WhatsApp Cloud
 * (WOZTELL, Meta). (`UNDEFINED` means "not set" and is not a vertical: adapters read it as an
 * absent vertical.) A provider with names of its own keeps its table in its adapter.
 *
 * @since 0.1.0
 * @category spellings
 */
export const metaCodes = spelling("Meta vertical codes", {
  Automotive: "AUTO",
  Beauty: "BEAUTY",
  Apparel: "APPAREL",
  Education: "EDU",
  Entertainment: "ENTERTAIN",
  EventPlanning: "EVENT_PLAN",
  Finance: "FINANCE",
  Grocery: "GROCERY",
  Government: "GOVT",
  Hotel: "HOTEL",
  Health: "HEALTH",
  NonProfit: "NONPROFIT",
  ProfessionalServices: "PROF_SERVICES",
  Retail: "RETAIL",
  Travel: "TRAVEL",
  Restaurant: "RESTAURANT",
  Other: "OTHER",
  NotABusiness: "NOT_A_BIZ"
})
