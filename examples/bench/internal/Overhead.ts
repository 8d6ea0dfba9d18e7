/**
 * Per-call cost of one profile read (GET /deployments/{id}/profile) four ways:
 *
 * - raw `fetch` with a token signed once up front, reading the JSON body;
 * - a client generated from Vonage's OpenAPI document (openapi-typescript types + openapi-fetch);
 * - the same request through @effect/platform's `HttpClient` alone (the floor an Effect program
 *   pays, for telling the adapter's own cost from Effect's);
 * - `BusinessProfile.get` through the Vonage adapter (validation, span, transport policy, JWT
 *   cache, wire decoding and mapping to the domain `Profile`), in one Effect program as a
 *   script would run it, over `NodeHttpClient.layerUndici`.
 *
 * Two ways, both in short blocks of one variant's calls (25 by default):
 *
 * - **Each variant alone in a process of its own** (`runAlone`, the headline figures): its own
 *   heap, so the collections in its blocks are of its own garbage. The bench runs rounds of the
 *   four processes one after another (`fromSeparateProcesses`).
 * - **The four interleaved in one process** (`run`, the `…_shared_heap` figures). One heap is
 *   shared, and blocks do not keep one variant's collection work off another's: V8 does a full
 *   (mark-compact) collection's marking incrementally, in steps taken as code allocates, so
 *   whichever variant allocates most pays for marking everyone's heap. Trials of this bench's
 *   code (10,000 calls each, `--trace-gc-nvp`): alone, fetch-based variants (50–57 KB per call,
 *   more of it surviving into the old generation) needed 3 full collections,
 *   the adapter (97 KB per call, nearly all dying young) 1; the adapter alone ran 4% faster
 *   than openapi-fetch, interleaved with it 2–5% slower, and interleaved with
 *   @effect/platform's client alone (no fetch) 6–10% slower than it against 4% alone. An
 *   application runs one client for a job, not four in turn, so the headline is the first way.
 *
 * In the interleaved way a round is one block of
 * every variant, in an order taken from a balanced Latin square (every variant runs in every
 * position, and right after every other variant, equally often), so that whatever else the
 * machine is doing hits all of them alike. Blocks rather than single calls: V8 runs most
 * young-generation collections as a task once the young generation is nearly full, that is at
 * the next idle turn of the event loop, while some call waits for its response. Interleaved
 * call by call, those collections landed on the four variants about evenly (22, 23, 22 and 36
 * in a trial run): the adapter's garbage was collected during raw fetch's calls. In blocks they
 * follow what each variant allocates (in trial runs six to eight times as many on the adapter's
 * blocks as on raw fetch's), to within the one collection a block may leave to the next.
 *
 * Per call it records the wall time (for the median); per block the wall time, the client's CPU
 * time (`process.cpuUsage`: user + system over every thread of this process, GC helper threads
 * included; the emulator runs in its own process) and the collection pauses that started during
 * it. A block's time includes running its calls one after another (a loop for the two
 * fetch-based variants; `Effect.forEach` in one `runPromise` per block for the two Effect ones,
 * as an Effect program runs them).
 *
 * The figure that answers "what does a call cost" is the mean: each variant's wall (or CPU)
 * time over all its blocks, divided by its calls. Not a median of the means of groups of blocks:
 * a full (mark-compact) collection comes zero to two times a run and lands in one group of
 * twenty, and a median of groups would drop it just as the median of calls drops the
 * young-generation ones. The machine's own noise is what the spread shows (the means of
 * consecutive groups of rounds), and the interleaving shares it out.
 *
 * The adapter's client is fresh when the measurement starts, so its signature counter gives the
 * JWT signatures spent per 1,000 calls.
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import type { HttpClientError } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { BusinessProfile } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { VonageAdmin, VonageClient } from "@wa-admin/vonage"
import { Effect, Layer, ManagedRuntime } from "effect"
import { createPrivateKey } from "node:crypto"
import createClient from "openapi-fetch"
import type { paths } from "../vonage-openapi.js"
import type { Description } from "./EmulatorHost.js"
import * as GcPauses from "./GcPauses.js"
import { signVonageJwt } from "./Jose.js"
import { cpuMicrosSince, median, pairedRatios, spread, sum } from "./Stats.js"
import type { Spread } from "./Stats.js"

/** The four ways of reading a profile. */
export type Variant = "raw" | "openapi" | "plain" | "ours"

/** The variants in the order the tables list them. */
export const variants: ReadonlyArray<Variant> = ["raw", "openapi", "plain", "ours"]

/** What one variant cost per call. */
export interface Cost {
  /** Median wall milliseconds of one call: what a call costs when no collection lands on it. */
  readonly medianMillis: number
  /** Mean wall milliseconds per call, every collection and every stall included. */
  readonly meanMillis: number
  /** Spread of the groups' mean wall milliseconds per call. */
  readonly meanSpread: Spread
  /** Mean client CPU microseconds per call. */
  readonly cpuMicros: number
  /** Spread of the groups' mean CPU microseconds per call. */
  readonly cpuSpread: Spread
  /** Garbage-collection pause microseconds per call (pauses that started during its blocks). */
  readonly gcMicros: number
  /** Collections that started during its blocks, and how many were full (mark-compact) ones. */
  readonly collections: number
  readonly majorCollections: number
}

/** The adapter against another variant. */
export interface Comparison {
  /** Ratio of the mean wall times per call (the headline: collections count). */
  readonly ratio: number
  /** Spread of the groups' own ratios of means. */
  readonly spread: Spread
  /** Ratio of the median wall times per call (what the bench reported before, for continuity). */
  readonly medianRatio: number
  /** Ratio of the mean client CPU per call, and the spread of the groups' own ratios. */
  readonly cpuRatio: number
  readonly cpuSpread: Spread
}

/** What the comparison found. */
export interface Result {
  readonly costs: Record<Variant, Cost>
  /** The adapter against raw fetch, openapi-fetch and @effect/platform's client alone. */
  readonly versusRaw: Comparison
  readonly versusOpenapi: Comparison
  readonly versusPlain: Comparison
  readonly callsEach: number
  /** Calls per block, rounds, and the groups of consecutive rounds the spreads come from. */
  readonly blockSize: number
  readonly rounds: number
  readonly groups: number
  /** JWTs a fresh adapter client signed over its first 1,000 calls. */
  readonly signaturesPer1000: number
  /** JWTs it signed over every call it made, and how many calls that was. */
  readonly signatures: number
  readonly signedCalls: number
}

/** One block of calls of one variant. */
interface Block {
  /** Wall milliseconds of each call. */
  readonly calls: ReadonlyArray<number>
  readonly wallMillis: number
  readonly cpuMicros: number
  readonly from: number
  readonly to: number
}

/**
 * A balanced Latin square over four variants (Williams): read by rows, every variant runs in
 * every position once, and directly after every other variant once.
 */
export const latinSquare: ReadonlyArray<ReadonlyArray<number>> = [
  [0, 1, 3, 2],
  [1, 2, 0, 3],
  [2, 3, 1, 0],
  [3, 0, 2, 1]
]

/** Per-call means of some blocks: their wall milliseconds and CPU microseconds over their calls. */
const meansOf = (blocks: ReadonlyArray<Block>) => {
  const calls = sum(blocks.map((block) => block.calls.length))
  return {
    millis: sum(blocks.map((block) => block.wallMillis)) / calls,
    cpuMicros: sum(blocks.map((block) => block.cpuMicros)) / calls
  }
}

/** The blocks (one per round) grouped by `size` consecutive rounds, and each group's means. */
const groupMeans = (blocks: ReadonlyArray<Block>, size: number) =>
  Array.from(
    { length: Math.ceil(blocks.length / size) },
    (_, group) => meansOf(blocks.slice(group * size, (group + 1) * size))
  )

const costOf = (blocks: ReadonlyArray<Block>, groupSize: number, pauses: ReadonlyArray<GcPauses.Pause>): Cost => {
  const means = meansOf(blocks)
  const groups = groupMeans(blocks, groupSize)
  const shares = blocks.map((block) => GcPauses.within(pauses, block.from, block.to))
  const calls = blocks.flatMap((block) => block.calls)
  return {
    medianMillis: median(calls),
    meanMillis: means.millis,
    meanSpread: spread(groups.map((group) => group.millis)),
    cpuMicros: means.cpuMicros,
    cpuSpread: spread(groups.map((group) => group.cpuMicros)),
    gcMicros: (sum(shares.map((share) => share.millis)) * 1000) / calls.length,
    collections: sum(shares.map((share) => share.count)),
    majorCollections: sum(shares.map((share) => share.major))
  }
}

const compare = (
  ours: ReadonlyArray<Block>,
  oursCost: Cost,
  base: ReadonlyArray<Block>,
  baseCost: Cost,
  groupSize: number
): Comparison => {
  const oursGroups = groupMeans(ours, groupSize)
  const baseGroups = groupMeans(base, groupSize)
  const groupRatios = (measure: "millis" | "cpuMicros") =>
    pairedRatios(oursGroups.map((group) => group[measure]), baseGroups.map((group) => group[measure]))
  return {
    ratio: oursCost.meanMillis / baseCost.meanMillis,
    spread: spread(groupRatios("millis")),
    medianRatio: oursCost.medianMillis / baseCost.medianMillis,
    cpuRatio: oursCost.cpuMicros / baseCost.cpuMicros,
    cpuSpread: spread(groupRatios("cpuMicros"))
  }
}

/** How a measurement runs its blocks. */
export interface Options {
  readonly rounds: number
  readonly blockSize: number
  /** Consecutive rounds per group, for the spreads. */
  readonly groupSize: number
  readonly warmupRounds: number
}

/** The four variants over the emulator, ready to run blocks of calls. */
const setup = async (vonage: Description["vonage"], options: Pick<Options, "blockSize">) => {
  const key = createPrivateKey(vonage.privateKey)
  const token = await signVonageJwt(vonage.applicationId, key)
  const deploymentId = vonage.deployments[0]
  if (deploymentId === undefined) throw new Error("the emulator host provisioned no deployment")
  const profileUrl = `${vonage.url}/deployments/${deploymentId}/profile`
  const rawHeaders = { authorization: `Bearer ${token}`, accept: "application/json" }

  const raw = async (): Promise<void> => {
    const response = await fetch(profileUrl, { headers: rawHeaders })
    if (response.status !== 200) throw new Error(`raw fetch: HTTP ${response.status}`)
    const profile = (await response.json()) as { readonly about?: string }
    if (profile.about === undefined) throw new Error("raw fetch: no profile")
  }

  const generated = createClient<paths>({ baseUrl: vonage.url, headers: { authorization: `Bearer ${token}` } })
  const openapi = async (): Promise<void> => {
    const { data, error } = await generated.GET("/deployments/{deployment_id}/profile", {
      params: { path: { deployment_id: deploymentId } }
    })
    if (error !== undefined || data?.about === undefined) throw new Error("openapi-fetch: no profile")
  }

  const runtime = ManagedRuntime.make(
    VonageAdmin.layer.pipe(
      Layer.provideMerge(
        VonageClient.layer({ applicationId: vonage.applicationId, privateKey: vonage.privateKey, baseUrl: vonage.url })
      ),
      Layer.provideMerge(NodeHttpClient.layerUndici)
    )
  )

  // The floor: the same request through @effect/platform's HttpClient alone (no policy, no
  // validation, no decoding), to tell what the adapter adds from what Effect's client costs.
  const plainRequest = HttpClientRequest.get(profileUrl).pipe(
    HttpClientRequest.bearerToken(token),
    HttpClientRequest.acceptJson
  )
  const plain = Effect.flatMap(
    HttpClient.HttpClient,
    (client) =>
      Effect.flatMap(
        HttpClient.withTracerDisabledWhen(client, () => true).execute(plainRequest),
        (response) => response.json
      )
  )

  const promiseBlock = async (call: () => Promise<void>): Promise<ReadonlyArray<number>> => {
    const timings: Array<number> = []
    for (let index = 0; index < options.blockSize; index++) {
      const started = performance.now()
      await call()
      timings.push(performance.now() - started)
    }
    return timings
  }
  const effectBlock = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.forEach(Array.from({ length: options.blockSize }), () =>
      Effect.suspend(() => {
        const started = performance.now()
        return Effect.map(effect, () => performance.now() - started)
      }))
  const effectBlocks: Record<
    "plain" | "ours",
    Effect.Effect<
      ReadonlyArray<number>,
      AdminError.AdminError | HttpClientError.HttpClientError,
      BusinessProfile.BusinessProfile | HttpClient.HttpClient
    >
  > = {
    plain: effectBlock(plain),
    ours: effectBlock(BusinessProfile.get({ number: deploymentId }))
  }
  const block = async (variant: Variant): Promise<Block> => {
    const cpuBefore = process.cpuUsage()
    const from = performance.now()
    const calls = variant === "raw"
      ? await promiseBlock(raw)
      : variant === "openapi"
      ? await promiseBlock(openapi)
      : await runtime.runPromise(effectBlocks[variant])
    const to = performance.now()
    return { calls, wallMillis: to - from, cpuMicros: cpuMicrosSince(cpuBefore), from, to }
  }
  return {
    block,
    /** The adapter's first 1,000 calls on its fresh client: the JWTs it signed. */
    firstThousand: async (): Promise<number> => {
      await runtime.runPromise(Effect.repeatN(BusinessProfile.get({ number: deploymentId }), 999))
      return runtime.runPromise(VonageClient.signatures)
    },
    signatures: () => runtime.runPromise(VonageClient.signatures),
    dispose: () => runtime.dispose()
  }
}

/**
 * The four variants in one process, their blocks interleaved (see the module's comment): one
 * heap for all four, so a collection's work — a full collection's incremental marking, which V8
 * does in steps as code allocates — is paid by whichever variant allocates while it runs.
 */
export const run = async (vonage: Description["vonage"], options: Options): Promise<Result> => {
  const { block, dispose, firstThousand, signatures: signed } = await setup(vonage, options)
  const blocks: Record<Variant, Array<Block>> = { raw: [], openapi: [], plain: [], ours: [] }
  const rounds = async (count: number, record: boolean) => {
    for (let round = 0; round < count; round++) {
      for (const index of latinSquare[round % latinSquare.length] ?? []) {
        const variant = variants[index] ?? "raw"
        const measured = await block(variant)
        if (record) blocks[variant].push(measured)
      }
    }
  }

  try {
    // The adapter's client is fresh: its first 1,000 calls tell how many JWTs it signs.
    const signaturesPer1000 = await firstThousand()
    await rounds(options.warmupRounds, false)
    const observer = GcPauses.observe()
    await rounds(options.rounds, true)
    const pauses = await observer.stop()
    const signatures = await signed()
    const costs: Record<Variant, Cost> = {
      raw: costOf(blocks.raw, options.groupSize, pauses),
      openapi: costOf(blocks.openapi, options.groupSize, pauses),
      plain: costOf(blocks.plain, options.groupSize, pauses),
      ours: costOf(blocks.ours, options.groupSize, pauses)
    }
    const versus = (base: Variant) => compare(blocks.ours, costs.ours, blocks[base], costs[base], options.groupSize)
    return {
      costs,
      versusRaw: versus("raw"),
      versusOpenapi: versus("openapi"),
      versusPlain: versus("plain"),
      callsEach: options.rounds * options.blockSize,
      blockSize: options.blockSize,
      rounds: options.rounds,
      groups: Math.ceil(options.rounds / options.groupSize),
      signaturesPer1000,
      signatures,
      signedCalls: 1000 + (options.warmupRounds + options.rounds) * options.blockSize
    }
  } finally {
    await dispose()
  }
}

/** What one variant cost, measured alone in a process of its own. */
export interface Alone {
  readonly variant: Variant
  readonly cost: Cost
  /** For the adapter: the JWTs its fresh client signed over its first 1,000 calls, and over all its calls. */
  readonly signaturesPer1000?: number
  readonly signatures?: number
  readonly signedCalls?: number
}

/**
 * One variant alone in this process (its heap, its collections, nobody else's): warm-up blocks,
 * then `rounds` blocks measured. The adapter's process first makes its fresh client's 1,000
 * calls, for the JWT count.
 */
export const runAlone = async (vonage: Description["vonage"], variant: Variant, options: Options): Promise<Alone> => {
  const { block, dispose, firstThousand, signatures: signed } = await setup(vonage, options)
  try {
    const signaturesPer1000 = variant === "ours" ? await firstThousand() : undefined
    for (let round = 0; round < options.warmupRounds; round++) await block(variant)
    const observer = GcPauses.observe()
    const blocks: Array<Block> = []
    for (let round = 0; round < options.rounds; round++) blocks.push(await block(variant))
    const pauses = await observer.stop()
    const cost = costOf(blocks, options.groupSize, pauses)
    if (signaturesPer1000 === undefined) return { variant, cost }
    return {
      variant,
      cost,
      signaturesPer1000,
      signatures: await signed(),
      signedCalls: 1000 + (options.warmupRounds + options.rounds) * options.blockSize
    }
  } finally {
    await dispose()
  }
}

/**
 * The figures of rounds of separate processes (each round: every variant alone in a process of
 * its own, one after another): each variant's means over its processes (every process measured as
 * many calls), their spread over the processes, and the adapter against each variant with the
 * spread of the rounds' own ratios (a round's processes ran one right after another, so they
 * shared whatever the machine was doing then).
 */
export const fromSeparateProcesses = (
  rounds: ReadonlyArray<Readonly<Record<Variant, Alone>>>,
  options: Options
): Result => {
  const per = (variant: Variant) => rounds.map((round) => round[variant].cost)
  const mean = (values: ReadonlyArray<number>) => sum(values) / values.length
  const costs = Object.fromEntries(variants.map((variant): [Variant, Cost] => {
    const processes = per(variant)
    return [variant, {
      medianMillis: median(processes.map((cost) => cost.medianMillis)),
      meanMillis: mean(processes.map((cost) => cost.meanMillis)),
      meanSpread: spread(processes.map((cost) => cost.meanMillis)),
      cpuMicros: mean(processes.map((cost) => cost.cpuMicros)),
      cpuSpread: spread(processes.map((cost) => cost.cpuMicros)),
      gcMicros: mean(processes.map((cost) => cost.gcMicros)),
      collections: sum(processes.map((cost) => cost.collections)),
      majorCollections: sum(processes.map((cost) => cost.majorCollections))
    }]
  })) as Record<Variant, Cost>
  const versus = (base: Variant): Comparison => {
    const ratios = (measure: "meanMillis" | "cpuMicros") =>
      pairedRatios(per("ours").map((cost) => cost[measure]), per(base).map((cost) => cost[measure]))
    return {
      ratio: costs.ours.meanMillis / costs[base].meanMillis,
      spread: spread(ratios("meanMillis")),
      medianRatio: costs.ours.medianMillis / costs[base].medianMillis,
      cpuRatio: costs.ours.cpuMicros / costs[base].cpuMicros,
      cpuSpread: spread(ratios("cpuMicros"))
    }
  }
  const ours = rounds.map((round) => round.ours)
  return {
    costs,
    versusRaw: versus("raw"),
    versusOpenapi: versus("openapi"),
    versusPlain: versus("plain"),
    callsEach: rounds.length * options.rounds * options.blockSize,
    blockSize: options.blockSize,
    rounds: rounds.length * options.rounds,
    groups: rounds.length,
    signaturesPer1000: Math.max(...ours.map((alone) => alone.signaturesPer1000 ?? Number.NaN)),
    signatures: sum(ours.map((alone) => alone.signatures ?? Number.NaN)),
    signedCalls: sum(ours.map((alone) => alone.signedCalls ?? Number.NaN))
  }
}
