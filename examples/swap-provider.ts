/**
 * One program, any provider: an account overview written against the port only, run unchanged
 * against Vonage, WOZTELL, Kaleyra or Meta by changing `WA_ADMIN_PROVIDER`. It asks
 * `Capabilities` first, runs what the provider supports — the number's state, its business
 * profile and photo, a picture uploaded as media (when `WA_ADMIN_MEDIA_URL` names one), the
 * WABA's templates — and reports the rest as `Unsupported` without sending anything.
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/swap-provider.ts                          # each provider's emulator in turn
 *   WA_ADMIN_PROVIDER=woztell node_modules/.bin/tsx examples/swap-provider.ts # one provider's emulator
 *
 * Against a real provider, set its variables too (they are what `WhatsAppAdmin.layerConfig`
 * reads), with the number (Vonage: a deployment id; WOZTELL and Meta: a phone number id) and WABA
 * to show, and optionally `WA_ADMIN_MEDIA_URL`, a picture's public URL to upload as media:
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
 *
 *   WA_ADMIN_PROVIDER=meta META_ACCESS_TOKEN=… META_APP_ID=… \
 *   WA_ADMIN_NUMBER=106540352242922 WA_ADMIN_WABA_ID=102290129340398 \
 *   WA_ADMIN_MEDIA_URL=https://acme-bakery.example/croissant.png node_modules/.bin/tsx examples/swap-provider.ts
 */
import type { HttpClient } from "@effect/platform"
import { BusinessProfile, Capabilities, Media, NumberLifecycle, Templates, WhatsAppAdmin } from "@wa-admin/core"
import type { AdminError, Port, Profile } from "@wa-admin/core"
import { KaleyraProvider } from "@wa-admin/kaleyra"
import type { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { MetaProvider } from "@wa-admin/meta"
import type { MetaEmulator } from "@wa-admin/meta/emulator"
import { VonageProvider } from "@wa-admin/vonage"
import type { VonageEmulator } from "@wa-admin/vonage/emulator"
import { WoztellProvider } from "@wa-admin/woztell"
import type { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Chunk, Config, Console, DateTime, Effect, Option, Stream } from "effect"
import type { ConfigError, Layer, Scope } from "effect"
import * as Example from "./support/Example.js"

/** The providers the program can run against. */
export const providers = [VonageProvider, WoztellProvider, KaleyraProvider, MetaProvider] as const

/** A provider's name. */
export type Name = (typeof providers)[number]["name"]

/** Every provider the program can run against, chosen by `WA_ADMIN_PROVIDER`. */
export const AdminLive: Layer.Layer<Port.Services, ConfigError.ConfigError, HttpClient.HttpClient> = WhatsAppAdmin
  .layerConfig(providers)

/**
 * What became of one step of the overview: done, not offered by the provider, or left out because
 * the variable it needs is not set.
 */
export interface Outcome {
  readonly operation: Capabilities.Operation
  readonly outcome: "done" | "Unsupported" | "skipped"
  readonly summary: string
}

const number = Config.string("WA_ADMIN_NUMBER")
const wabaId = Config.string("WA_ADMIN_WABA_ID")
const mediaUrlVariable = "WA_ADMIN_MEDIA_URL"
const mediaUrl = Config.string(mediaUrlVariable)

const describeProfile = (profile: Profile.Profile): string => {
  const fields = [
    profile.about === undefined ? [] : [`about "${profile.about}"`],
    profile.vertical === undefined ? [] : [`vertical ${profile.vertical}`],
    profile.email === undefined ? [] : [`email ${profile.email}`],
    profile.websites === undefined || profile.websites.length === 0 ? [] : [`websites ${profile.websites.join(" ")}`]
  ].flat()
  return fields.length === 0 ? "(empty)" : fields.join(", ")
}

/** A step of the overview: the one operation it needs, what it shows, and the variable without which it is skipped. */
interface Step {
  readonly operation: Capabilities.Operation
  readonly run: Effect.Effect<string, AdminError.AdminError | ConfigError.ConfigError, Port.Services>
  readonly needs?: string
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
    operation: "media.upload",
    needs: mediaUrlVariable,
    run: Effect.all([number, mediaUrl]).pipe(
      Effect.flatMap(([number, url]) => Media.upload({ number, kind: "image", url })),
      Effect.map((media) =>
        `media id ${media.id}${
          media.expiresAt === undefined ? "" : `, kept until ${DateTime.formatIso(media.expiresAt)}`
        }`
      )
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
export const program: Example.Program<Overview> = Effect.gen(function*() {
  const capabilities = yield* Capabilities.Capabilities
  const unsupported = Capabilities.operations.filter((operation) => !capabilities.supports(operation))
  yield* Console.log(`${capabilities.provider} (${capabilities.supportStatus})`)
  if (capabilities.deprecation !== undefined) yield* Console.log(`  deprecated: ${capabilities.deprecation}`)
  yield* Console.log(`  supports:    ${[...capabilities.operations].join(", ") || "(nothing)"}`)
  yield* Console.log(`  unsupported: ${unsupported.join(", ") || "(nothing)"}`)
  if (capabilities.extensions.length > 0) yield* Console.log(`  extensions:  ${capabilities.extensions.join(", ")}`)

  const outcomes: Array<Outcome> = []
  for (const { operation, run, needs } of steps) {
    const outcome: Outcome = !capabilities.supports(operation)
      ? {
        operation,
        outcome: "Unsupported",
        summary: `${capabilities.provider} does not offer ${operation} (${
          capabilities.reason(operation) ?? "no reason given"
        }); nothing was sent`
      }
      : needs !== undefined && !(yield* Example.anySet([needs]))
      ? { operation, outcome: "skipped", summary: `${needs} not set; nothing was sent` }
      : { operation, outcome: "done", summary: yield* run }
    const label = outcome.outcome === "Unsupported" ? "Unsupported: " : outcome.outcome === "skipped" ? "skipped: " : ""
    yield* Console.log(`  ${operation.padEnd(18)} ${label}${outcome.summary}`)
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

/** The templates each emulator starts with, in the Graph wire format. */
const templates = [
  { name: "order_update", language: "en_US", category: "UTILITY", components: [body("Your order is on its way.")] },
  { name: "welcome", language: "en_US", category: "MARKETING", components: [body("Welcome to Acme Bakery!")] }
]

/** The environment that runs the overview on `number` and `wabaId`, with a profile given to the number. */
const withAccount = (provider: Name, environment: Example.Environment, number: string, wabaId: string) => {
  const configured = { ...environment, WA_ADMIN_PROVIDER: provider, WA_ADMIN_NUMBER: number, WA_ADMIN_WABA_ID: wabaId }
  return Effect.as(withProfile(configured, number), configured)
}

/**
 * An emulator whose credentials name its own number and WABA: `seed` gives the WABA its templates,
 * and the overview runs on that number and WABA.
 */
const onOwnAccount = <E extends { readonly credentials: { readonly wabaId: string; readonly phoneNumberId: string } }>(
  provider: Name,
  started: Effect.Effect<Example.Emulated<E>, never, Scope.Scope>,
  seed: (emulator: E, wabaId: string) => Effect.Effect<unknown, unknown>
) =>
  Effect.gen(function*() {
    const { emulator, environment } = yield* started
    const { wabaId, phoneNumberId } = emulator.credentials
    yield* Effect.orDie(seed(emulator, wabaId))
    return { emulator, environment: yield* withAccount(provider, environment, phoneNumberId, wabaId) }
  })

/** A provider's emulator with a number on it (and a profile and templates where the provider has them). */
const emulated = (provider: Name) => {
  switch (provider) {
    case "vonage":
      return Effect.gen(function*() {
        const wabaId = "190787529545503"
        const { emulator, environment } = yield* Example.vonage({
          templates: templates.map((template) => ({ wabaId, ...template }))
        })
        const [deploymentId = ""] = yield* Example.readyDeployments(emulator, ["+447700900789"])
        return { emulator, environment: yield* withAccount(provider, environment, deploymentId, wabaId) }
      })
    case "woztell":
      return onOwnAccount(provider, Example.woztell(), (emulator, wabaId) => emulator.seedTemplates(wabaId, templates))
    case "kaleyra":
      return Effect.map(Example.kaleyra(), ({ emulator, environment }) => ({
        emulator,
        environment: { ...environment, WA_ADMIN_PROVIDER: provider }
      }))
    case "meta":
      return onOwnAccount(provider, Example.meta(), (emulator, wabaId) => emulator.addTemplates(wabaId, templates))
  }
}

/**
 * The program against one provider's emulator (`WA_ADMIN_PROVIDER` set to it), with a picture to
 * upload served at `WA_ADMIN_MEDIA_URL`.
 */
export const demo = (
  provider: Name
): Example.Demo<{
  readonly emulator:
    | VonageEmulator.Emulator
    | WoztellEmulator.Emulator
    | KaleyraEmulator.Emulator
    | MetaEmulator.Emulator
  readonly mediaUrl: string
  readonly result: Overview
}> =>
  Effect.gen(function*() {
    const { emulator, environment } = yield* emulated(provider)
    const website = yield* Example.serveFiles({ "croissant.png": Example.png })
    const url = website.url("croissant.png")
    yield* emulator.clearRequests
    const result = yield* program.pipe(Example.withEnvironment({ ...environment, [mediaUrlVariable]: url }))
    return { emulator, mediaUrl: url, result }
  })

if (Example.isMain(import.meta.url)) {
  Example.runMain(
    Effect.gen(function*() {
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
