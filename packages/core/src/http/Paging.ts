/**
 * A provider-neutral stream over cursor pages, safe against a server whose cursors never lead to
 * an end:
 *
 * - every cursor a listing has sent is remembered (as a SHA-256 digest, so memory is 44 bytes a
 *   page whatever the cursors' length), and a cursor given again — just before or anywhere earlier
 *   (A → B → A, A → B → C → A …) — ends the stream with `UnexpectedResponse` before it is sent;
 * - a listing fetches at most `maxPages` pages (default {@link defaultLimits}: 1,000 — at the
 *   page sizes adapters ask for, 25 to 100 items, that is 25,000 to 100,000 items, and a
 *   10,000-item listing streams at 10 items a page; a caller listing with smaller pages raises
 *   it); a server inventing fresh cursors forever is stopped there with `UnexpectedResponse`;
 * - a cursor longer than `maxCursorLength` (default 4,096 characters) is not sent.
 *
 * Pages are fetched only as the stream is pulled, and each is emitted before the next is
 * fetched, so the items of the pages before a failure reach the caller. Errors never quote a
 * cursor: provider text quoted into an error would bypass the transport's redaction.
 *
 * The limits can be changed for a whole program with {@link withLimits}, and an adapter can give
 * one listing its own page limit (`maxPages`).
 *
 * @example
 * import { Paging } from "@wa-admin/core"
 * import { Effect } from "effect"
 *
 * // Two pages: the first names the cursor of the second, the second none.
 * const fetchPage = (after: string | undefined): Effect.Effect<{ data: Array<string>; next?: string }> =>
 *   Effect.succeed(after === undefined ? { data: ["a", "b"], next: "page-2" } : { data: ["c"] })
 *
 * const names = Paging.stream({
 *   provider: "acme",
 *   operation: "things.list",
 *   fetch: fetchPage,
 *   items: (page) => page.data,
 *   next: (page) => page.next
 * })
 *
 * @since 0.1.0
 */
import { Chunk, Context, Effect, Option, Stream } from "effect"
import { createHash } from "node:crypto"
import { UnexpectedResponse } from "../AdminError.js"
import type { AdminError } from "../AdminError.js"

/**
 * What bounds a listing.
 *
 * @since 0.1.0
 * @category models
 */
export interface Limits {
  /** The most pages one listing fetches (at least 1; `Infinity` turns the limit off, the cycle check stays). */
  readonly maxPages: number
  /** The longest cursor that is sent on. */
  readonly maxCursorLength: number
}

/**
 * The default limits: 1,000 pages a listing, cursors of at most 4,096 characters.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultLimits: Limits = { maxPages: 1_000, maxCursorLength: 4_096 }

/**
 * The limits in force (default {@link defaultLimits}); change them with {@link withLimits}.
 *
 * @since 0.1.0
 * @category references
 */
export class PagingLimits extends Context.Reference<PagingLimits>()("@wa-admin/core/PagingLimits", {
  defaultValue: (): Limits => defaultLimits
}) {}

/**
 * Runs an effect (for example the one that consumes a listing) with some limits changed.
 *
 * @example
 * import { Paging, Templates } from "@wa-admin/core"
 * import { Stream } from "effect"
 *
 * const all = Templates.list({ wabaId: "1" }).pipe(Stream.runCollect, Paging.withLimits({ maxPages: 50 }))
 *
 * @since 0.1.0
 * @category combinators
 */
export const withLimits = (patch: Partial<Limits>) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(PagingLimits, (limits) => Effect.provideService(self, PagingLimits, { ...limits, ...patch }))

/**
 * One listing: how to fetch a page from a cursor (`undefined` for the first page), the items of
 * a page, and the cursor of the next page (`undefined` or empty when the page is the last).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options<Page, A> {
  readonly provider: string
  readonly operation: string
  readonly fetch: (cursor: string | undefined) => Effect.Effect<Page, AdminError>
  readonly items: (page: Page) => Iterable<A>
  readonly next: (page: Page) => string | undefined
  /** This listing's page limit, instead of the one in force. */
  readonly maxPages?: number
}

type Step =
  | { readonly _tag: "Fetch"; readonly cursor: string | undefined }
  | { readonly _tag: "Stop"; readonly reason: string }

const digest = (cursor: string): string => createHash("sha256").update(cursor, "utf8").digest("base64")

/** A limit as a whole number of at least 1 (`Infinity` stays: no limit); `NaN` is the default. */
const limitOf = (
  value: number,
  fallback: number
): number => (Number.isNaN(value) ? fallback : Math.max(1, Math.floor(value)))

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`

/**
 * The items of every page of a listing, in order, fetched as the stream is pulled.
 *
 * @since 0.1.0
 * @category constructors
 */
export const stream = <Page, A>(options: Options<Page, A>): Stream.Stream<A, AdminError> =>
  Stream.unwrap(
    Effect.map(PagingLimits, (limits) => {
      const maxPages = limitOf(options.maxPages ?? limits.maxPages, defaultLimits.maxPages)
      const maxCursorLength = limitOf(limits.maxCursorLength, defaultLimits.maxCursorLength)
      // Per run of the stream: the digests of the cursors this listing has sent.
      const seen = new Set<string>()
      let fetched = 0
      const stop = (reason: string): Option.Option<Step> => Option.some({ _tag: "Stop", reason })
      /** What follows a page: nothing (it was the last), the next fetch, or the reason to stop. */
      const after = (cursor: string | undefined): Option.Option<Step> => {
        if (cursor === undefined || cursor.length === 0) return Option.none()
        if (cursor.length > maxCursorLength) {
          return stop(
            `the provider's next cursor is ${cursor.length} characters long, more than the ${maxCursorLength} allowed; stopping`
          )
        }
        const key = digest(cursor)
        if (seen.has(key)) {
          return stop(
            `after ${
              plural(fetched, "page")
            } the provider answered with a cursor it had already given (a paging cycle); stopping instead of looping`
          )
        }
        if (fetched >= maxPages) {
          return stop(
            `the listing did not end within ${
              plural(maxPages, "page")
            }; stopping (if it really is that long, raise the page limit with Paging.withLimits)`
          )
        }
        seen.add(key)
        return Option.some({ _tag: "Fetch", cursor })
      }
      return Stream.paginateChunkEffect<Step, A, AdminError, never>({ _tag: "Fetch", cursor: undefined }, (step) =>
        step._tag === "Stop"
          ? Effect.fail(
            new UnexpectedResponse({ provider: options.provider, operation: options.operation, reason: step.reason })
          )
          : Effect.map(options.fetch(step.cursor), (page) => {
            fetched++
            return [Chunk.fromIterable(options.items(page)), after(options.next(page))] as const
          }))
    })
  )
