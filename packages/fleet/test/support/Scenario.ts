/**
 * A fleet template migration against the emulators, as the fleet tests and the bench run it:
 * `pairs` source WABAs on the Meta emulator, each holding `templates` approved templates, moved
 * onto as many WABAs of the WOZTELL emulator, whose creation quota is `creationsPerHour` per WABA.
 *
 * Provider time is accelerated (`Providers.accelerated`): an hour of the emulators' and runners'
 * provider time passes in `hourMillis` of real time, so a job bounded by hours of quota runs in
 * seconds. The emulators read that clock; runners in other processes are given the same epoch and
 * factor (`environment`).
 *
 * The witness is the WOZTELL emulator's record of what took effect: every template created
 * exactly once, and every creation request it refused (a throttled answer, a duplicate) counted.
 */
import { Providers } from "@wa-admin/fleet"
import { MetaEmulator } from "@wa-admin/meta/emulator"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Duration, Effect } from "effect"
import type { Scope } from "effect"

/** The shape of the job. */
export interface Options {
  readonly pairs: number
  readonly templates: number
  readonly creationsPerHour: number
  /** Real milliseconds an hour of provider time takes. */
  readonly hourMillis: number
  /** The job's id (default `fleet-test`). */
  readonly id?: string
}

/** What the witness found. */
export interface Witness {
  /** Templates expected on the targets. */
  readonly expected: number
  /** Distinct templates created. */
  readonly created: number
  /** Templates created more than once. */
  readonly duplicates: number
  /** Expected templates not created. */
  readonly missing: number
  /** Creation requests that did not create (throttled, or refused as existing). */
  readonly refused: number
  /** Each target WABA's templates, as `name/language` sorted (the end state). */
  readonly endState: Readonly<Record<string, ReadonlyArray<string>>>
}

/** A running scenario. */
export interface Scenario {
  readonly options: Options
  readonly time: Providers.ProviderTime
  /** The provider-time epoch and factor, for runners in other processes. */
  readonly epoch: number
  readonly factor: number
  /** The sides' variables: `SOURCE_META_*`, `TARGET_WOZTELL_*`. */
  readonly environment: Readonly<Record<string, string>>
  /** The job file. */
  readonly jobText: string
  /** The least time the job can take: (ceil(templates / creationsPerHour) - 1) hours of provider time, in real time. */
  readonly quotaBound: Duration.Duration
  /** The creations that took effect so far. */
  readonly createdSoFar: Effect.Effect<number>
  readonly witness: Effect.Effect<Witness>
}

const digits = (prefix: string, index: number) => `${prefix}${String(index).padStart(10, "0")}`
const sourceWaba = (index: number) => digits("31", index)
const targetWaba = (index: number) => digits("41", index)
const templateName = (index: number) => `fleet_notice_${index}`

/** Starts the emulators for the job (stopped with the scope). */
export const start = (options: Options): Effect.Effect<Scenario, Error, Scope.Scope> =>
  Effect.gen(function*() {
    const factor = Duration.toMillis(Duration.hours(1)) / options.hourMillis
    const epoch = Date.now()
    const time = Providers.accelerated({ factor, epoch })
    const indices = Array.from({ length: options.pairs }, (_, index) => index)
    const meta = yield* MetaEmulator.make({
      businesses: [{
        wabas: indices.map((index) => ({
          id: sourceWaba(index),
          numbers: [],
          templates: Array.from({ length: options.templates }, (_, template) => ({
            name: templateName(template),
            language: "en_US",
            category: "UTILITY",
            components: [{ type: "BODY", text: `Notice ${template} from business ${index}: your order has shipped.` }]
          }))
        }))
      }],
      rateLimits: {
        app: { limit: 10_000_000, window: "1 hour" },
        businessUseCase: { limit: 10_000_000, window: "1 hour" }
      }
    }).pipe(Effect.withClock(time.clock))
    const woztell = yield* WoztellEmulator.make({
      wabas: indices.map((index) => ({ wabaId: targetWaba(index), phoneNumberId: digits("51", index) })),
      templateCreationsPerHour: options.creationsPerHour
    }).pipe(Effect.withClock(time.clock))
    const environment: Record<string, string> = {
      TARGET_WOZTELL_CREATIONS_PER_HOUR: String(options.creationsPerHour)
    }
    for (const [name, value] of Object.entries(meta.environment)) environment[`SOURCE_${name}`] = value
    for (const [name, value] of Object.entries(woztell.environment)) environment[`TARGET_${name}`] = value
    const jobText = JSON.stringify({
      format: "wa-admin/fleet-job",
      version: 1,
      id: options.id ?? "fleet-test",
      kind: "templates",
      source: { provider: "meta", credentials: "SOURCE_" },
      target: { provider: "woztell", credentials: "TARGET_" },
      pairs: indices.map((index) => ({ source: sourceWaba(index), target: targetWaba(index) }))
    })
    const creations = Effect.map(
      woztell.effects,
      (effects) => effects.filter((effect) => effect.operation === "createTemplate").map((effect) => effect.key)
    )
    const witness = Effect.gen(function*() {
      const created = yield* creations
      const sent = (yield* woztell.requests).filter((request) =>
        request.method === "PUT" && request.path.endsWith("/whatsapp-message-template")
      )
      const requests = sent.length
      const counts = new Map<string, number>()
      for (const key of created) counts.set(key, (counts.get(key) ?? 0) + 1)
      let missing = 0
      const endState: Record<string, ReadonlyArray<string>> = {}
      for (const index of indices) {
        for (let template = 0; template < options.templates; template++) {
          if (!counts.has(`${targetWaba(index)}/${templateName(template)}/en_US`)) missing++
        }
        const stored = yield* Effect.orDie(woztell.templates(targetWaba(index)))
        endState[targetWaba(index)] = stored.map((template) => `${template.name}/${template.language}`).sort()
      }
      return {
        expected: options.pairs * options.templates,
        created: counts.size,
        duplicates: [...counts.values()].filter((count) => count > 1).length,
        missing,
        refused: requests - created.length,
        endState
      }
    })
    return {
      options,
      time,
      epoch,
      factor,
      environment,
      jobText,
      quotaBound: Duration.millis((Math.ceil(options.templates / options.creationsPerHour) - 1) * options.hourMillis),
      createdSoFar: Effect.map(creations, (created) => created.length),
      witness
    }
  })
