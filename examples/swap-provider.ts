/**
 * One program, any provider: an account overview written against the port only, run unchanged
 * against Vonage, WOZTELL or Kaleyra by changing `WA_ADMIN_PROVIDER`. It asks `Capabilities`
 * first, runs what the provider supports, and reports the rest as `Unsupported` without
 * sending anything.
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/swap-provider.ts                          # each provider's emulator in turn
 *   WA_ADMIN_PROVIDER=woztell node_modules/.bin/tsx examples/swap-provider.ts # one provider's emulator
 *
 * Against a real provider, set its variables too (they are what `WhatsAppAdmin.layerConfig`
 * reads), with the number (Vonage: a deployment id; WOZTELL: a phone number id) and WABA to show:
 *
 *   WA_ADMIN_PROVIDER=vonage VONAGE_APPLICATION_ID=… VONAGE_PRIVATE_KEY_PATH=./private.key \
 *   WA_ADMIN_NUMBER=aaaaaaaa-bbbb-cccc-dddd-0123456789ab WA_ADMIN_WABA_ID=190787529545503 \
 *   node_modules/.bin/tsx examples/swap-provider.ts
 *
 *   WA_ADMIN_PROVIDER=woztell WOZTELL_ACCESS_TOKEN=… WOZTELL_CHANNEL_ID=… WOZTELL_APP_ID=… \
 *   WOZTELL_APP_INTEGRATION_ID=… WOZTELL_APP_INTEGRATION_SIGNATURE=… \
 *   WA_ADMIN_NUMBER=123164329653069 WA_ADMIN_WABA_ID=190787529545503 node_modules/.bin/tsx examples/swap-provider.ts
 *
 *   WA_ADMIN_PROVIDER=kaleyra KALEYRA_SID=… KALEYRA_API_KEY=… node_modules/.bin/tsx examples/swap-provider.ts
 */
import type { HttpClient } from "@effect/platform"
import { BusinessProfile, Capabilities, NumberLifecycle, Templates, WhatsAppAdmin } from "@wa-admin/core"
import type { AdminError, Port, Profile } from "@wa-admin/core"
import { KaleyraProvider } from "@wa-admin/kaleyra"
import type { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { VonageProvider } from "@wa-admin/vonage"
import type { VonageEmulator } from "@wa-admin/vonage/emulator"
import { WoztellProvider } from "@wa-admin/woztell"
import type { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Chunk, Config, Console, Effect, Option, Stream } from "effect"
import type { ConfigError, Layer, Scope } from "effect"
import * as Example from "./support/Example.js"

/** The providers the program can run against. */
export const providers = [VonageProvider, WoztellProvider, KaleyraProvider] as const

/** A provider's name. */
export type Name = (typeof providers)[number]["name"]

/** Every provider the program can run against, chosen by `WA_ADMIN_PROVIDER`. */
export const AdminLive: Layer.Layer<Port.Services, ConfigError.ConfigError, HttpClient.HttpClient> =
  WhatsAppAdmin.layerConfig(providers)

/** What became of one step of the overview. */
export interface Outcome {
  readonly operation: Capabilities.Operation
  readonly outcome: "done" | "Unsupported"
  readonly summary: string
}

const number = Config.string("WA_ADMIN_NUMBER")
const wabaId = Config.string("WA_ADMIN_WABA_ID")

const describeProfile = (profile: Profile.Profile): string => {
  const fields = [
    profile.about === undefined ? [] : [`about "${profile.about}"`],
    profile.vertical === undefined ? [] : [`vertical ${profile.vertical}`],
    profile.email === undefined ? [] : [`email ${profile.email}`],
    profile.websites === undefined || profile.websites.length === 0 ? [] : [`websites ${profile.websites.join(" ")}`]
  ].flat()
  return fields.length === 0 ? "(empty)" : fields.join(", ")
}

/** A step of the overview: the one operation it needs, and what it shows. */
interface Step {
  readonly operation: Capabilities.Operation
  readonly run: Effect.Effect<string, AdminError.AdminError | ConfigError.ConfigError, Port.Services>
}

const steps: ReadonlyArray<Step> = [
  {
    operation: "numbers.status",
    run: Effect.flatMap(number, (id) => NumberLifecycle.status({ id })).pipe(
      Effect.map((registration) => `${registration.state} (${registration.providerState})`)
    )
  },
  {
    operation: "profile.get",
    run: Effect.flatMap(number, (number) => BusinessProfile.get({ number })).pipe(Effect.map(describeProfile))
  },
  {
    operation: "profile.photo.get",
    run: Effect.flatMap(number, (number) => BusinessProfile.getPhoto({ number })).pipe(
      Effect.map((photo) => photo.url ?? "(no photo)")
    )
  },
  {
    operation: "templates.list",
    run: Effect.flatMap(wabaId, (wabaId) => Templates.list({ wabaId }).pipe(Stream.take(5), Stream.runCollect)).pipe(
      Effect.map((templates) =>
        Chunk.isEmpty(templates)
          ? "(no templates)"
          : Chunk.toReadonlyArray(templates)
              .map((template) => `${template.name}:${template.language} ${template.status}`)
              .join(", ")
      )
    )
  }
]

/** What the overview found. */
export interface Overview {
  readonly provider: string
  readonly supportStatus: Capabilities.SupportStatus
  /** The port operations the provider lacks, as `Capabilities` says. */
  readonly unsupported: ReadonlyArray<Capabilities.Operation>
  readonly outcomes: ReadonlyArray<Outcome>
}

/** The account overview, against whichever provider `WA_ADMIN_PROVIDER` names. */
export const program: Effect.Effect<
  Overview,
  AdminError.AdminError | ConfigError.ConfigError,
  HttpClient.HttpClient
> = Effect.gen(function* () {
  const capabilities = yield* Capabilities.Capabilities
  const unsupported = Capabilities.operations.filter((operation) => !capabilities.supports(operation))
  yield* Console.log(`${capabilities.provider} (${capabilities.supportStatus})`)
  if (capabilities.deprecation !== undefined) yield* Console.log(`  deprecated: ${capabilities.deprecation}`)
  yield* Console.log(`  supports:    ${[...capabilities.operations].join(", ") || "(nothing)"}`)
  yield* Console.log(`  unsupported: ${unsupported.join(", ") || "(nothing)"}`)
  if (capabilities.extensions.length > 0) yield* Console.log(`  extensions:  ${capabilities.extensions.join(", ")}`)

  const outcomes: Array<Outcome> = []
  for (const { operation, run } of steps) {
    const outcome: Outcome = capabilities.supports(operation)
      ? { operation, outcome: "done", summary: yield* run }
      : {
        operation,
        outcome: "Unsupported",
        summary: `${capabilities.provider} does not offer ${operation} (${
          capabilities.reason(operation) ?? "no reason given"
        }); nothing was sent`
      }
    yield* Console.log(`  ${operation.padEnd(18)} ${outcome.outcome === "done" ? "" : "Unsupported: "}${outcome.summary}`)
    outcomes.push(outcome)
  }
  return { provider: capabilities.provider, supportStatus: capabilities.supportStatus, unsupported, outcomes }
}).pipe(Effect.provide(AdminLive))

/** Gives a number a business profile, through the port, so that the overview has something to show. */
const withProfile = (environment: Example.Environment, number: string) =>
  BusinessProfile.update({
    number,
    profile: { about: "Fresh bread daily", vertical: "Grocery", websites: ["https://acme-bakery.example"] }
  }).pipe(Effect.provide(AdminLive), Example.withEnvironment(environment))

const body = (text: string) => ({ type: "BODY", text })

/** A provider's emulator with a number on it (and a profile and templates where the provider has them). */
const emulated = (provider: Name) => {
  switch (provider) {
    case "vonage":
      return Effect.gen(function* () {
        const wabaId = "190787529545503"
        const { emulator, environment } = yield* Example.vonage({
          templates: [
            { wabaId, name: "order_update", language: "en_US", category: "UTILITY", components: [body("Your order is on its way.")] },
            { wabaId, name: "welcome", language: "en_US", category: "MARKETING", components: [body("Welcome to Acme Bakery!")] }
          ]
        })
        const [deploymentId = ""] = yield* Example.readyDeployments(emulator, ["+447700900789"])
        const configured = {
          ...environment,
          WA_ADMIN_PROVIDER: provider,
          WA_ADMIN_NUMBER: deploymentId,
          WA_ADMIN_WABA_ID: wabaId
        }
        yield* withProfile(configured, deploymentId)
        return { emulator, environment: configured }
      })
    case "woztell":
      return Effect.gen(function* () {
        const { emulator, environment } = yield* Example.woztell()
        const { wabaId, phoneNumberId } = emulator.credentials
        yield* Effect.orDie(
          emulator.seedTemplates(wabaId, [
            { name: "order_update", language: "en_US", category: "UTILITY", components: [body("Your order is on its way.")] },
            { name: "welcome", language: "en_US", category: "MARKETING", components: [body("Welcome to Acme Bakery!")] }
          ])
        )
        const configured = {
          ...environment,
          WA_ADMIN_PROVIDER: provider,
          WA_ADMIN_NUMBER: phoneNumberId,
          WA_ADMIN_WABA_ID: wabaId
        }
        yield* withProfile(configured, phoneNumberId)
        return { emulator, environment: configured }
      })
    case "kaleyra":
      return Effect.map(Example.kaleyra(), ({ emulator, environment }) => ({
        emulator,
        environment: { ...environment, WA_ADMIN_PROVIDER: provider }
      }))
  }
}

/** The program against one provider's emulator (`WA_ADMIN_PROVIDER` set to it). */
export const demo = (
  provider: Name
): Effect.Effect<
  {
    readonly emulator: VonageEmulator.Emulator | WoztellEmulator.Emulator | KaleyraEmulator.Emulator
    readonly result: Overview
  },
  AdminError.AdminError | ConfigError.ConfigError,
  HttpClient.HttpClient | Scope.Scope
> =>
  Effect.gen(function* () {
    const { emulator, environment } = yield* emulated(provider)
    yield* emulator.clearRequests
    const result = yield* program.pipe(Example.withEnvironment(environment))
    return { emulator, result }
  })

if (Example.isMain(import.meta.url)) {
  Example.runMain(
    Effect.gen(function* () {
      const name = Option.getOrUndefined(yield* Config.option(WhatsAppAdmin.providerConfig))
      const chosen = providers.find((provider) => provider.name === name)
      // A provider with an account configured (or one this example does not know): the program as is.
      if (name !== undefined && (chosen === undefined || (yield* Example.anySet(Example.accountVariables(chosen))))) {
        return yield* program
      }
      for (const provider of chosen === undefined ? providers : [chosen]) {
        yield* Console.log(`\nWA_ADMIN_PROVIDER=${provider.name}, against its in-process emulator:`)
        yield* demo(provider.name)
      }
    })
  )
}
