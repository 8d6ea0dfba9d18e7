import { Chunk, Effect, Option, Stream } from "effect"
import { AdminError } from "@wa-admin/core"
import type { Paging } from "./wire.js"

/**
 * A stream over WOZTELL's cursor pages: fetches the first page, then follows
 * `paging.cursors.after` while `paging.hasNext` is true. Pages are fetched only as the stream is
 * pulled, and each page is emitted and dropped, so memory stays flat however long the list.
 */
export const pages = <Page, A>(options: {
  readonly operation: string
  readonly fetch: (after: string | undefined) => Effect.Effect<Page, AdminError.AdminError>
  readonly items: (page: Page) => ReadonlyArray<A>
  readonly paging: (page: Page) => Paging | undefined
}): Stream.Stream<A, AdminError.AdminError> =>
  Stream.paginateChunkEffect({ after: undefined as string | undefined }, (state) =>
    Effect.gen(function* () {
      const page = yield* options.fetch(state.after)
      const items = Chunk.fromIterable(options.items(page))
      const paging = options.paging(page)
      const next = paging?.hasNext === true ? paging.cursors?.after : undefined
      if (next === undefined || next.length === 0) return [items, Option.none()] as const
      if (next === state.after) {
        return yield* new AdminError.UnexpectedResponse({
          provider: "woztell",
          operation: options.operation,
          // The cursor itself is not quoted: provider text quoted here bypasses the transport's redaction.
          reason: "the provider answered hasNext with a cursor it had already given; stopping instead of looping"
        })
      }
      return [items, Option.some({ after: next })] as const
    })
  )
