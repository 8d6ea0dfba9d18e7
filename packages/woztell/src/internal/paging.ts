import { Paging as CursorPaging } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import type { Effect, Stream } from "effect"
import type { Paging } from "./wire.js"

/**
 * A stream over WOZTELL's cursor pages: fetches the first page, then follows
 * `paging.cursors.after` while `paging.hasNext` is true. The core pager does the rest: pages are
 * fetched only as the stream is pulled, a cursor given again anywhere in the listing (A → B → A)
 * or a listing longer than the page limit ends the stream with `UnexpectedResponse`, and the
 * cursor is never quoted (provider text quoted into an error would bypass the redaction).
 */
export const pages = <Page, A>(options: {
  readonly operation: string
  readonly fetch: (after: string | undefined) => Effect.Effect<Page, AdminError.AdminError>
  readonly items: (page: Page) => ReadonlyArray<A>
  readonly paging: (page: Page) => Paging | undefined
}): Stream.Stream<A, AdminError.AdminError> =>
  CursorPaging.stream({
    provider: "woztell",
    operation: options.operation,
    fetch: options.fetch,
    items: options.items,
    next: (page) => {
      const paging = options.paging(page)
      return paging?.hasNext === true ? paging.cursors?.after : undefined
    }
  })
