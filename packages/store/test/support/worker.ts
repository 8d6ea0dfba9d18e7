/**
 * One worker process of the concurrency tests. It opens two stores — SQLite (the file
 * `WA_ADMIN_STATE_DB` names) and PostgreSQL (through `Store.layerConfig`, from
 * `WA_ADMIN_DATABASE_URL`) — prints `ready`, waits for a line on stdin (so that the test starts
 * every worker at the same moment), then on both stores at once:
 *
 * 1. takes `attempts` slots of a budget of `limit` per hour on `limited`, and as many on
 *    `unlimited`, printing `<engine> limited ok|refused` and `<engine> unlimited ok|refused`;
 * 2. enters a critical section `rounds` times under the lease `hot` (acquire, retrying while
 *    another worker holds it; append `enter <holder>` to the engine's log file; pause; append
 *    `exit <holder>`; release);
 * 3. tries to lease each of `items` items once, printing `<engine> got|held item-<n>`;
 *
 * then prints `done`. Anything unexpected prints `error <message>`. (Both engines in one process
 * halve the processes a test starts: starting one is most of the cost.)
 *
 *   node --import tsx worker.ts '{"holder":"w1","attempts":30,"limit":50,"rounds":8,"items":40,"logs":{…}}'
 */
import { QuotaLedger } from "@wa-admin/core"
import { ChildProcess } from "@wa-admin/core/testing"
import { Context, Effect, Layer, Schema } from "effect"
import * as fs from "node:fs"
import { Store } from "../../src/index.js"

const Options = Schema.parseJson(
  Schema.Struct({
    holder: Schema.String,
    attempts: Schema.Int,
    limit: Schema.Int,
    rounds: Schema.Int,
    items: Schema.Int,
    logs: Schema.Struct({ sqlite: Schema.String, postgresql: Schema.String })
  })
)
type Options = typeof Options.Type

const { say } = ChildProcess

/** A pause in real time, so that the other workers run meanwhile. */
const pause = (millis: number) =>
  Effect.async<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), millis)
    return Effect.sync(() => clearTimeout(timer))
  })

const scenario = (engine: "sqlite" | "postgresql", store: Store.Service, options: Options) =>
  Effect.gen(function*() {
    const ledger = QuotaLedger.make(store.quotaStorage)
    const origin = { provider: "test", operation: "templates.create" }
    for (let attempt = 0; attempt < options.attempts; attempt++) {
      for (const [name, limit] of [["limited", options.limit], ["unlimited", 1_000_000]] as const) {
        const outcome = yield* ledger.reserve(name, [{ limit, window: "1 hour", quota: `${name} per hour` }], origin)
          .pipe(
            Effect.as("ok"),
            Effect.catchAll((error) =>
              Effect.succeed(error._tag === "QuotaExceeded" ? "refused" : `error ${error.message}`)
            )
          )
        yield* say(outcome.startsWith("error") ? outcome : `${engine} ${name} ${outcome}`)
      }
    }

    for (let round = 0; round < options.rounds; round++) {
      for (;;) {
        const acquired = yield* store.leases.acquire("hot", options.holder, "30 seconds").pipe(
          Effect.as(true),
          Effect.catchTag("LeaseHeld", () => Effect.succeed(false))
        )
        if (acquired) break
        yield* pause(1)
      }
      fs.appendFileSync(options.logs[engine], `enter ${options.holder}\n`)
      yield* pause(2)
      fs.appendFileSync(options.logs[engine], `exit ${options.holder}\n`)
      yield* store.leases.release("hot", options.holder)
    }

    for (let item = 0; item < options.items; item++) {
      const outcome = yield* store.leases.acquire(`item-${item}`, options.holder, "10 minutes").pipe(
        Effect.as("got"),
        Effect.catchTag("LeaseHeld", () => Effect.succeed("held"))
      )
      yield* say(`${engine} ${outcome} item-${item}`)
    }
  })

const program = Effect.gen(function*() {
  const options = yield* Schema.decodeUnknown(Options)(process.argv[2])
  const sqlite = yield* Store.makeSqlite({ filename: process.env["WA_ADMIN_STATE_DB"] ?? "" })
  const postgresql = Context.get(yield* Layer.build(Store.layerConfig()), Store.Store)
  yield* ChildProcess.readyThenAwaitGo
  yield* Effect.all([scenario("sqlite", sqlite, options), scenario("postgresql", postgresql, options)], {
    concurrency: "unbounded",
    discard: true
  })
  yield* say("done")
}).pipe(Effect.catchAll((error) => say(`error ${error.message}`)))

Effect.runPromise(Effect.scoped(program)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(1)
  }
)
