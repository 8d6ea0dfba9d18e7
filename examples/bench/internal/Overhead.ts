/**
 * Per-call cost of one profile read (GET /deployments/{id}/profile) four ways, interleaved call
 * by call so that whatever else the machine is doing hits all of them alike:
 *
 * - raw `fetch` with a token signed once up front, reading the JSON body;
 * - a client generated from Vonage's OpenAPI document (openapi-typescript types + openapi-fetch);
 * - the same request through @effect/platform's `HttpClient` alone (the floor an Effect program
 *   pays, for telling the adapter's own cost from Effect's);
 * - `BusinessProfile.get` through the Vonage adapter (validation, span, transport policy, JWT
 *   cache, wire decoding and mapping to the domain `Profile`), in one Effect program as a
 *   script would run it, over `NodeHttpClient.layerUndici`.
 *
 * The adapter's client is fresh when the measurement starts, so its signature counter gives the
 * JWT signatures spent per 1,000 calls.
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import type { HttpClientError } from "@effect/platform"
import { BusinessProfile } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { VonageAdmin, VonageClient } from "@wa-admin/vonage"
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, Layer, ManagedRuntime } from "effect"
import { createPrivateKey } from "node:crypto"
import createClient from "openapi-fetch"
import type { Description } from "./EmulatorHost.js"
import { signVonageJwt } from "./Jose.js"
import { median } from "./Stats.js"
import type { paths } from "../vonage-openapi.js"

/** What the comparison found. */
export interface Result {
  /** Median milliseconds per call. */
  readonly rawMillis: number
  readonly openapiMillis: number
  readonly plainMillis: number
  readonly oursMillis: number
  readonly callsEach: number
  /** JWTs a fresh adapter client signed over its first 1,000 calls. */
  readonly signaturesPer1000: number
  /** JWTs it signed over every call it made, and how many calls that was. */
  readonly signatures: number
  readonly signedCalls: number
}

type Variant = "raw" | "openapi" | "plain" | "ours"

export const run = async (
  vonage: Description["vonage"],
  options: { readonly calls: number; readonly warmup: number }
): Promise<Result> => {
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
      Layer.provideMerge(VonageClient.layer({ applicationId: vonage.applicationId, privateKey: vonage.privateKey, baseUrl: vonage.url })),
      Layer.provideMerge(NodeHttpClient.layerUndici)
    )
  )

  // The floor: the same request through @effect/platform's HttpClient alone (no policy, no
  // validation, no decoding), to tell what the adapter adds from what Effect's client costs.
  const plainRequest = HttpClientRequest.get(profileUrl).pipe(HttpClientRequest.bearerToken(token), HttpClientRequest.acceptJson)
  const plain = Effect.flatMap(HttpClient.HttpClient, (client) =>
    Effect.flatMap(HttpClient.withTracerDisabledWhen(client, () => true).execute(plainRequest), (response) => response.json)
  )

  const timed = (call: () => Promise<void>) =>
    Effect.promise(async () => {
      const started = performance.now()
      await call()
      return performance.now() - started
    })
  const timedEffect = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.suspend(() => {
      const started = performance.now()
      return Effect.map(effect, () => performance.now() - started)
    })
  const calls: Record<
    Variant,
    Effect.Effect<number, AdminError.AdminError | HttpClientError.HttpClientError, BusinessProfile.BusinessProfile | HttpClient.HttpClient>
  > = {
    raw: timed(raw),
    openapi: timed(openapi),
    plain: timedEffect(plain),
    ours: timedEffect(BusinessProfile.get({ number: deploymentId }))
  }
  const variants: ReadonlyArray<Variant> = ["raw", "openapi", "plain", "ours"]
  const timings: Record<Variant, Array<number>> = { raw: [], openapi: [], plain: [], ours: [] }
  /** Each round makes one call of every kind, in an order that rotates from round to round. */
  const rounds = (count: number, record: boolean) =>
    Effect.forEach(
      Array.from({ length: count }, (_, round) => round),
      (round) =>
        Effect.forEach(variants, (_, offset) => {
          const variant = variants[(round + offset) % variants.length] ?? "raw"
          return Effect.map(calls[variant], (millis) => {
            if (record) timings[variant].push(millis)
          })
        }),
      { discard: true }
    )

  try {
    // The adapter's client is fresh: its first 1,000 calls tell how many JWTs it signs.
    await runtime.runPromise(Effect.repeatN(BusinessProfile.get({ number: deploymentId }), 999))
    const signaturesPer1000 = await runtime.runPromise(VonageClient.signatures)
    await runtime.runPromise(rounds(options.warmup, false))
    await runtime.runPromise(rounds(options.calls, true))
    const signatures = await runtime.runPromise(VonageClient.signatures)
    return {
      rawMillis: median(timings.raw),
      openapiMillis: median(timings.openapi),
      plainMillis: median(timings.plain),
      oursMillis: median(timings.ours),
      callsEach: timings.ours.length,
      signaturesPer1000,
      signatures,
      signedCalls: 1000 + options.warmup + options.calls
    }
  } finally {
    await runtime.dispose()
  }
}
