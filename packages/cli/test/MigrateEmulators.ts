/**
 * The provider emulators for the migration tests: started in the test's scope, with the
 * environment that points the built-in providers at them (and a temporary WOZTELL quota
 * directory, so no test touches `~/.wa-admin`).
 */
import { assert } from "@effect/vitest"
import type { VonageEmulator } from "@wa-admin/vonage/emulator"
import { QuotaStore } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect } from "effect"
import { join } from "node:path"
import { temporaryDirectory } from "./extensionSupport.js"
import { argv, type FlagValue, type Result } from "./harness.js"

/** A temporary directory, removed with the scope (the migrations' journals and quota directories go there). */
export { temporaryDirectory }

/** The profile fields the migration tests set on the source and expect on the target (plus their own). */
export const bakery = { about: "Fresh bread daily", email: "hello@bakery.example" } as const

/**
 * Sets the profile a migration starts from: `wa-admin profile set` with `flags` through `cli`,
 * which must succeed (its stderr is the message when it does not).
 */
export const setProfile = (
  cli: (...args: ReadonlyArray<string>) => Effect.Effect<Result>,
  flags: Readonly<Record<string, FlagValue>>
) =>
  Effect.flatMap(
    cli(...argv("profile set", flags)),
    (set) => Effect.sync(() => assert.strictEqual(set.exitCode, 0, set.stderr))
  )

/** The environment that points WOZTELL at its emulator, its template quotas kept in `quotaDirectory`. */
export const woztellEnvironment = (woztell: WoztellEmulator.Emulator, quotaDirectory: string) => ({
  ...woztell.environment,
  [QuotaStore.directoryVariable]: quotaDirectory
})

/** The environment that points Vonage at its emulator. */
export const vonageEnvironment = (vonage: VonageEmulator.Emulator) => vonage.environment

/** The arguments of `migrate templates` from one WOZTELL WABA to another, then `flags`. */
export const migrateTemplates = (source: string, target: string, ...flags: ReadonlyArray<string>) => [
  "migrate",
  "templates",
  "--from",
  `woztell:${source}`,
  "--to",
  `woztell:${target}`,
  ...flags
]

/** Templates as the emulator's `seedTemplates` takes them. */
export type SeedTemplates = Parameters<WoztellEmulator.Emulator["seedTemplates"]>[1]

/**
 * A WOZTELL emulator whose WABA (the source of template migrations) holds `sourceTemplates`, with
 * a second WABA (the target), and a work directory.
 */
export const woztellWithTwoWabas = (sourceTemplates: SeedTemplates = [], options: WoztellEmulator.Options = {}) =>
  Effect.gen(function*() {
    const woztell = yield* Effect.orDie(WoztellEmulator.make(options))
    const target = { wabaId: "222000000000001", phoneNumberId: "222000000000002" }
    yield* Effect.orDie(woztell.addWaba({ ...target, name: "Target Business" }))
    const directory = yield* temporaryDirectory
    const source = woztell.credentials.wabaId
    yield* Effect.orDie(woztell.seedTemplates(source, sourceTemplates))
    return {
      woztell,
      source,
      target: target.wabaId,
      directory,
      environment: woztellEnvironment(woztell, join(directory, "quota"))
    }
  })

/** A template as the emulator's `seedTemplates` takes it (wire components). */
export const seed = (name: string, language = "en_US", body = `Hello {{1}}, this is ${name}`) => ({
  name,
  language,
  category: "MARKETING",
  components: [{ type: "BODY", text: body, example: { body_text: [["Ada"]] } }]
})

/** How many times each template (`wabaId/name/language`) was created, by the emulator's effects. */
export const creations = (woztell: WoztellEmulator.Emulator, wabaId: string) =>
  Effect.map(woztell.effects, (effects) => {
    const counts = new Map<string, number>()
    for (const effect of effects) {
      if (effect.operation === "createTemplate" && effect.key.startsWith(`${wabaId}/`)) {
        counts.set(effect.key, (counts.get(effect.key) ?? 0) + 1)
      }
    }
    return counts
  })

/** The `name:language` keys a WABA holds, sorted. */
export const keysOf = (woztell: WoztellEmulator.Emulator, wabaId: string) =>
  Effect.map(
    Effect.orDie(woztell.templates(wabaId)),
    (templates) => templates.map((template) => `${template.name}:${template.language}`).sort()
  )
