/**
 * Reliability harness for the Meta adapter: the adapter over the Meta emulator (real HTTP, its
 * request log telling what reached Meta) or over a fake `HttpClient` answering whatever a test
 * scripts, and the Graph error bodies the fuzzing feeds it (the machinery is core/testing's
 * `Fuzz` and `FakeHttp`).
 */
import type { HttpClient } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { EmulatorHost, Fuzz } from "@wa-admin/core/testing"
import { FastCheck as fc, Layer } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { MetaEmulator } from "../src/emulator/index.js"
import { MetaAdmin, MetaClient, MetaQuota } from "../src/index.js"
import { notFoundCodes, rateLimitCodes, unauthorizedCodes, verificationCodes } from "../src/internal/errors.js"

const { json } = Fuzz

/** The base URL the fake pretends to serve. */
export const fakeGraphUrl = "https://graph.meta.test"

/** Ids of the documented form. */
export const ids = { wabaId: "102290129340398", phoneNumberId: "106540352242922", appId: "1234567890" } as const

/** An RSA public key (PEM), for the encryption key operations. */
export const publicKey = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({
  type: "spki",
  format: "pem"
}).toString()

/** A minimal Flow JSON: one screen, no components. */
export const flowJson = JSON.stringify({
  version: "6.0",
  screens: [{ id: "A", layout: { type: "SingleColumnLayout", children: [] } }]
})

export type AdminServices = Layer.Layer.Success<typeof MetaAdmin.layer> | MetaClient.MetaClient

/** The static view of the adapter over an `HttpClient`. */
export const adminOver = (
  http: Layer.Layer<HttpClient.HttpClient>,
  options: Partial<MetaClient.Options> = {}
): Layer.Layer<AdminServices> => {
  const client = MetaClient.layer({
    accessToken: "EAAGtest-token",
    appSecret: "test-app-secret",
    appId: ids.appId,
    wabaId: ids.wabaId,
    baseUrl: fakeGraphUrl,
    ...options
  }).pipe(Layer.provide(Layer.merge(http, MetaQuota.layerMemory)), Layer.orDie)
  return Layer.merge(MetaAdmin.layer.pipe(Layer.provide(client)), client)
}

/** The emulator on 127.0.0.1 and the adapter over it (undici, as users run it). */
export const emulated = (options: MetaEmulator.Options = {}) =>
  EmulatorHost.withAdapter(
    MetaEmulator.make({ appSecret: "reliability-secret", ...options }),
    ({ credentials, graphUrl }) =>
      adminOver(NodeHttpClient.layerUndici, {
        accessToken: credentials.accessToken,
        appSecret: credentials.appSecret,
        appId: credentials.appId,
        wabaId: credentials.wabaId,
        baseUrl: graphUrl
      })
  )

const documentedCodes = [
  100,
  10,
  200,
  299,
  803,
  132000,
  1,
  2,
  133016,
  131051,
  ...unauthorizedCodes,
  ...rateLimitCodes,
  ...notFoundCodes,
  ...verificationCodes
]

/** Graph error bodies, well- and ill-formed, with the documented codes and others. */
export const graphErrorBody: fc.Arbitrary<unknown> = fc.record(
  {
    error: fc.oneof(
      fc.record(
        {
          message: fc.oneof(fc.string(), json),
          type: fc.oneof(fc.constantFrom("OAuthException", "GraphMethodException"), fc.string(), json),
          code: fc.oneof(fc.constantFrom(...documentedCodes), fc.integer(), fc.double(), json),
          error_subcode: fc.oneof(fc.constantFrom(463, 2446079, 2207051, 1349174), fc.integer(), json),
          error_user_title: fc.oneof(fc.string(), json),
          error_user_msg: fc.oneof(fc.string(), json),
          fbtrace_id: fc.oneof(fc.string(), json),
          is_transient: fc.oneof(fc.boolean(), json)
        },
        { requiredKeys: [] }
      ),
      json
    )
  },
  { requiredKeys: [] }
)

/** The bodies an operation may be answered with: valid, mutated, a Graph error, random JSON, or not JSON. */
export const anyBody = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => Fuzz.anyBody(valid, graphErrorBody)
