/**
 * Cursor paging of template lists, as pure functions: a cursor names a template's place in the
 * list (its creation number), not an offset, so it survives templates created or deleted between
 * pages.
 *
 * @internal
 */
import * as Either from "effect/Either"

/** Where a page starts. @internal */
export type Position =
  | { readonly _tag: "First" }
  | { readonly _tag: "After"; readonly place: number }
  | { readonly _tag: "Before"; readonly place: number }

/** The page is silent on the cursors' form; these are opaque base64url text. @internal */
export const cursorOf = (place: number): string => Buffer.from(`template:${place}`).toString("base64url")

/** The place a cursor names, or `undefined` when it is not one this emulator gave. */
const placeOf = (cursor: string): number | undefined => {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return undefined
  const match = /^template:([1-9]\d{0,14})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"))
  const place = match?.[1] === undefined ? undefined : Number(match[1])
  return place !== undefined && cursorOf(place) === cursor ? place : undefined
}

/**
 * The position the `before` / `after` query parameters ask for, or the name of the parameter
 * that is not a cursor (`"both"` when both are given).
 *
 * @internal
 */
export const positionOf = (
  before: string | undefined,
  after: string | undefined
): Either.Either<Position, "before" | "after" | "both"> => {
  if (before !== undefined && after !== undefined) return Either.left("both")
  if (after !== undefined) {
    const place = placeOf(after)
    return place === undefined ? Either.left("after") : Either.right({ _tag: "After", place })
  }
  if (before !== undefined) {
    const place = placeOf(before)
    return place === undefined ? Either.left("before") : Either.right({ _tag: "Before", place })
  }
  return Either.right({ _tag: "First" })
}

/** One page of a list and whether there are items on either side of it. @internal */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly hasPrevious: boolean
  readonly hasNext: boolean
}

/**
 * The page of `items` (in ascending order of place) at `position`: up to `limit` items after the
 * cursor, before it, or from the start.
 *
 * @internal
 */
export const paginate = <A>(
  items: ReadonlyArray<A>,
  placeOfItem: (item: A) => number,
  limit: number,
  position: Position
): Page<A> => {
  const firstAfter = (place: number) => {
    const index = items.findIndex((item) => placeOfItem(item) > place)
    return index === -1 ? items.length : index
  }
  const firstNotBefore = (place: number) => {
    const index = items.findIndex((item) => placeOfItem(item) >= place)
    return index === -1 ? items.length : index
  }
  const [start, end] = position._tag === "First"
    ? [0, Math.min(limit, items.length)]
    : position._tag === "After"
    ? [firstAfter(position.place), Math.min(firstAfter(position.place) + limit, items.length)]
    : [Math.max(0, firstNotBefore(position.place) - limit), firstNotBefore(position.place)]
  return { items: items.slice(start, end), hasPrevious: start > 0, hasNext: end < items.length }
}
