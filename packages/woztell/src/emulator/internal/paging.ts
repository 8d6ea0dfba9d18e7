/**
 * Cursor pagination shared by templates, flows and products: opaque base64 cursors naming
 * the position of an item, `after` for the next page, `before` for the previous one.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import { type Failure, invalid } from "./http.js"

/** The `paging` object of a list answer. */
export interface Paging {
  readonly cursors: { readonly before?: string; readonly after?: string }
  readonly hasNext: boolean
  readonly hasPrevious: boolean
}

/** Where a page starts: from the top, after a cursor, or before one. */
export type Position =
  | { readonly _tag: "First" }
  | { readonly _tag: "After"; readonly key: number }
  | { readonly _tag: "Before"; readonly key: number }

/** An opaque cursor for the item with this key, in a list of this kind. */
export const encodeCursor = (kind: string, key: number): string => Buffer.from(`${kind}:${key}`).toString("base64")

const decodeCursor = (kind: string, field: string, cursor: string): Effect.Effect<number, Failure> => {
  const text = Buffer.from(cursor, "base64").toString("utf8")
  const match = /^([a-z]+):(\d+)$/.exec(text)
  if (match === null || match[1] !== kind || encodeCursor(kind, Number(match[2])) !== cursor) {
    return Effect.fail(invalid(`${field} is not a valid cursor`))
  }
  return Effect.succeed(Number(match[2]))
}

/** Reads `after` / `before` from the query; giving both is an error. */
export const positionOf = (
  kind: string,
  query: Readonly<Record<string, string>>
): Effect.Effect<Position, Failure> => {
  const after = Option.fromNullable(query["after"]).pipe(Option.filter((value) => value !== ""))
  const before = Option.fromNullable(query["before"]).pipe(Option.filter((value) => value !== ""))
  if (Option.isSome(after) && Option.isSome(before)) {
    return Effect.fail(invalid("give either after or before, not both"))
  }
  if (Option.isSome(after)) {
    return Effect.map(decodeCursor(kind, "after", after.value), (key): Position => ({ _tag: "After", key }))
  }
  if (Option.isSome(before)) {
    return Effect.map(decodeCursor(kind, "before", before.value), (key): Position => ({ _tag: "Before", key }))
  }
  return Effect.succeed({ _tag: "First" })
}

/**
 * One page of `items`, which are in display order with strictly monotonic keys (`order`
 * tells which way). Cursors survive insertions and deletions: they name a key, not an offset.
 */
export const paginate = <A>(
  kind: string,
  items: ReadonlyArray<A>,
  keyOf: (item: A) => number,
  order: "ascending" | "descending",
  limit: number,
  position: Position
): { readonly items: ReadonlyArray<A>; readonly paging: Paging } => {
  const comesAfter = (key: number, cursor: number) => (order === "descending" ? key < cursor : key > cursor)
  const indexAfter = (cursor: number) => {
    const index = items.findIndex((item) => comesAfter(keyOf(item), cursor))
    return index === -1 ? items.length : index
  }
  let start: number
  let end: number
  switch (position._tag) {
    case "First":
      start = 0
      end = Math.min(limit, items.length)
      break
    case "After":
      start = indexAfter(position.key)
      end = Math.min(start + limit, items.length)
      break
    case "Before": {
      end = items.findIndex((item) => !comesAfter(position.key, keyOf(item)))
      if (end === -1) end = items.length
      start = Math.max(0, end - limit)
      break
    }
  }
  const page = items.slice(start, end)
  const first = page[0]
  const last = page[page.length - 1]
  return {
    items: page,
    paging: {
      cursors: {
        ...(first === undefined ? {} : { before: encodeCursor(kind, keyOf(first)) }),
        ...(last === undefined ? {} : { after: encodeCursor(kind, keyOf(last)) })
      },
      hasNext: end < items.length,
      hasPrevious: start > 0
    }
  }
}
