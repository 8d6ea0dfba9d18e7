/**
 * The four providers as subjects of the fault suite: an emulator, the adapter configured for it
 * over a probed undici client, and one read and one mutation through the port.
 *
 * The mutations are ones a repeat would make happen twice (the provider does not refuse the
 * second as a duplicate), so that a second attempt after an ambiguous failure would show in the
 * emulator's effects:
 *
 * - Vonage: read `NumberLifecycle.status` (GET /deployments/{id}); mutation
 *   `VonageStickers.createStickerpack` (POST /deployments/{id}/stickerpacks: each POST adds a
 *   pack). Provisioning would be refused as `number-in-use` on a repeat.
 * - WOZTELL: read `BusinessProfile.get` (GET /whatsapp-business-profile); mutation
 *   `Media.upload` (PUT /media-id: each PUT stores another copy under a new id). A template
 *   creation would be refused as a duplicate name on a repeat.
 * - Meta: read `BusinessProfile.get` (GET /{Version}/{Phone-Number-ID}/whatsapp_business_profile);
 *   mutation `MetaQrCodes.create` (POST /{Version}/{Phone-Number-ID}/message_qrdls: each POST
 *   creates another code). A template creation would be refused as a duplicate name on a repeat.
 * - Kaleyra: mutation `NumberLifecycle.provision` (POST /v1/{SID}/whatsapp/activation); its API
 *   has no read, and a repeat would be refused (`E937`, once per account) — there the outcome
 *   shows a repeat, not the effects.
 */
import type { HttpClient } from "@effect/platform"
import type { AdminError } from "@wa-admin/core"
import { BusinessProfile, Media, NumberLifecycle } from "@wa-admin/core"
import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { MetaAdmin, MetaClient, MetaQrCodes, MetaQuota } from "@wa-admin/meta"
import { MetaEmulator } from "@wa-admin/meta/emulator"
import { VonageAdmin, VonageClient, VonageStickers } from "@wa-admin/vonage"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { QuotaStore, WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect, Layer, Logger, Option, Redacted } from "effect"
import type { Scope } from "effect"
import { generateKeyPairSync } from "node:crypto"
import * as KaleyraSupport from "../../../kaleyra/reliability/support.js"
import type { ClientProbe } from "./VirtualTime.js"
import { probedHttpClient } from "./VirtualTime.js"

export type ProviderName = "vonage" | "woztell" | "kaleyra" | "meta"

/** One call through the port, and how to aim a fault at its requests. */
export interface Operation {
  readonly method: string
  /** The request path the fault rule matches. */
  readonly path: string | RegExp
  readonly run: Effect.Effect<unknown, AdminError.AdminError>
  /** The emulator's name for the effect a mutation takes (reads take none). */
  readonly effect?: string
  /** A well-formed answer that breaks the document's schema for this operation. */
  readonly schemaViolation: unknown
}

export interface Subject {
  readonly faults: VonageEmulator.Faults
  readonly effects: Effect.Effect<ReadonlyArray<{ readonly operation: string; readonly key: string }>>
  /** Credentials that must never reach another host. */
  readonly secrets: ReadonlyArray<string>
  readonly probe: ClientProbe
  readonly read: Option.Option<Operation>
  readonly mutation: Operation
  /** A first, healthy call before the fault (a read where there is one): the run is under way. */
  readonly warmUp: Effect.Effect<void, AdminError.AdminError>
}

export interface Binding {
  readonly name: ProviderName
  /**
   * Starts an emulator and the adapter; with `refused`, the adapter is configured with a URL of
   * the emulator's host on a port nobody listens on. `client` changes the HTTP client under the
   * adapter (the instrument tests break it on purpose).
   */
  readonly start: (options: StartOptions) => Effect.Effect<Subject, never, Scope.Scope>
}

export interface StartOptions {
  readonly refused: boolean
  readonly client?: (client: HttpClient.HttpClient) => HttpClient.HttpClient
}

const quiet = Logger.remove(Logger.defaultLogger)

/** What a subject does through the port: its secrets, the read (where there is one) and the mutation. */
interface Operations {
  readonly secrets: ReadonlyArray<string>
  readonly read?: Operation
  readonly mutation: Operation
}

/** The emulator's parts a subject uses. */
interface Started {
  readonly faults: VonageEmulator.Faults
  readonly effects: Subject["effects"]
}

/**
 * A binding over the emulator `make` starts: `build` gets the emulator, the probed client under
 * the adapter, and the URL to configure it with (`urlOf` the emulator, or with `refused` one of
 * its host on a port nobody listens on), and answers what the subject does through the port.
 */
const onEmulator = <S extends Started, E>(
  name: ProviderName,
  make: () => Effect.Effect<S, E, Scope.Scope>,
  urlOf: (emulator: S) => string,
  build: (
    started: {
      readonly emulator: S
      readonly baseUrl: string
      readonly http: Layer.Layer<HttpClient.HttpClient>
      readonly options: StartOptions
    }
  ) => Effect.Effect<Operations, never, Scope.Scope>
): Binding => ({
  name,
  start: (options) =>
    Effect.gen(function*() {
      const emulator = yield* Effect.orDie(make())
      const baseUrl = yield* (options.refused ? emulator.faults.refusingUrl : Effect.succeed(urlOf(emulator)))
      const { layer: http, probe } = probedHttpClient(options.client)
      return subjectOf(emulator, probe, yield* build({ emulator, baseUrl, http, options }))
    })
})

/** A subject over `emulator` and the probed client: its warm-up is the read where there is one. */
const subjectOf = (emulator: Started, probe: ClientProbe, operations: Operations): Subject => ({
  faults: emulator.faults,
  effects: emulator.effects,
  secrets: operations.secrets,
  probe,
  read: Option.fromNullable(operations.read),
  mutation: operations.mutation,
  warmUp: operations.read === undefined ? Effect.void : Effect.asVoid(operations.read.run)
})

let vonageKeys: { readonly publicKey: string; readonly privateKey: string } | undefined
const keys = () => (vonageKeys ??= generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" }
}))

export const vonage: Binding = onEmulator(
  "vonage",
  () => VonageEmulator.make({ publicKey: keys().publicKey }),
  (started) => started.url,
  ({ baseUrl, emulator, http, options }) =>
    Effect.gen(function*() {
      const { privateKey } = keys()
      const context = yield* Layer.build(
        VonageAdmin.layer.pipe(
          Layer.provide(VonageClient.layer({ applicationId: emulator.credentials.applicationId, privateKey, baseUrl })),
          Layer.provide(http),
          Layer.orDie
        )
      )
      // The deployment both calls act on (nothing is sent when the port is refused anyway).
      const deploymentId = options.refused
        ? "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
        : (yield* NumberLifecycle.provision({
          phoneNumber: "+447700900001",
          wabaId: "123456789123",
          providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } },
          verificationMethod: "sms"
        }).pipe(Effect.provide(context), Effect.orDie)).id
      const status = NumberLifecycle.status({ id: deploymentId }).pipe(Effect.provide(context))
      const createPack = VonageStickers.createStickerpack({
        deploymentId,
        publisher: "Acme Ltd",
        name: "Acme reactions"
      }).pipe(Effect.provide(context))
      return {
        secrets: [privateKey],
        read: {
          method: "GET",
          path: `/deployments/${deploymentId}`,
          run: status,
          // The document: `deployment_id` is a string and `current_state` an object.
          schemaViolation: { deployment_id: 42, current_state: "READY" }
        },
        mutation: {
          method: "POST",
          path: `/deployments/${deploymentId}/stickerpacks`,
          run: createPack,
          effect: "createStickerpacks",
          // The document: `stickerpacks` is an array of `{ id: string }`.
          schemaViolation: { stickerpacks: "sticker-pack-id1" }
        }
      }
    })
)

export const woztell: Binding = onEmulator(
  "woztell",
  () => WoztellEmulator.make(),
  (started) => started.url,
  ({ baseUrl, emulator, http }) =>
    Effect.gen(function*() {
      const { credentials } = emulator
      const context = yield* Layer.build(
        WoztellAdmin.layerComplete.pipe(
          Layer.provide(
            WoztellClient.layer({
              accessToken: Redacted.make(credentials.accessToken),
              baseUrl,
              channelId: credentials.channelId,
              appId: credentials.appId,
              appIntegrationId: credentials.appIntegrationId,
              appIntegrationSignature: Redacted.make(credentials.signature),
              wabaId: credentials.wabaId,
              phoneNumberId: credentials.phoneNumberId
            }).pipe(Layer.provide(QuotaStore.layerMemory()), Layer.orDie)
          ),
          Layer.provide(http)
        )
      )
      const profile = BusinessProfile.get({ number: credentials.phoneNumberId }).pipe(Effect.provide(context))
      const upload = Media.upload({
        number: credentials.phoneNumberId,
        kind: "image",
        url: "https://cdn.example.com/catalog/summer.png"
      }).pipe(Effect.provide(context))
      return {
        secrets: [credentials.accessToken, credentials.signature],
        read: {
          method: "GET",
          path: "/whatsapp-business-profile",
          run: profile,
          // The document: `data` is the profile object.
          schemaViolation: { ok: 1, data: "Hello this is John!" }
        },
        mutation: {
          method: "PUT",
          path: "/media-id",
          run: upload,
          effect: "uploadMedia",
          // The document: `mediaId` is a string.
          schemaViolation: { ok: 1, mediaId: 5_770_270_532_993_662, fileType: "image" }
        }
      }
    })
)

export const kaleyra: Binding = onEmulator(
  "kaleyra",
  () => KaleyraEmulator.make(),
  (started) => started.url,
  ({ baseUrl, emulator, http }) =>
    Effect.gen(function*() {
      const context = yield* Layer.build(
        KaleyraSupport.adminOver(http, { ...emulator.credentials, baseUrl })
      ).pipe(Effect.provide(quiet))
      const provision = NumberLifecycle.provision(KaleyraSupport.provisionRequest).pipe(Effect.provide(context))
      return {
        secrets: [emulator.credentials.apiKey],
        mutation: {
          method: "POST",
          path: /\/whatsapp\/activation$/,
          run: provision,
          effect: "whatsapp.activation",
          // The document: `data` is an array of records.
          schemaViolation: {
            code: "I102",
            message: "Activation request created successfully.",
            data: { business_details: "2" },
            error: {}
          }
        }
      }
    })
)

export const meta: Binding = onEmulator(
  "meta",
  () => MetaEmulator.make(),
  (started) => started.graphUrl,
  ({ baseUrl, emulator, http }) =>
    Effect.gen(function*() {
      const { credentials } = emulator
      const metaClient = MetaClient.layer({
        accessToken: Redacted.make(credentials.accessToken),
        appId: credentials.appId,
        wabaId: credentials.wabaId,
        phoneNumberId: credentials.phoneNumberId,
        graphVersion: credentials.graphVersion,
        baseUrl
      }).pipe(Layer.provide(Layer.merge(http, MetaQuota.layerMemory)), Layer.orDie)
      const context = yield* Layer.build(MetaAdmin.layer.pipe(Layer.provide(metaClient)))
      const number = credentials.phoneNumberId
      const profile = BusinessProfile.get({ number }).pipe(Effect.provide(context))
      const createQr = MetaQrCodes.create({
        phoneNumberId: number,
        prefilledMessage: "Show me today's offers",
        imageFormat: "SVG"
      }).pipe(Effect.provide(context))
      return {
        secrets: [credentials.accessToken],
        read: {
          method: "GET",
          path: `/${credentials.graphVersion}/${number}/whatsapp_business_profile`,
          run: profile,
          // The document: `data` is an array of profiles.
          schemaViolation: { data: "Fresh bread daily" }
        },
        mutation: {
          method: "POST",
          path: `/${credentials.graphVersion}/${number}/message_qrdls`,
          run: createQr,
          effect: "createQrCode",
          // The document: `code` and `deep_link_url` are strings.
          schemaViolation: { code: 42, prefilled_message: ["Show me today's offers"] }
        }
      }
    })
)
