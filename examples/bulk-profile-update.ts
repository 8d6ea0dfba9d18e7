/**
 * Update the business profile of many accounts at once — numbers at Vonage and at WOZTELL, each
 * with its own credentials — through a `TenantRegistry`: each account's client is built once, on
 * first use, and shared by every later call for that account (so a Vonage client signs one JWT
 * and reuses it), and at most 8 calls run at a time across all accounts.
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/bulk-profile-update.ts
 *
 * Without a tenant file it writes one for 50 accounts (25 Vonage deployments, 25 WOZTELL numbers)
 * at in-process emulators and runs against them. Against the real providers, list the accounts
 * in a JSON file:
 *
 *   [
 *     { "account": "bakery-soho", "provider": "vonage", "deploymentId": "aaaaaaaa-…",
 *       "applicationId": "…", "privateKeyPath": "./keys/soho.key" },
 *     { "account": "bakery-leith", "provider": "woztell", "phoneNumberId": "123164329653069",
 *       "accessToken": "…" }
 *   ]
 *
 *   WA_ADMIN_TENANTS=./tenants.json node_modules/.bin/tsx examples/bulk-profile-update.ts
 */
import type { HttpClient } from "@effect/platform"
import { FileSystem } from "@effect/platform"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import type { PlatformError } from "@effect/platform/Error"
import { BusinessProfile, TenantRegistry } from "@wa-admin/core"
import type { AdminError, Port } from "@wa-admin/core"
import { VonageAdmin, VonageClient } from "@wa-admin/vonage"
import type { VonageEmulator } from "@wa-admin/vonage/emulator"
import { QuotaStore, WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
import type { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Config, Console, Effect, Either, Layer, Schema } from "effect"
import type { ConfigError, ParseResult } from "effect"
import * as Path from "node:path"
import * as Example from "./support/Example.js"

const Secret = Schema.Redacted(Schema.String)

/** One account: a Vonage deployment or a WOZTELL number, and the credentials to reach it. */
export const Tenant = Schema.Union(
  Schema.Struct({
    account: Schema.String,
    provider: Schema.Literal("vonage"),
    deploymentId: Schema.String,
    applicationId: Schema.String,
    privateKeyPath: Schema.optional(Schema.String),
    privateKey: Schema.optional(Secret),
    baseUrl: Schema.optional(Schema.String)
  }),
  Schema.Struct({
    account: Schema.String,
    provider: Schema.Literal("woztell"),
    phoneNumberId: Schema.String,
    accessToken: Secret,
    baseUrl: Schema.optional(Schema.String)
  })
)

/** @category models */
export type Tenant = typeof Tenant.Type

const TenantFile = Schema.parseJson(Schema.Array(Tenant))

/** The profile every account gets. */
const openingHours = {
  about: "Open every day, 7am to 7pm",
  websites: ["https://acme-bakery.example/opening-hours"]
}

/** What the program reports. */
export interface Summary {
  readonly accounts: number
  readonly updated: number
  /** Profiles read back with the new text. */
  readonly confirmed: number
  readonly failed: ReadonlyArray<{ readonly account: string; readonly error: string }>
  /** Port calls made through the registry. */
  readonly calls: number
  /** Provider layers (clients) the registry built. */
  readonly builds: number
  readonly vonageClients: number
  readonly vonageCalls: number
  /** JWTs the Vonage clients signed, all together. */
  readonly jwtsSigned: number
}

/** Updates every account's profile, reads it back, and reports how often clients were built and JWTs signed. */
export const program: Example.Program<Summary, PlatformError | ParseResult.ParseError> = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Config.string("WA_ADMIN_TENANTS")
  const tenants = yield* Schema.decode(TenantFile)(yield* fs.readFileString(path))
  const byAccount = new Map(tenants.map((tenant) => [tenant.account, tenant]))
  yield* Console.log(`${tenants.length} accounts in ${path}`)

  // Kept to count the JWTs each Vonage client signs.
  const vonageClients: Array<VonageClient.Service> = []
  const layerOf = (tenant: Tenant): Layer.Layer<Port.Services, ConfigError.ConfigError, HttpClient.HttpClient> =>
    tenant.provider === "vonage"
      ? VonageAdmin.layerComplete.pipe(
        Layer.provide(
          Layer.effect(
            VonageClient.VonageClient,
            VonageClient.make({
              applicationId: tenant.applicationId,
              ...(tenant.privateKey === undefined ? {} : { privateKey: tenant.privateKey }),
              ...(tenant.privateKeyPath === undefined ? {} : { privateKeyPath: tenant.privateKeyPath }),
              ...(tenant.baseUrl === undefined ? {} : { baseUrl: tenant.baseUrl })
            }).pipe(Effect.tap((client) => Effect.sync(() => vonageClients.push(client))))
          )
        )
      )
      : WoztellAdmin.layerComplete.pipe(
        Layer.provide(
          WoztellClient.layer({
            accessToken: tenant.accessToken,
            phoneNumberId: tenant.phoneNumberId,
            ...(tenant.baseUrl === undefined ? {} : { baseUrl: tenant.baseUrl })
          }).pipe(
            // Profile updates spend none of WOZTELL's template quotas: they are kept in memory.
            Layer.provide(QuotaStore.layerMemory())
          )
        )
      )

  const registry = yield* TenantRegistry.make({
    resolve: (account: string) => {
      const tenant = byAccount.get(account)
      return tenant === undefined
        ? Effect.dieMessage(`no account ${account} in ${path}`)
        : Effect.succeed(layerOf(tenant))
    },
    concurrency: 8
  })
  const numberOf = (tenant: Tenant) => (tenant.provider === "vonage" ? tenant.deploymentId : tenant.phoneNumberId)
  const calls = { vonage: 0, woztell: 0 }
  const use = <A>(tenant: Tenant, call: Effect.Effect<A, AdminError.AdminError, Port.Services>) =>
    Effect.suspend(() => {
      calls[tenant.provider]++
      return registry.use(tenant.account, call)
    })

  const updates = yield* Effect.forEach(
    tenants,
    (tenant) =>
      use(tenant, BusinessProfile.update({ number: numberOf(tenant), profile: openingHours })).pipe(
        Effect.either,
        Effect.map((result) => ({ tenant, result }))
      ),
    { concurrency: "unbounded" }
  )
  const failed = updates.flatMap(({ tenant, result }) =>
    Either.isLeft(result) ? [{ account: tenant.account, error: result.left.message }] : []
  )
  for (const { account, error } of failed) yield* Console.log(`  ${account}: ${error}`)

  const confirmed = yield* Effect.forEach(
    tenants.filter((tenant) => !failed.some((failure) => failure.account === tenant.account)),
    (tenant) =>
      use(tenant, BusinessProfile.get({ number: numberOf(tenant) })).pipe(
        Effect.map((profile) => profile.about === openingHours.about)
      ),
    { concurrency: "unbounded" }
  )

  const perProvider = (provider: Tenant["provider"]) => tenants.filter((tenant) => tenant.provider === provider).length
  const signatures = yield* Effect.reduce(
    vonageClients,
    0,
    (total, client) => Effect.map(client.signatures, (n) => total + n)
  )
  const summary: Summary = {
    accounts: tenants.length,
    updated: updates.length - failed.length,
    confirmed: confirmed.filter(Boolean).length,
    failed,
    calls: calls.vonage + calls.woztell,
    builds: yield* registry.builds,
    vonageClients: vonageClients.length,
    vonageCalls: calls.vonage,
    jwtsSigned: signatures
  }
  yield* Console.log(
    `Updated ${summary.updated} of ${summary.accounts} profiles (${perProvider("vonage")} at Vonage, ` +
      `${perProvider("woztell")} at WOZTELL); ${summary.confirmed} read back with the new text`
  )
  yield* Console.log(
    `${summary.calls} calls through the registry built ${summary.builds} clients for ${summary.accounts} accounts`
  )
  yield* Console.log(
    `${summary.vonageClients} Vonage clients signed ${signatures} JWTs for ${summary.vonageCalls} calls`
  )
  return summary
}).pipe(Effect.scoped, Effect.provide(NodeFileSystem.layer))

const digits = (n: number, width: number) => String(n).padStart(width, "0")

/** Writes a tenant file for 25 Vonage deployments and 25 WOZTELL numbers at the emulators, and runs the program on it. */
export const demo: Example.Demo<{
  readonly vonage: VonageEmulator.Emulator
  readonly woztell: WoztellEmulator.Emulator
  readonly deployments: ReadonlyArray<string>
  readonly woztellNumbers: ReadonlyArray<string>
  readonly result: Summary
}, PlatformError | ParseResult.ParseError> = Effect.gen(function*() {
  const vonage = yield* Example.vonage({ stageDuration: "10 millis" })
  const woztell = yield* Example.woztell()
  const count = 25
  const deployments = yield* Example.readyDeployments(
    vonage.emulator,
    Array.from({ length: count }, (_, index) => `+4477009${digits(index, 5)}`)
  )
  const woztellNumbers = [woztell.emulator.credentials.phoneNumberId]
  for (let index = 1; index < count; index++) {
    const number = { wabaId: `3001000000${digits(index, 5)}`, phoneNumberId: `3002000000${digits(index, 5)}` }
    yield* Effect.orDie(woztell.emulator.addWaba(number))
    woztellNumbers.push(number.phoneNumberId)
  }
  const tenants: ReadonlyArray<typeof Tenant.Encoded> = [
    ...deployments.map((deploymentId, index) => ({
      account: `vonage-${digits(index + 1, 2)}`,
      provider: "vonage" as const,
      deploymentId,
      applicationId: vonage.emulator.credentials.applicationId,
      privateKey: vonage.emulator.credentials.privateKey ?? "",
      baseUrl: vonage.emulator.url
    })),
    ...woztellNumbers.map((phoneNumberId, index) => ({
      account: `woztell-${digits(index + 1, 2)}`,
      provider: "woztell" as const,
      phoneNumberId,
      accessToken: woztell.emulator.credentials.accessToken,
      baseUrl: woztell.emulator.url
    }))
  ]
  const directory = yield* Example.temporaryDirectory("wa-admin-tenants-")
  const file = Path.join(directory, "tenants.json")
  yield* Effect.flatMap(FileSystem.FileSystem, (fs) => fs.writeFileString(file, JSON.stringify(tenants, null, 2))).pipe(
    Effect.provide(NodeFileSystem.layer)
  )
  yield* vonage.emulator.clearRequests
  const result = yield* program.pipe(Example.withEnvironment({ WA_ADMIN_TENANTS: file }))
  return { vonage: vonage.emulator, woztell: woztell.emulator, deployments, woztellNumbers, result }
})

if (Example.isMain(import.meta.url)) {
  Example.main(["WA_ADMIN_TENANTS"], { real: program, demo })
}
