import { KeyValueStore } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { QuotaStore, WoztellAdmin, WoztellClient, WoztellProvider } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Chunk, Effect, Exit, Fiber, Layer, Schedule, TestClock, TestServices } from "effect"
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { argv, lines, runWith, sharedMemory, vonageProvision } from "./harness.js"
import {
  bakery,
  creations,
  keysOf,
  migrateTemplates,
  seed,
  setProfile,
  temporaryDirectory,
  woztellEnvironment,
  woztellWithTwoWabas
} from "./MigrateEmulators.js"

const root = fileURLToPath(new URL("../../..", import.meta.url))

const json = (line: string | undefined): Record<string, unknown> => JSON.parse(line ?? "null")

/** The PATCH bodies the WOZTELL emulator received for the business profile. */
const profilePatches = (woztell: WoztellEmulator.Emulator) =>
  Effect.map(woztell.requests, (requests) =>
    requests
      .filter((request) => request.method === "PATCH" && request.path.endsWith("/whatsapp-business-profile"))
      .map((request) => (request.body as { readonly profile: Record<string, unknown> }).profile))

const mutationsOf = (effects: ReadonlyArray<{ readonly operation: string }>) =>
  effects.filter((effect) => effect.operation !== "createDeployment").length

/** A registry whose WOZTELL allows 2 template creations per hour instead of 100, kept for the whole test. */
const twoCreationsPerHour = Effect.map(
  QuotaStore.make({ limits: { creationsPerHour: 2 } }).pipe(Effect.provide(KeyValueStore.layerMemory)),
  (quota): Layer.Layer<Providers.Registry> =>
    Providers.layerOf([{
      ...WoztellProvider,
      layerConfig: WoztellAdmin.layerConfigWith(WoztellClient.config, Layer.succeed(QuotaStore.QuotaStore, quota))
    }])
)

/** The Vonage and WOZTELL emulators, a CLI configured for both, and a number provisioned on Vonage (its deployment). */
const vonageAndWoztell = (phoneNumber: string) =>
  Effect.gen(function*() {
    const vonage = yield* VonageEmulator.make({ stageDuration: "20 millis" })
    const woztell = yield* WoztellEmulator.make()
    const directory = yield* temporaryDirectory
    const cli = runWith(Providers.layer, {
      ...vonage.environment,
      ...woztellEnvironment(woztell, join(directory, "quota"))
    })
    const provisioned = yield* cli(
      "--provider",
      "vonage",
      "--json",
      ...vonageProvision(phoneNumber, { "waba-id": "123456789012" })
    )
    assert.strictEqual(provisioned.exitCode, 0, provisioned.stderr)
    return { vonage, woztell, cli, deployment: String(json(provisioned.stdout)["id"]) }
  })

describe("wa-admin migrate profile", () => {
  it.scopedLive("vonage → woztell: plans per field, maps the vertical, moves the photo; a second run plans nothing", () =>
    Effect.gen(function*() {
      const { cli, deployment, vonage, woztell } = yield* vonageAndWoztell("+447700900123")
      yield* setProfile(cli, {
        provider: "vonage",
        number: deployment,
        ...bakery,
        description: "A neighbourhood bakery since 1962",
        vertical: "Grocery",
        website: "https://bakery.example",
        "photo-url": "https://bakery.example/logo.png"
      })
      const vonageEffects = (yield* vonage.effects).length

      const dryRun = yield* cli("migrate", "profile", "--from", `vonage:${deployment}`, "--to", "woztell", "--dry-run")
      assert.strictEqual(dryRun.exitCode, 0, dryRun.stderr)
      assert.match(
        dryRun.stdout,
        /^Plan: profile vonage:\S+ → woztell:\d+: 6 to update, 1 to skip, 0 cannot be moved$/m
      )
      assert.match(dryRun.stdout, /^ {2}update {2}vertical +Grocery \(now: not set\)$/m)
      assert.match(dryRun.stdout, /^ {2}skip {4}address +not set at the source$/m)
      assert.include(dryRun.stdout, "Dry run: nothing was sent")
      assert.deepStrictEqual(yield* profilePatches(woztell), [], "a dry run sends nothing to the target")

      const applied = yield* cli("--json", "migrate", "profile", "--from", `vonage:${deployment}`, "--to", "woztell")
      assert.strictEqual(applied.exitCode, 0, applied.stderr)
      const [planLine, reportLine, ...rest] = lines(applied.stdout)
      assert.deepStrictEqual(rest, [])
      const plan = json(planLine)
      assert.strictEqual(plan["kind"], "profile.plan")
      assert.deepStrictEqual(plan["to"], { provider: "woztell", number: woztell.credentials.phoneNumberId })
      const report = json(reportLine)
      assert.strictEqual(report["kind"], "profile.report")
      assert.deepStrictEqual(
        [...(report["updated"] as Array<string>)].sort(),
        ["about", "description", "email", "photo", "vertical", "websites"]
      )
      assert.deepStrictEqual(report["cannot"], [])
      assert.deepInclude(report["profile"] as object, {
        about: "Fresh bread daily",
        vertical: "Grocery",
        photoUrl: "https://bakery.example/logo.png"
      })

      // What reached WOZTELL: Meta's vertical code, the fields, and the photo URL.
      const patches = yield* profilePatches(woztell)
      assert.deepInclude(patches[0] ?? {}, {
        ...bakery,
        description: "A neighbourhood bakery since 1962",
        vertical: "GROCERY",
        websites: ["https://bakery.example"]
      })
      assert.isTrue(patches.some((patch) => patch["profile_picture_url"] === "https://bakery.example/logo.png"))
      // Vonage spelled the same vertical its own way, and the migration changed nothing there.
      const vonagePatch = (yield* vonage.requests).find((request) => request.method === "PATCH")
      assert.strictEqual(
        (vonagePatch?.body as { readonly vertical?: string } | undefined)?.vertical,
        "Food and Grocery"
      )
      assert.strictEqual((yield* vonage.effects).length, vonageEffects, "the source is only read")

      const again = yield* cli("--json", "migrate", "profile", "--from", `vonage:${deployment}`, "--to", "woztell")
      assert.strictEqual(again.exitCode, 0, again.stderr)
      const second = json(lines(again.stdout)[0])
      assert.isTrue((second["items"] as Array<{ action: string }>).every((item) => item.action === "skip"))
      assert.strictEqual((yield* profilePatches(woztell)).length, patches.length, "a second run sends no change")
    }))

  it.scopedLive("woztell → vonage: what the target cannot hold is reported with the rule, the rest moves", () =>
    Effect.gen(function*() {
      const { cli, deployment, vonage } = yield* vonageAndWoztell("+447700900124")
      yield* setProfile(cli, {
        provider: "woztell",
        about: "Just me",
        vertical: "NotABusiness",
        description: "d".repeat(300)
      })

      const result = yield* cli("migrate", "profile", "--from", "woztell", "--to", `vonage:${deployment}`)
      assert.strictEqual(result.exitCode, 0, result.stderr)
      assert.match(
        result.stdout,
        /^ {2}cannot {2}vertical +NotABusiness — profile\.vertical: has no Vonage vertical name/m
      )
      assert.match(
        result.stdout,
        /^ {2}cannot {2}description +d+… — profile\.description: must be at most 256 characters \(Vonage\)$/m
      )
      assert.match(result.stdout, /^ {2}not moved: vertical — /m)
      assert.match(result.stdout, /^Applied to vonage:\S+: updated about$/m)
      const patches = (yield* vonage.requests).filter((request) => request.method === "PATCH")
      assert.deepStrictEqual(patches.map((request) => request.body), [{ about: "Just me" }])
      assert.strictEqual(mutationsOf(yield* vonage.effects), 1)
    }))

  it.effect("names the flag of an unknown provider (usage) or a side without a reference (invalid input)", () =>
    Effect.gen(function*() {
      const cli = runWith(Providers.layer)
      const unknown = yield* cli("migrate", "profile", "--from", "acme:1", "--to", "woztell:2")
      assert.strictEqual(unknown.exitCode, ExitCode.Usage)
      assert.include(unknown.stderr, `--from acme:1: unknown provider "acme"`)
      const missing = yield* cli("migrate", "templates", "--from", "vonage", "--to", "memory:2")
      assert.strictEqual(missing.exitCode, ExitCode.InvalidInput)
      assert.include(missing.stderr, "from: must name the WABA id: --from vonage:<WABA id>")
      const same = yield* cli("migrate", "templates", "--from", "memory:2", "--to", "memory:2")
      assert.strictEqual(same.exitCode, ExitCode.Usage)
      const help = yield* cli("migrate", "templates", "--help")
      assert.strictEqual(help.exitCode, 0)
      for (const flag of ["--from", "--to", "--dry-run", "--journal", "--on-quota", "pace", "stop", "--json"]) {
        assert.include(help.stdout, flag)
      }
      const group = yield* cli("migrate")
      assert.strictEqual(group.exitCode, ExitCode.Usage)
      assert.include(group.stderr, "migrate needs a command: profile, templates")
    }))
})

describe("wa-admin migrate profile: the plan's JSON and the providers it can use", () => {
  it.scoped("--json: each item says what the target's field goes from (its value now) and to (the source's)", () =>
    Effect.gen(function*() {
      const { cli, control } = yield* sharedMemory()
      yield* control.seedNumber("111", { about: "From the source", email: "hello@bakery.example" })
      yield* control.seedNumber("222", { about: "The target's own" })
      const result = yield* cli(
        "--json",
        ...argv("migrate profile", { from: "memory:111", to: "memory:222", "dry-run": true })
      )
      assert.strictEqual(result.exitCode, 0, result.stderr)
      const plan = json(lines(result.stdout)[0])
      assert.deepStrictEqual(plan["from"], { provider: "memory", number: "111" })
      assert.deepStrictEqual(plan["to"], { provider: "memory", number: "222" })
      const items = plan["items"] as ReadonlyArray<Record<string, unknown>>
      assert.deepStrictEqual(items.find((item) => item["field"] === "about"), {
        field: "about",
        action: "update",
        from: "The target's own",
        to: "From the source"
      })
      assert.deepStrictEqual(items.find((item) => item["field"] === "email"), {
        field: "email",
        action: "update",
        to: "hello@bakery.example"
      })
      const human = yield* cli("migrate", "profile", "--from", "memory:111", "--to", "memory:222", "--dry-run")
      assert.match(human.stdout, /^ {2}update {2}about +From the source \(now: The target's own\)$/m)
    }))

  it.effect("a side whose provider has no business profile is Unsupported (exit 10), before any reference is asked for", () =>
    Effect.gen(function*() {
      const cli = runWith(Providers.layer)
      for (const args of [["--from", "memory:1", "--to", "kaleyra"], ["--from", "kaleyra", "--to", "memory:2"]]) {
        const result = yield* cli("migrate", "profile", ...args)
        assert.strictEqual(result.exitCode, ExitCode.Unsupported, result.stderr)
        assert.match(result.stderr, /^wa-admin: kaleyra\.profile\.(get|update): not supported by kaleyra/)
        assert.notInclude(result.stderr, "must name")
      }
    }))
})

describe("wa-admin migrate templates", () => {
  it.scopedLive("woztell → woztell: a dry run sends nothing, apply creates, a re-run plans nothing and creates nothing", () =>
    Effect.gen(function*() {
      const { directory, environment, source, target, woztell } = yield* woztellWithTwoWabas([
        seed("order_update"),
        seed("order_update", "es", "Hola {{1}}"),
        seed("welcome"),
        { ...seed("flight_ticket"), category: "TICKET_UPDATE" }
      ])
      yield* Effect.orDie(woztell.seedTemplates(target, [seed("welcome")]))
      const cli = runWith(Providers.layer, environment)
      const journal = join(directory, "journal.jsonl")
      const args = migrateTemplates(source, target, "--journal", journal)

      const effectsBefore = (yield* woztell.effects).length
      const dryRun = yield* cli(...args, "--dry-run")
      assert.strictEqual(dryRun.exitCode, 0, dryRun.stderr)
      assert.match(dryRun.stdout, /2 to create, 0 to update, 1 identical already, 1 cannot be moved$/m)
      assert.match(dryRun.stdout, /^ {2}create +order_update +es$/m)
      assert.match(dryRun.stdout, /^ {2}skip +welcome +en_US +identical already$/m)
      assert.match(dryRun.stdout, /^ {2}cannot +flight_ticket +en_US +not valid for creation: category/m)
      assert.strictEqual((yield* woztell.effects).length, effectsBefore, "no mutation reached the emulator")
      assert.isFalse(
        (yield* woztell.requests).some((request) => request.method !== "GET"),
        "a dry run only reads"
      )

      const applied = yield* cli("--json", ...args)
      assert.strictEqual(applied.exitCode, 0, applied.stderr)
      assert.strictEqual(applied.stderr, "", "no progress bar or message on a non-terminal under --json")
      const [planLine, reportLine] = lines(applied.stdout)
      assert.deepInclude(json(planLine), {
        kind: "templates.plan",
        counts: { create: 2, update: 0, skip: 1, cannot: 1 }
      })
      const report = json(reportLine)
      assert.deepInclude(report, { kind: "templates.report", journal, counts: { created: 2, skipped: 1, cannot: 1 } })
      assert.deepStrictEqual(yield* keysOf(woztell, target), ["order_update:en_US", "order_update:es", "welcome:en_US"])
      const journaled = readFileSync(journal, "utf8").trim().split("\n").map((line) => JSON.parse(line).phase)
      assert.deepStrictEqual(journaled, ["started", "done", "started", "done"])

      const again = yield* cli(...args)
      assert.strictEqual(again.exitCode, 0, again.stderr)
      assert.match(again.stdout, /0 to create, 0 to update, 3 identical already, 1 cannot be moved$/m)
      assert.match(again.stdout, /^Applied: 3 skipped, 1 cannot$/m)
      const created = yield* creations(woztell, target)
      assert.deepStrictEqual([...created.values()], [1, 1], "each template created once")
    }))

  it.scopedLive("a run killed midway resumes from its journal file: the target ends with the source's templates, each created once", () =>
    Effect.gen(function*() {
      const names = Array.from({ length: 12 }, (_, index) => `bulk_${String(index).padStart(2, "0")}`)
      const { directory, environment, source, target, woztell } = yield* woztellWithTwoWabas(
        names.map((name) => seed(name))
      )
      const cli = runWith(Providers.layer, environment)
      const journal = join(directory, "journal.jsonl")
      const args = migrateTemplates(source, target, "--journal", journal)

      const run = yield* Effect.fork(cli(...args))
      yield* creations(woztell, target).pipe(
        Effect.repeat({ schedule: Schedule.spaced("1 millis"), until: (created) => created.size >= 3 })
      )
      const killed = yield* Fiber.interrupt(run)
      assert.isTrue(Exit.isInterrupted(killed))
      // Let a request the kill cut off in flight land (or not) before looking.
      yield* Effect.sleep("100 millis")
      const afterKill = yield* creations(woztell, target)
      assert.isBelow(afterKill.size, names.length, "the run was killed before it finished")
      const phases = readFileSync(journal, "utf8").trim().split("\n").map((line) => JSON.parse(line).phase)
      assert.isAtLeast(phases.filter((phase) => phase === "done").length, 2)

      const resumed = yield* cli("--json", ...args)
      assert.strictEqual(resumed.exitCode, 0, resumed.stderr)
      const report = json(lines(resumed.stdout)[1])
      const outcomes = report["outcomes"] as Array<{ outcome: string }>
      assert.isFalse(outcomes.some((outcome) => outcome.outcome === "failed"))

      assert.deepStrictEqual(yield* keysOf(woztell, target), names.map((name) => `${name}:en_US`))
      const created = yield* creations(woztell, target)
      assert.strictEqual(created.size, names.length)
      assert.isTrue([...created.values()].every((count) => count === 1), "no template was created twice")
      const last = yield* cli(...args)
      assert.match(last.stdout, /0 to create, 0 to update, 12 identical already/)
    }))

  it.scopedLive(
    "the real executable killed with SIGKILL midway: the same command finishes from the journal, nothing created twice",
    () =>
      Effect.gen(function*() {
        const names = Array.from({ length: 40 }, (_, index) => `kill_${String(index).padStart(2, "0")}`)
        const { directory, environment, source, target, woztell } = yield* woztellWithTwoWabas(
          names.map((name) => seed(name))
        )
        const journal = join(directory, "journal.jsonl")
        const args = migrateTemplates(source, target, "--journal", journal)
        const child = yield* Effect.acquireRelease(
          Effect.sync(() =>
            // One process (`tsx` itself would fork one), so the kill leaves no orphan running on.
            spawn(process.execPath, ["--import", "tsx", "packages/cli/src/bin.ts", ...args], {
              cwd: root,
              env: { ...process.env, ...environment, NO_COLOR: "1" },
              stdio: "ignore"
            })
          ),
          (child) => Effect.sync(() => child.kill("SIGKILL"))
        )
        const exited = Effect.async<number | null>((resume) => {
          if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.succeed(child.exitCode))
          child.once("exit", (code) => resume(Effect.succeed(code)))
        })
        yield* creations(woztell, target).pipe(
          Effect.repeat({ schedule: Schedule.spaced("1 millis"), until: (created) => created.size >= 3 }),
          Effect.timeoutFail({ duration: "50 seconds", onTimeout: () => new Error("the migration never started") })
        )
        child.kill("SIGKILL")
        yield* exited
        yield* Effect.sleep("100 millis")
        assert.strictEqual(child.signalCode, "SIGKILL")
        assert.isBelow((yield* creations(woztell, target)).size, names.length, "killed before it finished")

        const resumed = yield* runWith(Providers.layer, environment)(...args)
        assert.strictEqual(resumed.exitCode, 0, resumed.stderr)
        assert.deepStrictEqual(yield* keysOf(woztell, target), names.map((name) => `${name}:en_US`))
        const created = yield* creations(woztell, target)
        assert.strictEqual(created.size, names.length)
        assert.isTrue([...created.values()].every((count) => count === 1), "no template was created twice")
      }),
    60_000
  )

  it.scoped("--on-quota stop: stops at the client-side quota with the time to resume (exit 9); the same command then finishes", () =>
    Effect.gen(function*() {
      const names = ["a_one", "a_two", "a_three", "a_four", "a_five"]
      const { directory, environment, source, target, woztell } = yield* woztellWithTwoWabas(
        names.map((name) => seed(name))
      )
      const cli = runWith(yield* twoCreationsPerHour, environment)
      const journal = join(directory, "journal.jsonl")
      const args = migrateTemplates(source, target, "--journal", journal, "--on-quota", "stop")

      const stopped = yield* cli("--json", ...args)
      assert.strictEqual(stopped.exitCode, ExitCode.RateLimited, stopped.stderr)
      const report = json(lines(stopped.stdout)[1])
      assert.deepStrictEqual(report["stopped"], {
        reason: (report["stopped"] as { reason: string }).reason,
        resumeAt: "1970-01-01T01:00:00.000Z",
        resumeAfterSeconds: 3600,
        remaining: 3
      })
      assert.include(
        stopped.stderr,
        `wa-admin: stopped at the woztell quota "template creations per WABA per hour" (2) with 3 templates left; ` +
          `run the same command again after 1970-01-01T01:00:00.000Z (in 1h 00m) to finish`
      )
      assert.strictEqual((yield* creations(woztell, target)).size, 2)

      const tooEarly = yield* cli(...args)
      assert.strictEqual(tooEarly.exitCode, ExitCode.RateLimited)
      assert.strictEqual((yield* creations(woztell, target)).size, 2, "nothing is sent before the quota frees up")

      yield* TestClock.adjust("1 hour")
      const second = yield* cli(...args)
      assert.strictEqual(second.exitCode, ExitCode.RateLimited, "two more, then the quota again")
      yield* TestClock.adjust("1 hour")
      const finished = yield* cli(...args)
      assert.strictEqual(finished.exitCode, 0, finished.stderr)
      assert.match(finished.stdout, /^Applied: 1 created, 4 skipped$/m)
      const created = yield* creations(woztell, target)
      assert.strictEqual(created.size, names.length)
      assert.isTrue([...created.values()].every((count) => count === 1))
    }))

  it.scoped("--on-quota pace (the default): waits for the quota, says until when, and finishes", () =>
    Effect.gen(function*() {
      const { directory, environment, source, target, woztell } = yield* woztellWithTwoWabas(
        ["p_one", "p_two", "p_three"].map((name) => seed(name))
      )
      const cli = runWith(yield* twoCreationsPerHour, environment)
      const run = yield* Effect.fork(
        cli(...migrateTemplates(source, target, "--journal", join(directory, "j.jsonl")))
      )
      // Until the run sleeps on the clock for the next creation slot (requests in flight sleep for seconds, not an hour).
      const waitingForSlot = Effect.map(
        TestClock.sleeps(),
        (sleeps) => Chunk.toReadonlyArray(sleeps).some((at) => at >= 30 * 60_000)
      )
      while (!(yield* waitingForSlot)) yield* TestServices.provideLive(Effect.sleep("5 millis"))
      assert.strictEqual((yield* creations(woztell, target)).size, 2)
      yield* TestClock.adjust("1 hour")
      const result = yield* Fiber.join(run)
      assert.strictEqual(result.exitCode, 0, result.stderr)
      assert.include(
        result.stderr,
        `wa-admin: waiting for the woztell quota "template creations per WABA per hour" (2) until 1970-01-01T01:00:00.000Z (1h 00m)`
      )
      assert.match(result.stdout, /^Applied: 3 created$/m)
      assert.strictEqual((yield* creations(woztell, target)).size, 3)
    }))
})
