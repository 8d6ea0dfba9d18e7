/**
 * Job files and the job's rows as a user meets them: a broken file is refused naming every
 * broken field (nothing stored), the same file submitted twice changes nothing, another job under
 * an id in use is refused, an unknown job is `NotFound`, a cancelled job stops (its pairs end
 * cancelled and nothing more reaches the provider), a pair's progress never goes back, and profile
 * syncs and audits do what they say on the Meta emulator.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Fleet, Job, Providers } from "@wa-admin/fleet"
import { MetaEmulator } from "@wa-admin/meta/emulator"
import { Store } from "@wa-admin/store"
import { ConfigProvider, Duration, Effect, Fiber, Layer, Option, Ref, Schedule } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as State from "../src/internal/state.js"
import * as Scenario from "./support/Scenario.js"

const tempStore = Layer.unwrapScoped(
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "wa-admin-fleet-job-"))),
      (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
    ),
    (dir) => Layer.merge(Store.layerSqlite({ filename: path.join(dir, "state.db") }), NodeHttpClient.layerUndici)
  )
)

const file = (fields: Record<string, unknown>) =>
  JSON.stringify({
    format: "wa-admin/fleet-job",
    version: 1,
    id: "move-1",
    kind: "templates",
    source: { provider: "meta", credentials: "SOURCE_" },
    target: { provider: "woztell", credentials: "TARGET_" },
    pairs: [{ source: "106540352242922", target: "190787529545503" }],
    ...fields
  })

describe("job files", () => {
  it.effect("a broken file is refused naming every broken field, and nothing is stored", () =>
    Effect.gen(function*() {
      const refused = yield* Effect.flip(Fleet.submit(file({
        id: "",
        source: { provider: "vonage", credentials: "lower_case" },
        pairs: [{ source: "1/2", target: "190787529545503" }],
        extra: true
      })))
      expect(refused._tag).toBe("InvalidInput")
      if (refused._tag !== "InvalidInput") return
      expect(refused.source).toBe("local")
      const fields = refused.issues.map((issue) => issue.field)
      for (const field of ["id", "source.provider", "source.credentials", "pairs.0.source", "extra"]) {
        expect(fields, JSON.stringify(refused.issues)).toContain(field)
      }
      const unknown = yield* Effect.flip(Fleet.status("move-1"))
      expect(unknown._tag).toBe("NotFound")
    }).pipe(Effect.provide(tempStore)))

  it.effect("a job is told apart by its kind first: only that kind's broken fields are named, each with its path", () =>
    Effect.gen(function*() {
      const templates = yield* Effect.flip(Job.decode(file({
        source: { provider: "vonage", credentials: "lower_case" },
        pairs: [{ source: "1/2", target: "190787529545503" }]
      })))
      expect(templates.issues.map((issue) => issue.field)).toEqual([
        "source.provider",
        "source.credentials",
        "pairs.0.source"
      ])
      expect(JSON.stringify(templates.issues)).not.toContain("audit")

      const audit = yield* Effect.flip(Job.decode(file({ kind: "audit", target: undefined, numbers: ["1/2"] })))
      expect(audit.issues.map((issue) => issue.field).sort()).toEqual(["numbers.0", "pairs"])

      const profiles = yield* Effect.flip(Job.decode(file({ kind: "profiles", target: undefined })))
      expect(profiles.issues.map((issue) => [issue.field, issue.rule])).toEqual([["target", "is missing"]])

      const unknown = yield* Effect.flip(Job.decode(file({ kind: "numbers" })))
      expect(unknown.issues).toHaveLength(1)
      expect(unknown.issues[0]?.field).toBe("kind")
      for (const kind of ["templates", "profiles", "audit"]) expect(unknown.issues[0]?.rule).toContain(kind)
    }))

  it.effect("a pair given twice is refused, naming both places", () =>
    Effect.gen(function*() {
      const pair = { source: "106540352242922", target: "190787529545503" }
      const refused = yield* Effect.flip(Job.decode(file({ pairs: [pair, { source: "1", target: "2" }, pair] })))
      expect(refused.issues).toEqual([{ field: "pairs.2", rule: "repeats pairs.0" }])
      const notJson = yield* Effect.flip(Job.decode("{"))
      expect(notJson._tag).toBe("InvalidInput")
    }))

  it.effect("the same file submitted twice changes nothing; another job under the same id is refused", () =>
    Effect.gen(function*() {
      expect((yield* Fleet.submit(file({}))).submitted).toBe(true)
      expect((yield* Fleet.submit(file({}))).submitted).toBe(false)
      const other = yield* Effect.flip(Fleet.submit(file({ pairs: [{ source: "1", target: "2" }] })))
      expect(other._tag).toBe("InvalidInput")
      expect(other.message).toContain("another job is stored as \"move-1\"")
      const status = yield* Fleet.status("move-1")
      expect(status).toMatchObject({ id: "move-1", state: "submitted", finished: false })
      expect(status.units.map((unit) => [unit.label, unit.state])).toEqual([[
        "106540352242922 -> 190787529545503",
        "pending"
      ]])
      const json = Fleet.toJson(status)
      expect(json).toMatchObject({ id: "move-1", kind: "templates", state: "submitted", finished: false })
      expect(json.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
      expect("finishedAt" in json).toBe(false)
      expect(json.units[0]).toMatchObject({ state: "pending", total: 0, done: 0, left: 0 })
      expect(json.units[0] !== undefined && "waitingUntil" in json.units[0]).toBe(false)
      const cancelUnknown = yield* Effect.flip(Fleet.cancel("not-a-job"))
      expect(cancelUnknown._tag).toBe("NotFound")
    }).pipe(Effect.provide(tempStore)))
})

describe("cancelling a job", () => {
  it.scopedLive("its pairs end cancelled and nothing more is created", () =>
    Effect.gen(function*() {
      const scenario = yield* Scenario.start({
        pairs: 3,
        templates: 6,
        creationsPerHour: 2,
        hourMillis: 3_000,
        id: "to-cancel"
      })
      const running = yield* Effect.fork(Fleet.run(scenario.jobText, {
        time: scenario.time,
        variables: ConfigProvider.fromMap(new Map(Object.entries(scenario.environment))),
        dispatchInterval: "100 millis",
        pacingMargin: "100 millis",
        interval: "50 millis",
        sharding: { entityTerminationTimeout: "1 second" }
      }))
      yield* scenario.createdSoFar.pipe(
        Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (created) => created >= 6 })
      )
      yield* Fleet.cancel("to-cancel")
      const status = yield* Fiber.join(running)
      expect(status.state).toBe("cancelled")
      expect(status.units.map((unit) => unit.state)).toEqual(["cancelled", "cancelled", "cancelled"])
      const created = yield* scenario.createdSoFar
      expect(created).toBeLessThan(18)
      // two more hours of provider time: nothing else reaches the provider
      yield* Effect.sleep(Duration.millis(2 * scenario.options.hourMillis))
      expect(yield* scenario.createdSoFar).toBe(created)
    }).pipe(Effect.provide(tempStore)))
})

describe("a job cancelled before any runner started it", () => {
  const twoPairs = file({
    pairs: [{ source: "106540352242922", target: "190787529545503" }, { source: "1", target: "2" }]
  })

  it.effect("has ended: every pair cancelled, and waiting for it ends at the first look", () =>
    Effect.gen(function*() {
      const { job } = yield* Fleet.submit(twoPairs)
      yield* Fleet.cancel(job.id)
      const status = yield* Fleet.status(job.id)
      expect(status).toMatchObject({ state: "cancelled", finished: true, totals: { units: 2, unitsEnded: 2 } })
      expect(status.units.map((unit) => unit.state)).toEqual(["cancelled", "cancelled"])
      expect(Option.isSome(status.finishedAt)).toBe(true)
      const looks = yield* Ref.make(0)
      const awaited = yield* Fleet.awaitFinished(job.id, {
        interval: "1 hour",
        onStatus: () => Ref.update(looks, (count) => count + 1)
      })
      expect(awaited.state).toBe("cancelled")
      expect(yield* Ref.get(looks)).toBe(1)
    }).pipe(Effect.provide(tempStore)))

  it.scopedLive("running it answers at once, cancelled, and no pair is started", () =>
    Effect.gen(function*() {
      const { job } = yield* Fleet.submit(twoPairs)
      yield* Fleet.cancel(job.id)
      const status = yield* Fleet.run(twoPairs, {
        variables: ConfigProvider.fromMap(new Map()),
        interval: "50 millis",
        dispatchInterval: "50 millis"
      })
      expect(status.state).toBe("cancelled")
      expect(status.units.map((unit) => [unit.state, unit.total, unit.detail])).toEqual([
        ["cancelled", 0, Option.none()],
        ["cancelled", 0, Option.none()]
      ])
    }).pipe(Effect.provide(tempStore)))
})

describe("a side without its credentials", () => {
  it.scopedLive("fails its pairs naming the missing variable, never a redacted placeholder", () =>
    Effect.gen(function*() {
      const status = yield* Fleet.run(
        file({ id: "no-credentials", source: { provider: "meta", credentials: "SRC_" } }),
        { variables: ConfigProvider.fromMap(new Map()), interval: "50 millis", dispatchInterval: "50 millis" }
      )
      expect(status.state).toBe("failed")
      const detail = Option.getOrElse(status.units[0]?.detail ?? Option.none(), () => "")
      expect(detail).toContain("SRC_META_ACCESS_TOKEN is not set")
      expect(detail).not.toContain("<redacted>")
    }).pipe(Effect.provide(tempStore)))
})

describe("status lines", () => {
  it.effect("leave out pairs that are done, unless every pair is asked for", () =>
    Effect.gen(function*() {
      const { job } = yield* Fleet.submit(file({
        pairs: [{ source: "106540352242922", target: "190787529545503" }, { source: "1", target: "2" }]
      }))
      const state = State.make(yield* Store.Store)
      yield* state.recordUnits(job)
      yield* state.report(job.id, 0, { state: "done", total: 3, done: 3, failed: 0 })
      const status = yield* Fleet.status(job.id)
      expect(Fleet.lines(status).slice(1)).toEqual(["  1 -> 2: pending, 0/0 done, 0 left"])
      expect(Fleet.lines(status, { all: true }).slice(1)).toEqual([
        "  106540352242922 -> 190787529545503: done, 3/3 done, 0 left",
        "  1 -> 2: pending, 0/0 done, 0 left"
      ])
    }).pipe(Effect.provide(tempStore)))
})

describe("a pair's progress", () => {
  it.effect("never goes back: a workflow replayed on another runner re-reports its steps from the start", () =>
    Effect.gen(function*() {
      const { job } = yield* Fleet.submit(file({}))
      const state = State.make(yield* Store.Store)
      yield* state.recordUnits(job)
      yield* state.report(job.id, 0, { state: "running", total: 6, done: 4, failed: 1 })
      // the replay on the runner that took the workflow over
      yield* state.report(job.id, 0, { state: "running", total: 0, done: 0, failed: 0 })
      yield* state.report(job.id, 0, { state: "running", total: 6, done: 2, failed: 0 })
      const [unit] = (yield* Fleet.status(job.id)).units
      expect(unit).toMatchObject({ state: "running", total: 6, done: 4, failed: 1, left: 1 })
    }).pipe(Effect.provide(tempStore)))

  it.effect("a report answers whether the pair's job was cancelled meanwhile (a step goes on only when not)", () =>
    Effect.gen(function*() {
      const { job } = yield* Fleet.submit(file({}))
      const state = State.make(yield* Store.Store)
      yield* state.recordUnits(job)
      expect(yield* state.report(job.id, 0, { state: "running", total: 6, done: 1, failed: 0 })).toBe(false)
      yield* Fleet.cancel(job.id)
      expect(yield* state.report(job.id, 0, { state: "running", total: 6, done: 2, failed: 0 })).toBe(true)
    }).pipe(Effect.provide(tempStore)))
})

describe("profile syncs and audits", () => {
  const numbers = [
    { id: "710000000001", phoneNumber: "+14155550101", profile: { about: "Open 7am to 7pm", vertical: "RETAIL" } },
    { id: "710000000002", phoneNumber: "+14155550102", profile: { about: "Closed for now" } },
    { id: "710000000003", phoneNumber: "+14155550103" }
  ]
  const onMeta = { provider: "meta", credentials: "" }
  const meta = Effect.map(
    MetaEmulator.make({ businesses: [{ wabas: [{ id: "720000000001", numbers }] }] }),
    (emulator) => ({ emulator, variables: ConfigProvider.fromMap(new Map(Object.entries(emulator.environment))) })
  )
  /** Runs a job read from Meta (the emulator) to its end. */
  const runOnMeta = (fields: Record<string, unknown>) =>
    Effect.flatMap(meta, ({ variables }) =>
      Effect.map(
        Fleet.run(file({ source: onMeta, ...fields }), {
          variables,
          interval: "50 millis",
          dispatchInterval: "50 millis"
        }),
        (status) => ({ status, variables })
      ))

  it.scopedLive("a profile sync copies each source number's profile onto its target number", () =>
    Effect.gen(function*() {
      const { status, variables } = yield* runOnMeta({
        id: "profiles-1",
        kind: "profiles",
        target: onMeta,
        pairs: [{ source: "710000000001", target: "710000000002" }]
      })
      expect(status).toMatchObject({ state: "done", totals: { units: 1, unitsEnded: 1, failed: 0 } })
      const side = yield* Providers.make(
        { provider: "meta", credentials: "" },
        (yield* Store.Store).quotaStorage,
        variables
      )
      const copied = yield* side.profile.get({ number: "710000000002" })
      expect(copied.about).toBe("Open 7am to 7pm")
    }).pipe(Effect.provide(tempStore)))

  it.scopedLive("an audit reads each number's status and profile into the job's report", () =>
    Effect.gen(function*() {
      const { status } = yield* runOnMeta({
        id: "audit-1",
        kind: "audit",
        target: undefined,
        pairs: undefined,
        numbers: ["710000000001", "710000000003", "710000000999"]
      })
      expect(status.units.map((unit) => unit.state)).toEqual(["done", "done", "failed"])
      const [first, , missing] = status.units
      const report = JSON.parse(first?.detail.pipe(Option.getOrElse(() => "null")) ?? "null") as {
        readonly status: { readonly state: string }
        readonly profile: { readonly about?: string }
      }
      expect(report.profile.about).toBe("Open 7am to 7pm")
      expect(typeof report.status.state).toBe("string")
      expect(Option.getOrElse(missing?.detail ?? Option.none(), () => "")).toContain("710000000999")
    }).pipe(Effect.provide(tempStore)))
})
