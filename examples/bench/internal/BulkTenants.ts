/**
 * 1,000 profile reads spread over 100 tenants (each its own Vonage client: its own key, JWT
 * cache and transport), 16 at a time, through core's `TenantRegistry` — against raw `fetch`
 * doing the same with 16 workers and its own per-tenant token cache.
 *
 * Each round starts cold on both sides — a fresh registry (every tenant's client is built and
 * signs its first JWT on first use) against an empty token cache (every tenant's key is parsed
 * and its JWT signed with the same library on first use) — and then runs the same 1,000 reads
 * again warm. Rounds alternate which side goes first. Every pass records its wall time and the
 * client's CPU time (`process.cpuUsage`; the emulator runs in its own process), and the two
 * sides are compared round by round (see {@link compare}).
 *
 * The reads are started 16 at a time (`Effect.forEach` with `concurrency: 16`) through a
 * registry that is itself bounded to 16 (`concurrency: 16`), as raw fetch runs 16 workers. Both
 * sides reuse one connection pool for the whole run (undici: the adapter through
 * `NodeHttpClient.layerUndici`, raw fetch through Node's global dispatcher) and sign one JWT per
 * tenant per round with the same library.
 *
 * Two more passes explain the ratio rather than decide it, so they run only in diagnostic
 * rounds (every `diagnosticsEvery` rounds) to keep the bench short:
 * - to tell what the registry itself adds, the same warm reads over the same kind of clients
 *   built beforehand, one per tenant, each read given its tenant's services directly
 *   (`Effect.provide`), 16 at a time: no registry at all;
 * - after the warm pass, the same 1,000 warm reads handed to the registry all at once
 *   (`concurrency: "unbounded"`), leaving the bound to its permits as the registry module's
 *   example does: 984 calls wait for a permit at any time, and each finished call wakes one.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { BusinessProfile, TenantRegistry } from "@wa-admin/core"
import { VonageAdmin, VonageClient } from "@wa-admin/vonage"
import { Effect, Layer, ManagedRuntime } from "effect"
import { createPrivateKey } from "node:crypto"
import type { Description } from "./EmulatorHost.js"
import { signVonageJwt } from "./Jose.js"
import { cpuMicrosSince, median, spread } from "./Stats.js"
import type { Spread } from "./Stats.js"

/**
 * One pass of 1,000 reads: its wall milliseconds, and the client's CPU microseconds over it
 * (`process.cpuUsage`: every thread of this process; the emulator runs in its own).
 */
export interface Pass {
  readonly millis: number
  readonly cpuMicros: number
}

/** One round's passes. */
export interface Round {
  readonly oursCold: Pass
  readonly oursWarm: Pass
  readonly rawCold: Pass
  readonly rawWarm: Pass
  /** Client layers the registry built (one per tenant when clients are reused). */
  readonly builds: number
  /** JWTs signed, summed over the tenants' clients. */
  readonly signatures: number
  /**
   * 1,000 warm reads handed to the registry all at once (`concurrency: "unbounded"`), its own
   * permits bounding them to 16, as the registry module's example does (diagnostic rounds only).
   */
  readonly oursUnbounded?: Pass
  /**
   * The same warm reads without a registry: every tenant's client built beforehand and provided
   * directly to each read, 16 at a time (diagnostic rounds only).
   */
  readonly directWarm?: Pass
}

/** Every measured round, in order. */
export interface Result {
  readonly tenants: number
  readonly reads: number
  readonly concurrency: number
  readonly rounds: ReadonlyArray<Round>
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
  options: {
    readonly tenants: number
    readonly reads: number
    readonly concurrency: number
    readonly rounds: number
    /** The registry-free and all-at-once passes run every this many rounds (they explain, not decide, the ratio). */
    readonly diagnosticsEvery: number
  }
): Promise<Result> => {
  const tenants: ReadonlyArray<Tenant> = Array.from({ length: options.tenants }, (_, id) => {
    const deploymentId = vonage.deployments[id + 1]
    if (deploymentId === undefined) {
      throw new Error(`the emulator host provisioned fewer than ${options.tenants + 1} deployments`)
    }
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

  /** Measures an Effect pass's wall and CPU time. */
  const measured = <E, R>(effect: Effect.Effect<void, E, R>): Effect.Effect<Pass, E, R> =>
    Effect.suspend(() => {
      const cpuBefore = process.cpuUsage()
      const started = performance.now()
      return Effect.map(effect, () => ({ millis: performance.now() - started, cpuMicros: cpuMicrosSince(cpuBefore) }))
    })

  const oursRound = (unbounded: boolean) =>
    Effect.gen(function*() {
      const signatures: Array<Effect.Effect<number>> = []
      const registry = yield* TenantRegistry.make({
        resolve: (account: number) => Effect.sync(() => tenantLayer(tenantOf(account), signatures)),
        concurrency: options.concurrency
      })
      const pass = (concurrency: number | "unbounded") =>
        measured(
          Effect.forEach(
            reads,
            (read) => {
              const tenant = tenantOf(read)
              return registry.use(tenant.id, BusinessProfile.get({ number: tenant.deploymentId }))
            },
            { concurrency, discard: true }
          )
        )
      const cold = yield* pass(options.concurrency)
      const warm = yield* pass(options.concurrency)
      const signed = yield* Effect.map(
        Effect.all(signatures),
        (counts) => counts.reduce((sum, count) => sum + count, 0)
      )
      // The registry module's own example hands it every read at once and lets its permits
      // bound the concurrency.
      const all = unbounded ? { oursUnbounded: yield* pass("unbounded") } : {}
      return { oursCold: cold, oursWarm: warm, ...all, builds: yield* registry.builds, signatures: signed }
    }).pipe(Effect.scoped)
  const directRound = Effect.gen(function*() {
    const scope = yield* Effect.scope
    const contexts = yield* Effect.forEach(tenants, (tenant) => Layer.buildWithScope(tenantLayer(tenant, []), scope))
    const pass = measured(
      Effect.forEach(
        reads,
        (read) => {
          const tenant = tenantOf(read)
          const context = contexts[tenant.id]
          if (context === undefined) return Effect.dieMessage(`no client for tenant ${tenant.id}`)
          return Effect.provide(BusinessProfile.get({ number: tenant.deploymentId }), context)
        },
        { concurrency: options.concurrency, discard: true }
      )
    )
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
    const pass = async (): Promise<Pass> => {
      const cpuBefore = process.cpuUsage()
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
      return { millis: performance.now() - started, cpuMicros: cpuMicrosSince(cpuBefore) }
    }
    const cold = await pass()
    const warm = await pass()
    return { cold, warm }
  }

  const round = async (index: number, record: boolean): Promise<void> => {
    const diagnostic = index % options.diagnosticsEvery === 0
    const runOurs = () => http.runPromise(oursRound(diagnostic))
    // Rounds alternate which side goes first.
    const oursFirst = index % 2 === 0 ? await runOurs() : undefined
    const raw = await rawRound()
    const ours = oursFirst ?? (await runOurs())
    const direct = diagnostic ? { directWarm: await http.runPromise(directRound) } : {}
    if (record) rounds.push({ ...ours, rawCold: raw.cold, rawWarm: raw.warm, ...direct })
  }
  const rounds: Array<Round> = []
  // One unmeasured round first, with every pass: JIT, connection pools.
  await round(0, false)
  for (let index = 0; index < options.rounds; index++) await round(index, true)
  await http.dispose()
  return { tenants: options.tenants, reads: options.reads, concurrency: options.concurrency, rounds }
}

/** One side against another, round by round. */
export interface Comparison {
  /** The median over the rounds of each round's ratio (its pass of one over its pass of the other). */
  readonly ratio: number
  readonly spread: Spread
  /** How many rounds measured both. */
  readonly rounds: number
}

/**
 * Each round's wall (or CPU) time of one side over the other's, paired within the round (the two
 * ran seconds apart, under much the same load), then the median of those ratios and their
 * spread, over the rounds that measured both. Each pass is 1,000 reads' total, so every
 * collection during it is counted.
 */
export const compare = (
  rounds: ReadonlyArray<Round>,
  ours: (round: Round) => Pass | undefined,
  other: (round: Round) => Pass | undefined,
  measure: keyof Pass = "millis"
): Comparison => {
  const ratios = rounds.flatMap((round) => {
    const numerator = ours(round)
    const denominator = other(round)
    return numerator === undefined || denominator === undefined ? [] : [numerator[measure] / denominator[measure]]
  })
  return { ratio: median(ratios), spread: spread(ratios), rounds: ratios.length }
}
