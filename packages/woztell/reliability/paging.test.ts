/**
 * Paging against hostile servers, through the adapter: every WOZTELL listing (templates, the
 * template lookup by name, flows, catalogs, products) over a fake server whose cursors alternate
 * A → B → A, cycle with period 3, or never repeat and never end. Each listing must stop with
 * `UnexpectedResponse` after a small, known number of page requests; the row `paging` counts the
 * pages fetched with a cursor already sent or beyond the page limit (hostile outcomes, must be 0).
 *
 * The fake stops answering `hasNext: true` after {@link serverGivesUpAfter} pages, so code that
 * would loop forever ends and is measured instead of hanging the suite.
 */
import { UrlParams } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Paging, Templates } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import { Effect, Exit, Stream } from "effect"
import { WoztellCatalogs, WoztellFlows } from "../src/index.js"
import type { Services } from "./support.js"
import { adminOver, fakeBaseUrl, fakeHttp, singleAttempt } from "./support.js"

/** After this many pages the fake answers `hasNext: false`: code that never stops is measured, not hung. */
const serverGivesUpAfter = 300

/** The page limit set for the never-ending server. */
const pageLimit = 20

interface Listing {
  readonly name: string
  readonly path: string
  readonly item: (page: number) => unknown
  readonly run: Stream.Stream<unknown, AdminError.AdminError, Services>
}

const wabaId = "190787529545503"

const listings: ReadonlyArray<Listing> = [
  {
    name: "templates.list",
    path: "/whatsapp-message-templates",
    item: (page) => ({
      id: `${page}`,
      name: `t_${page}`,
      category: "MARKETING",
      templates: [{ language: "en_US", status: "APPROVED", components: [] }]
    }),
    run: Templates.list({ wabaId })
  },
  {
    name: "templates.get (the lookup by name pages through the matches)",
    path: "/whatsapp-message-templates",
    item: (page) => ({
      id: `${page}`,
      name: "wanted",
      category: "MARKETING",
      templates: [{ language: "es", status: "APPROVED", components: [] }]
    }),
    run: Stream.fromEffect(Templates.get({ wabaId, name: "wanted", language: "en_US" }))
  },
  {
    name: "flows.list",
    path: "/flow",
    item: (page) => ({ value: `${page}`, label: `flow ${page}`, status: "DRAFT" }),
    run: WoztellFlows.list()
  },
  {
    name: "catalogs.list",
    path: "/catalogs",
    item: (page) => ({ id: `${page}`, name: `catalog ${page}` }),
    run: WoztellCatalogs.catalogs
  },
  {
    name: "catalogs.products",
    path: "/products",
    item: (page) => ({ id: `${page}`, name: `product ${page}` }),
    run: WoztellCatalogs.products({ catalogId: "1234567890" })
  }
]

interface Server {
  readonly name: string
  /** The `after` cursor the fake gives with page `page` (1-based). */
  readonly next: (page: number) => string
  /** How many page requests a correct client sends before stopping. */
  readonly expectedRequests: number
  readonly withLimit: boolean
}

const servers: ReadonlyArray<Server> = [
  {
    name: "cursors alternating A → B → A",
    next: (page) => (page % 2 === 1 ? "A" : "B"),
    expectedRequests: 3,
    withLimit: false
  },
  {
    name: "a cycle of length 3",
    next: (page) => ["c1", "c2", "c3"][(page - 1) % 3] ?? "c1",
    expectedRequests: 4,
    withLimit: false
  },
  {
    name: `fresh cursors forever (page limit ${pageLimit})`,
    next: (page) => `fresh-${page}`,
    expectedRequests: pageLimit,
    withLimit: true
  }
]

/** Runs one listing against one hostile server: what the caller got, and the cursors that were sent. */
const against = (listing: Listing, server: Server) =>
  Effect.gen(function*() {
    const cursorsSent: Array<string | undefined> = []
    const http = fakeHttp((request) => {
      if (!request.url.startsWith(`${fakeBaseUrl}${listing.path}`)) {
        return { status: 404, body: { ok: 0, error: "unexpected path" } }
      }
      cursorsSent.push(
        UrlParams.getFirst(request.urlParams, "after").pipe((
          after
        ) => (after._tag === "Some" ? after.value : undefined))
      )
      const page = cursorsSent.length
      const hasNext = page < serverGivesUpAfter
      return {
        status: 200,
        body: {
          ok: 1,
          data: [listing.item(page)],
          paging: {
            cursors: { before: "B0", ...(hasNext ? { after: server.next(page) } : {}) },
            hasNext,
            hasPrevious: page > 1
          }
        }
      }
    })
    const limited = server.withLimit
      ? Paging.withLimits({ maxPages: pageLimit })
      : <A, E, R>(self: Effect.Effect<A, E, R>) => self
    const exit = yield* listing.run.pipe(
      Stream.runDrain,
      singleAttempt,
      limited,
      Effect.provide(adminOver(http.layer)),
      Effect.exit
    )
    const sent = cursorsSent.filter((cursor): cursor is string => cursor !== undefined)
    const repeatedCursorPages = sent.length - new Set(sent).size
    const beyondLimit = server.withLimit ? Math.max(0, cursorsSent.length - pageLimit) : 0
    return { exit, requests: cursorsSent.length, hostile: repeatedCursorPages + beyondLimit }
  })

describe("paging against hostile servers, through the adapter", () => {
  it.effect("every listing stops each hostile server after a small, known number of page requests", () =>
    Effect.gen(function*() {
      const problems: Array<string> = []
      let passed = 0
      let hostileOutcomes = 0
      for (const listing of listings) {
        for (const server of servers) {
          const outcome = yield* against(listing, server)
          hostileOutcomes += outcome.hostile
          const error = Exit.isFailure(outcome.exit) && outcome.exit.cause._tag === "Fail"
            ? outcome.exit.cause.error
            : undefined
          const wrong = [
            ...(error?._tag === "UnexpectedResponse"
              ? []
              : [`ended with ${Exit.isSuccess(outcome.exit) ? "success" : (error?._tag ?? "a defect")}`]),
            ...(outcome.requests === server.expectedRequests
              ? []
              : [`${outcome.requests} page requests, expected ${server.expectedRequests}`])
          ]
          if (wrong.length === 0) passed++
          else problems.push(`${listing.name} / ${server.name}: ${wrong.join("; ")}`)
        }
      }
      const scenarios = listings.length * servers.length
      ReliabilityMetrics.record({ area: "paging", scenariosRun: scenarios, scenariosPassed: passed, hostileOutcomes })
      assert.deepStrictEqual(problems, [])
      assert.strictEqual(hostileOutcomes, 0)
    }))

  it.effect("without a limit set, the documented default bounds a never-ending listing", () =>
    Effect.gen(function*() {
      const listing = listings[0]
      if (listing === undefined) return assert.fail("no listing")
      let requests = 0
      // Gives up at twice the default, so a client without a limit is measured rather than hung.
      const http = fakeHttp(() => {
        requests++
        const hasNext = requests < 2 * Paging.defaultLimits.maxPages
        return {
          status: 200,
          body: { ok: 1, data: [listing.item(requests)], paging: { cursors: { after: `fresh-${requests}` }, hasNext } }
        }
      })
      const exit = yield* listing.run.pipe(
        Stream.runDrain,
        singleAttempt,
        Effect.provide(adminOver(http.layer)),
        Effect.exit
      )
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(requests, Paging.defaultLimits.maxPages)
    }), 120_000)
})
