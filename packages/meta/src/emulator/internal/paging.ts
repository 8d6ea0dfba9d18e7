/**
 * Graph cursor paging: `{ data, paging: { cursors: { before, after }, next, previous } }`. A
 * cursor is opaque to the client; here it names the sequence number of the first or last item
 * of the page, so a page survives items added or deleted elsewhere in the list. `next` and
 * `previous` are the request's own URL with `after` / `before` replaced.
 *
 * @internal
 */
import { Effect } from "effect"
import type { Call, GraphError } from "./graph.js"
import { invalidParameter } from "./graph.js"
import { queryInteger } from "./input.js"

/** The `paging` object. */
export interface Paging {
  readonly cursors: { readonly before: string; readonly after: string }
  readonly next?: string
  readonly previous?: string
}

/** How a list pages. */
export interface PageOptions {
  /** The query parameter holding the page size: `limit` (default) or `first` / `last`. */
  readonly sizeParameters?: ReadonlyArray<string>
  readonly defaultSize: number
  readonly maxSize: number
  /** Whether the list is newest first (decreasing sequence numbers). */
  readonly descending?: boolean
}

const encode = (kind: string, seq: number): string => Buffer.from(`${kind}:${seq}`).toString("base64url")

const decode = (kind: string, name: string, cursor: string): Effect.Effect<number, GraphError> => {
  const match = /^([a-z_]+):(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"))
  const seq = Number(match?.[2])
  return match !== null && match[1] === kind && encode(kind, seq) === cursor
    ? Effect.succeed(seq)
    : Effect.fail(invalidParameter(`(#100) Invalid cursor in parameter ${name}`))
}

const linkTo = (graphUrl: string, call: Call, replace: { readonly after?: string; readonly before?: string }) => {
  const query = new URLSearchParams(call.query)
  query.delete("after")
  query.delete("before")
  for (const [name, value] of Object.entries(replace)) query.set(name, value)
  return `${graphUrl}${call.path}?${query.toString()}`
}

/**
 * One page of `items` (in list order: increasing sequence numbers, or decreasing when
 * `descending`) for the call's `after`
 * / `before` cursor and page size; `paging` is left out of an empty page.
 */
export const page = <A>(
  call: Call,
  graphUrl: string,
  kind: string,
  items: ReadonlyArray<A>,
  seqOf: (item: A) => number,
  options: PageOptions
): Effect.Effect<{ readonly data: ReadonlyArray<A>; readonly paging?: Paging }, GraphError> =>
  Effect.gen(function*() {
    const after = call.query["after"]
    const before = call.query["before"]
    if (after !== undefined && before !== undefined) {
      return yield* Effect.fail(invalidParameter("(#100) Give either after or before, not both"))
    }
    let size = options.defaultSize
    for (const name of options.sizeParameters ?? ["limit"]) {
      const given = yield* queryInteger(call.query, name, { min: 1, max: options.maxSize })
      if (given !== undefined) size = given
    }
    const sign = options.descending === true ? -1 : 1
    const positions = items.map((item) => sign * seqOf(item))
    let start = 0
    let end = Math.min(size, items.length)
    if (after !== undefined) {
      const seq = sign * (yield* decode(kind, "after", after))
      start = positions.findIndex((position) => position > seq)
      if (start === -1) start = items.length
      end = Math.min(start + size, items.length)
    } else if (before !== undefined) {
      const seq = sign * (yield* decode(kind, "before", before))
      end = positions.findIndex((position) => position >= seq)
      if (end === -1) end = items.length
      start = Math.max(0, end - size)
    }
    const data = items.slice(start, end)
    const first = data[0]
    const last = data[data.length - 1]
    if (first === undefined || last === undefined) return { data }
    const cursors = { before: encode(kind, seqOf(first)), after: encode(kind, seqOf(last)) }
    return {
      data,
      paging: {
        cursors,
        ...(end < items.length ? { next: linkTo(graphUrl, call, { after: cursors.after }) } : {}),
        ...(start > 0 ? { previous: linkTo(graphUrl, call, { before: cursors.before }) } : {})
      }
    }
  })

/** A page as the answer's body: its items as `render` writes them, and `paging` when there is one. */
export const pageBody = <A>(
  found: { readonly data: ReadonlyArray<A>; readonly paging?: Paging },
  render: (item: A) => unknown
): { readonly data: ReadonlyArray<unknown>; readonly paging?: Paging } => ({
  data: found.data.map(render),
  ...(found.paging === undefined ? {} : { paging: found.paging })
})
