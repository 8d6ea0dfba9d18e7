/**
 * 1,000 profile reads spread over 100 tenants (each its own Vonage client: its own key, JWT
 * cache and transport), 16 at a time, through core's `TenantRegistry` — against raw `fetch`
 * doing the same with 16 workers and its own per-tenant token cache.
 *
 * Each round starts cold on both sides — a fresh registry (every tenant's client is built and
 * signs its first JWT on first use) against an empty token cache (every tenant's key is parsed
 * and its JWT signed with the same library on first use) — and then runs the same 1,000 reads
 * again warm. Rounds alternate which side goes first.
 *
 * The reads are started 16 at a time (`Effect.forEach` with `concurrency: 16`) through a
 * registry that is itself bounded to 16 (`concurrency: 16`), as raw fetch runs 16 workers. Both
 * sides reuse one connection pool for the whole run (undici: the adapter through
 * `NodeHttpClient.layerUndici`, raw fetch through Node's global dispatcher) and sign one JWT per
 * tenant per round with the same library.
 *
 * To tell what the registry itself adds, every round also runs the same warm reads over the same
 * kind of clients built beforehand, one per tenant, each read given its tenant's services
 * directly (`Effect.provide`), 16 at a time: no registry at all.
 *
 * Every round, after the warm pass, the same 1,000 warm reads are also handed to the registry all
 * at once (`concurrency: "unbounded"`), leaving the bound to its permits as the registry module's
 * example does: 984 calls wait for a permit at any time, and each finished call wakes one.
 */
import { BusinessProfile, TenantRegistry } from "@wa-admin/core"
import { VonageAdmin, VonageClient } from "@wa-admin/vonage"
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, Layer, ManagedRuntime } from "effect"
import { createPrivateKey } from "node:crypto"
import type { Description } from "./EmulatorHost.js"
import { signVonageJwt } from "./Jose.js"
import { median } from "./Stats.js"

/** Wall milliseconds of 1,000 reads, per round. */
export interface Result {
  readonly tenants: number
  readonly reads: number
  readonly concurrency: number
  readonly oursCold: ReadonlyArray<number>
  readonly rawCold: ReadonlyArray<number>
  readonly oursWarm: ReadonlyArray<number>
  readonly rawWarm: ReadonlyArray<number>
  /** Client layers the registry built, per round (one per tenant when clients are reused). */
  readonly builds: ReadonlyArray<number>
  /** JWTs signed per round, summed over the tenants' clients. */
  readonly signatures: ReadonlyArray<number>
  /**
   * The same warm reads without a registry: every tenant's client built beforehand and provided
   * directly to each read, 16 at a time.
   */
  readonly directWarm: ReadonlyArray<number>
  /**
   * 1,000 warm reads handed to the registry all at once (`concurrency: "unbounded"`), its own
   * permits bounding them to 16, as the registry module's example does (per round).
   */
  readonly oursUnbounded: ReadonlyArray<number>
}

interface Tenant {
  readonly id: number
  readonly deploymentId: string
  readonly applicationId: string
  /** Each tenant holds its key as PEM text, as it would come from a secret store. */
  readonly privateKey: string
}

export const run = async (
  vonage: Description["vonage"],
  options: { readonly tenants: number; readonly reads: number; readonly concurrency: number; readonly rounds: number }
): Promise<Result> => {
  const tenants: ReadonlyArray<Tenant> = Array.from({ length: options.tenants }, (_, id) => {
    const deploymentId = vonage.deployments[id + 1]
    if (deploymentId === undefined) throw new Error(`the emulator host provisioned fewer than ${options.tenants + 1} deployments`)
    return { id, deploymentId, applicationId: vonage.applicationId, privateKey: vonage.privateKey }
  })
  const tenantOf = (read: number): Tenant => {
    const tenant = tenants[read % tenants.length]
    if (tenant === undefined) throw new Error("no tenants")
    return tenant
  }
  const reads = Array.from({ length: options.reads }, (_, read) => read)

  /** A tenant's port services over its own client; the client's signature counter goes to `signatures`. */
  const tenantLayer = (tenant: Tenant, signatures: Array<Effect.Effect<number>>) =>
    Layer.unwrapEffect(
      Effect.map(
        VonageClient.make({ applicationId: tenant.applicationId, privateKey: tenant.privateKey, baseUrl: vonage.url }),
        (client) => {
          signatures.push(client.signatures)
          return VonageAdmin.layerComplete.pipe(Layer.provide(Layer.succeed(VonageClient.VonageClient, client)))
        }
      )
    )

  const oursRound = Effect.gen(function* () {
    const signatures: Array<Effect.Effect<number>> = []
    const registry = yield* TenantRegistry.make({
      resolve: (account: number) => Effect.sync(() => tenantLayer(tenantOf(account), signatures)),
      concurrency: options.concurrency
    })
    const pass = (concurrency: number | "unbounded") =>
      Effect.gen(function* () {
        const started = performance.now()
        yield* Effect.forEach(
          reads,
          (read) => {
            const tenant = tenantOf(read)
            return registry.use(tenant.id, BusinessProfile.get({ number: tenant.deploymentId }))
          },
          { concurrency, discard: true }
        )
        return performance.now() - started
      })
    const cold = yield* pass(options.concurrency)
    const warm = yield* pass(options.concurrency)
    const signed = yield* Effect.map(Effect.all(signatures), (counts) => counts.reduce((sum, count) => sum + count, 0))
    // The registry module's own example hands it every read at once and lets its permits
    // bound the concurrency.
    const unbounded = yield* pass("unbounded")
    return { cold, warm, unbounded, builds: yield* registry.builds, signatures: signed }
  }).pipe(Effect.scoped)
  const directRound = Effect.gen(function* () {
    const scope = yield* Effect.scope
    const contexts = yield* Effect.forEach(tenants, (tenant) => Layer.buildWithScope(tenantLayer(tenant, []), scope))
    const pass = Effect.gen(function* () {
      const started = performance.now()
      yield* Effect.forEach(
        reads,
        (read) => {
          const tenant = tenantOf(read)
          const context = contexts[tenant.id]
          if (context === undefined) return Effect.dieMessage(`no client for tenant ${tenant.id}`)
          return Effect.provide(BusinessProfile.get({ number: tenant.deploymentId }), context)
        },
        { concurrency: options.concurrency, discard: true }
      )
      return performance.now() - started
    })
    yield* pass
    return yield* pass
  }).pipe(Effect.scoped)
  // One HTTP client for the whole run, as a long-lived script would have.
  const http = ManagedRuntime.make(NodeHttpClient.layerUndici)

  const rawRound = async () => {
    const tokens = new Map<number, Promise<string>>()
    const tokenOf = (tenant: Tenant) => {
      let token = tokens.get(tenant.id)
      if (token === undefined) {
        token = signVonageJwt(tenant.applicationId, createPrivateKey(tenant.privateKey))
        tokens.set(tenant.id, token)
      }
      return token
    }
    const pass = async () => {
      const started = performance.now()
      let next = 0
      const worker = async () => {
        while (next < reads.length) {
          const tenant = tenantOf(next++)
          const response = await fetch(`${vonage.url}/deployments/${tenant.deploymentId}/profile`, {
            headers: { authorization: `Bearer ${await tokenOf(tenant)}`, accept: "application/json" }
          })
          if (response.status !== 200) throw new Error(`raw fetch: HTTP ${response.status}`)
          await response.json()
        }
      }
      await Promise.all(Array.from({ length: options.concurrency }, worker))
      return performance.now() - started
    }
    const cold = await pass()
    const warm = await pass()
    return { cold, warm }
  }

  const result = { oursCold: [] as Array<number>, rawCold: [] as Array<number>, oursWarm: [] as Array<number>, rawWarm: [] as Array<number>, builds: [] as Array<number>, signatures: [] as Array<number>, oursUnbounded: [] as Array<number>, directWarm: [] as Array<number> }
  const runOurs = async () => {
    const round = await http.runPromise(oursRound)
    result.oursUnbounded.push(round.unbounded)
    result.oursCold.push(round.cold)
    result.oursWarm.push(round.warm)
    result.builds.push(round.builds)
    result.signatures.push(round.signatures)
  }
  const runDirect = async () => {
    result.directWarm.push(await http.runPromise(directRound))
  }
  const runRaw = async () => {
    const round = await rawRound()
    result.rawCold.push(round.cold)
    result.rawWarm.push(round.warm)
  }
  // One unmeasured round each first: JIT, connection pools.
  await runOurs()
  await runRaw()
  await runDirect()
  for (const key of Object.keys(result) as Array<keyof typeof result>) result[key].length = 0
  for (let round = 0; round < options.rounds; round++) {
    if (round % 2 === 0) {
      await runOurs()
      await runRaw()
      await runDirect()
    } else {
      await runDirect()
      await runRaw()
      await runOurs()
    }
  }
  await http.dispose()
  return { tenants: options.tenants, reads: options.reads, concurrency: options.concurrency, ...result }
}

/** Median ours ÷ median raw. */
export const ratio = (ours: ReadonlyArray<number>, raw: ReadonlyArray<number>): number => median(ours) / median(raw)
