/**
 * Business verticals: one canonical set, mapped losslessly to each documented spelling.
 *
 * Vonage spells verticals as names ("Food and Grocery"); WhatsApp Cloud providers such as
 * WOZTELL use Meta's codes ("GROCERY"). A vertical a provider cannot represent is an error,
 * never a silent fallback to "Other".
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"

/**
 * The canonical verticals.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Vertical = Schema.Literal(
  "Automotive",
  "Beauty",
  "Apparel",
  "Education",
  "Entertainment",
  "EventPlanning",
  "Finance",
  "Grocery",
  "Government",
  "Hotel",
  "Health",
  "NonProfit",
  "ProfessionalServices",
  "Retail",
  "Travel",
  "Restaurant",
  "Other",
  "NotABusiness"
).annotations({ identifier: "Vertical" })

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

const makeSpelling = <const S extends string>(
  name: string,
  table: { readonly [K in Vertical]?: S }
): Spelling<S> => {
  const entries = Object.entries(table) as Array<[Vertical, S]>
  const reverse = new Map(entries.map(([vertical, spelling]) => [spelling as string, vertical]))
  return {
    name,
    values: entries.map(([, spelling]) => spelling),
    representable: all.filter((vertical) => table[vertical] !== undefined),
    encode: (vertical) => {
      const spelling = table[vertical]
      return spelling === undefined
        ? Either.left(new NotRepresentable({ vertical, spelling: name }))
        : Either.right(spelling)
    },
    decode: (value) => {
      const vertical = reverse.get(value)
      return vertical === undefined ? Either.left(new UnknownSpelling({ value, spelling: name })) : Either.right(vertical)
    }
  }
}

/**
 * Vonage WhatsApp Manager's names, as listed in its profile schema.
 *
 * @since 0.1.0
 * @category spellings
 */
export const vonageNames = makeSpelling("Vonage vertical names", {
  Automotive: "Automotive",
  Beauty: "Beauty, Spa and Salon",
  Apparel: "Clothing and Apparel",
  Education: "Education",
  Entertainment: "Entertainment",
  EventPlanning: "Event Planning and Service",
  Finance: "Finance and Banking",
  Grocery: "Food and Grocery",
  Government: "Public Service",
  Hotel: "Hotel and Lodging",
  Health: "Medical and Health",
  NonProfit: "Non-profit",
  ProfessionalServices: "Professional Services",
  Retail: "Shopping and Retail",
  Travel: "Travel and Transportation",
  Restaurant: "Restaurant",
  Other: "Other"
})

/**
 * Meta's WhatsApp Cloud codes, as WOZTELL uses them. (`UNDEFINED` means "not set" and is not
 * a vertical: adapters read it as an absent vertical.)
 *
 * @since 0.1.0
 * @category spellings
 */
export const metaCodes = makeSpelling("Meta vertical codes", {
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
