/**
 * The cursor pager: a listing ends at its last page, and a hostile server (cursors that cycle,
 * or never end) is stopped with `UnexpectedResponse` after a small, known number of requests.
 */
import { assert, describe, it } from "@effect/vitest"
import { AdminError, Paging } from "@wa-admin/core"
import { Chunk, Effect, Exit, Stream } from "effect"

interface Page {
  readonly items: ReadonlyArray<number>
  readonly next?: string
}

/** A server answering page requests from a function of the cursor and of how many came before. */
const server = (answer: (cursor: string | undefined, request: number) => Page) => {
  const cursors: Array<string | undefined> = []
  const listing = (options: { readonly maxPages?: number } = {}) =>
    Paging.stream({
      provider: "test",
      operation: "things.list",
      fetch: (cursor) =>
        Effect.sync(() => {
          cursors.push(cursor)
          return answer(cursor, cursors.length)
        }),
      items: (page) => page.items,
      next: (page) => page.next,
      ...options
    })
  return { cursors, listing }
}

/** Everything the stream emitted before it ended, and how it ended. */
const drain = <A>(stream: Stream.Stream<A, AdminError.AdminError>) =>
  Effect.gen(function*() {
    const emitted: Array<A> = []
    const exit = yield* stream.pipe(
      Stream.runForEach((item) => Effect.sync(() => emitted.push(item))),
      Effect.exit
    )
    return { emitted, exit }
  })

const failureOf = (exit: Exit.Exit<void, AdminError.AdminError>): AdminError.AdminError => {
  if (Exit.isSuccess(exit)) throw new Error("the listing ended without an error")
  const failure = exit.cause._tag === "Fail" ? exit.cause.error : undefined
  if (failure === undefined) throw new Error(`not a typed failure: ${String(exit.cause)}`)
  return failure
}

/** A server whose `next` cursors follow a cycle once the first page has been given. */
const cycling = (cycle: ReadonlyArray<string>) =>
  server((_cursor, request) => ({ items: [request], next: cycle[(request - 1) % cycle.length] ?? "" }))

describe("Paging.stream", () => {
  it.effect("follows the cursors to the last page, sending each cursor once", () =>
    Effect.gen(function*() {
      const { cursors, listing } = server((cursor) =>
        cursor === undefined
          ? { items: [1, 2], next: "p2" }
          : cursor === "p2"
          ? { items: [3], next: "p3" }
          : { items: [4] }
      )
      const items = yield* Stream.runCollect(listing())
      assert.deepStrictEqual(Chunk.toReadonlyArray(items), [1, 2, 3, 4])
      assert.deepStrictEqual(cursors, [undefined, "p2", "p3"])
    }))

  it.effect("an empty cursor ends the listing", () =>
    Effect.gen(function*() {
      const { cursors, listing } = server(() => ({ items: [1], next: "" }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(yield* Stream.runCollect(listing())), [1])
      assert.strictEqual(cursors.length, 1)
    }))

  for (
    const [name, cycle, requests] of [
      ["the same cursor again (A → A)", ["A", "A"], 2],
      ["cursors alternating A → B → A", ["A", "B"], 3],
      ["a cycle of length 3 (A → B → C → A)", ["A", "B", "C"], 4],
      ["a cycle of length 7", ["c1", "c2", "c3", "c4", "c5", "c6", "c7"], 8]
    ] as const
  ) {
    it.effect(`${name}: stopped at the first repeat, after ${requests} requests, with the pages before it`, () =>
      Effect.gen(function*() {
        const { cursors, listing } = cycling(cycle)
        const { emitted, exit } = yield* drain(listing())
        const error = failureOf(exit)
        assert.strictEqual(error._tag, "UnexpectedResponse")
        assert.strictEqual(error.operation, "things.list")
        assert.include(error.message, "already given")
        assert.strictEqual(cursors.length, requests, "no page is fetched with a repeated cursor")
        assert.strictEqual(new Set(cursors).size, cursors.length, "no cursor was sent twice")
        assert.deepStrictEqual(
          emitted,
          Array.from({ length: requests }, (_, index) => index + 1),
          "every page fetched was emitted"
        )
      }))
  }

  it.effect("a repeat far back in the listing is caught as well as one just before", () =>
    Effect.gen(function*() {
      // 200 fresh cursors, then the first one again.
      const { cursors, listing } = server((_cursor, request) => ({
        items: [request],
        next: `c${request % 201 === 0 ? 1 : request}`
      }))
      const error = failureOf((yield* drain(listing())).exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.strictEqual(cursors.length, 201)
    }))

  it.effect("the error never quotes the cursor", () =>
    Effect.gen(function*() {
      const secret = "cursor-with-a-token-EAAGm0PX4ZCpsBA"
      const { listing } = cycling([secret, "B"])
      const error = failureOf((yield* drain(listing())).exit)
      assert.notInclude(error.message, secret)
      assert.notInclude(JSON.stringify(error), secret)
    }))

  it.effect("a listing that never ends is stopped at the page limit given for it", () =>
    Effect.gen(function*() {
      const { cursors, listing } = server((_cursor, request) => ({ items: [request], next: `fresh-${request}` }))
      const { emitted, exit } = yield* drain(listing({ maxPages: 25 }))
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.include(error.message, "25 pages")
      assert.strictEqual(cursors.length, 25)
      assert.strictEqual(emitted.length, 25)
    }))

  it.effect("… at the limit set with Paging.withLimits, and at the documented default otherwise", () =>
    Effect.gen(function*() {
      const fresh = () => server((_cursor, request) => ({ items: [request], next: `fresh-${request}` }))
      const limited = fresh()
      const error = failureOf((yield* drain(limited.listing()).pipe(Paging.withLimits({ maxPages: 40 }))).exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.strictEqual(limited.cursors.length, 40)

      const unlimited = fresh()
      failureOf((yield* drain(unlimited.listing())).exit)
      assert.strictEqual(unlimited.cursors.length, Paging.defaultLimits.maxPages)
    }))

  it.effect("a listing exactly as long as the limit is not an error", () =>
    Effect.gen(function*() {
      const { cursors, listing } = server((
        _cursor,
        request
      ) => (request < 10 ? { items: [request], next: `p${request}` } : { items: [request] }))
      const items = yield* Stream.runCollect(listing({ maxPages: 10 }))
      assert.strictEqual(Chunk.size(items), 10)
      assert.strictEqual(cursors.length, 10)
    }))

  it.effect("a cursor longer than the limit is not sent", () =>
    Effect.gen(function*() {
      const { cursors, listing } = server(() => ({
        items: [1],
        next: "x".repeat(Paging.defaultLimits.maxCursorLength + 1)
      }))
      const error = failureOf((yield* drain(listing())).exit)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.strictEqual(cursors.length, 1)
    }))

  it.effect("pages are fetched only as the stream is pulled", () =>
    Effect.gen(function*() {
      const { cursors, listing } = server((_cursor, request) => ({
        items: [request * 10, request * 10 + 1],
        next: `p${request}`
      }))
      const first = yield* Stream.runCollect(Stream.take(listing(), 2))
      assert.deepStrictEqual(Chunk.toReadonlyArray(first), [10, 11])
      assert.strictEqual(cursors.length, 1)
    }))

  it.effect("every run starts afresh: the cursors seen by one run do not stop the next", () =>
    Effect.gen(function*() {
      const { cursors, listing } = server((
        cursor
      ) => (cursor === undefined ? { items: [1], next: "A" } : { items: [2] }))
      const stream = listing()
      assert.deepStrictEqual(Chunk.toReadonlyArray(yield* Stream.runCollect(stream)), [1, 2])
      assert.deepStrictEqual(Chunk.toReadonlyArray(yield* Stream.runCollect(stream)), [1, 2])
      assert.deepStrictEqual(cursors, [undefined, "A", undefined, "A"])
    }))

  it.effect("a 10,000-item listing in pages of 10 streams to its end under the default limits", () =>
    Effect.gen(function*() {
      const pages = 1_000
      const { cursors, listing } = server((_cursor, request) => {
        const items = Array.from({ length: 10 }, (_, index) => (request - 1) * 10 + index)
        return request < pages ? { items, next: `page-${request}` } : { items }
      })
      assert.strictEqual(yield* Stream.runCount(listing()), 10_000)
      assert.strictEqual(cursors.length, pages)
    }))

  it.effect("a longer listing streams when its own page limit allows it (10,000 one-item pages)", () =>
    Effect.gen(function*() {
      const total = 10_000
      const { cursors, listing } = server((
        _cursor,
        request
      ) => (request < total ? { items: [request], next: `page-${request}` } : { items: [request] }))
      assert.strictEqual(yield* Stream.runCount(listing({ maxPages: total })), total)
      assert.strictEqual(cursors.length, total)
    }))
})
