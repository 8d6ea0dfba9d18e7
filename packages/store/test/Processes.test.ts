/**
 * The store between real processes: three `node` workers open the same fresh stores at once — a
 * SQLite file and a PostgreSQL database, racing to migrate them — are released at the same
 * moment, and on each engine spend a budget, take turns under one lease, and lease a set of
 * items. On each engine the budget is never exceeded and no spending is lost; no two workers are
 * ever inside the lease's critical section together; every item is leased by exactly one worker.
 */
import { assert, it } from "@effect/vitest"
import { Effect } from "effect"
import type { Scope } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import type { Fresh } from "./support/Engines.js"
import { postgresql, sqlite } from "./support/Engines.js"
import { layer as postgresLayer } from "./support/Postgres.js"
import type { Finished } from "./support/Workers.js"
import { runWorkers } from "./support/Workers.js"

const workers = 3
const attempts = 30
const limit = 50
const rounds = 8
const items = 40

/** What one engine's store and log say after the workers finished. */
const check = (
  engine: "sqlite" | "postgresql",
  fresh: Fresh,
  log: string,
  finished: ReadonlyArray<Finished>
): Effect.Effect<void, unknown, Scope.Scope> =>
  Effect.gen(function*() {
    const mine = finished.map((worker) => ({
      holder: worker.holder,
      lines: worker.lines.filter((line) => line.startsWith(`${engine} `)).map((line) => line.slice(engine.length + 1))
    }))
    const count = (line: string) => mine.map((worker) => worker.lines.filter((printed) => printed === line).length)
    const sum = (counts: ReadonlyArray<number>) => counts.reduce((total, given) => total + given, 0)
    const limitedGiven = count("limited ok")
    assert.strictEqual(sum(limitedGiven), limit, `${engine}: given ${limitedGiven.join(" + ")}`)
    assert.strictEqual(sum(count("limited refused")), workers * attempts - limit, engine)
    assert.strictEqual(sum(count("unlimited ok")), workers * attempts, engine)
    assert.isTrue(
      limitedGiven.filter((given) => given > 0).length > 1,
      `${engine}: the budget was shared, not taken by one worker alone`
    )

    const store = yield* fresh.open()
    const recorded = (key: string) =>
      Effect.map(store.quotaStorage.read(key, { provider: "test", operation: "check" }), (history) => history.length)
    assert.strictEqual(yield* recorded("limited"), limit, `${engine}: every slot given is recorded, and no more`)
    assert.strictEqual(yield* recorded("unlimited"), workers * attempts, `${engine}: no spending lost`)

    const sections = fs.readFileSync(log, "utf8").trim().split("\n")
    assert.strictEqual(sections.length, 2 * workers * rounds, engine)
    const overlaps: Array<string> = []
    for (let index = 0; index < sections.length; index += 2) {
      const enter = sections[index] ?? ""
      const exit = sections[index + 1] ?? ""
      if (!enter.startsWith("enter ") || exit !== `exit ${enter.slice("enter ".length)}`) {
        overlaps.push(`${index}: ${enter} / ${exit}`)
      }
    }
    assert.deepStrictEqual(overlaps, [], `${engine}: two workers were inside the critical section together`)
    assert.strictEqual(new Set(sections.map((line) => line.split(" ")[1])).size, workers, engine)

    for (let item = 0; item < items; item++) {
      const holders = mine.filter((worker) => worker.lines.includes(`got item-${item}`)).map((worker) => worker.holder)
      assert.strictEqual(holders.length, 1, `${engine}: item-${item} leased by ${holders.join(", ") || "nobody"}`)
    }
  })

it.layer(postgresLayer, { timeout: 60_000 })("workers in separate processes", (it) => {
  it.scoped(`${workers} workers on SQLite and on PostgreSQL: the budget of ${limit} holds, no spending is lost, a lease is held by one at a time, every item is leased once`, () =>
    Effect.gen(function*() {
      const onSqlite = yield* sqlite.fresh
      const onPostgresql = yield* postgresql.fresh
      const logs = {
        sqlite: path.join(onSqlite.directory, "critical-section.log"),
        postgresql: path.join(onPostgresql.directory, "critical-section.log")
      }
      fs.writeFileSync(logs.sqlite, "")
      fs.writeFileSync(logs.postgresql, "")
      const finished = yield* runWorkers(workers, { attempts, limit, rounds, items, logs }, {
        ...onSqlite.env,
        ...onPostgresql.env
      })
      assert.deepStrictEqual(finished.flatMap((worker) => worker.lines.filter((line) => line.startsWith("error"))), [])
      yield* check("sqlite", onSqlite, logs.sqlite, finished)
      yield* check("postgresql", onPostgresql, logs.postgresql, finished)
    }))
})
