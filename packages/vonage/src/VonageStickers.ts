/**
 * Stickerpacks and stickers of a Vonage deployment: a Vonage extension beyond the port.
 *
 * Third-party stickerpacks are listed, created and read; WhatsApp's own (first-party) packs are
 * listed; stickers of a pack are listed, created, read and deleted. Each operation validates
 * its input (an `InvalidInput` naming the field, nothing sent) and runs in a span
 * `wa-admin.vonage.stickers.<operation>`.
 *
 * @example
 * import { VonageStickers } from "@wa-admin/vonage"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const pack = yield* VonageStickers.createStickerpack({
 *     deploymentId: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
 *     publisher: "Acme",
 *     name: "Acme classics"
 *   })
 *   yield* VonageStickers.createSticker({
 *     deploymentId: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
 *     stickerpackId: pack.id,
 *     imageDataId: "sticker-image-media-id",
 *     emojis: ["🐥", "😃"]
 *   })
 * })
 *
 * @since 0.1.0
 */
import { Url } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Operation } from "@wa-admin/core/adapter"
import type { Endpoint } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints/stickers.js"
import { provider } from "./internal/errors.js"
import * as Ids from "./internal/wire/ids.js"
import { VonageClient } from "./VonageClient.js"
import type { Service as ClientService } from "./VonageClient.js"

const NonEmpty = Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/**
 * A deployment, by id: a UUID, as the document shows deployment ids.
 *
 * @since 0.1.0
 * @category requests
 */
export const DeploymentRequest = Schema.Struct({ deploymentId: Ids.DeploymentId })

/**
 * A stickerpack of a deployment. The document says only that a stickerpack id is a string, so it
 * is checked as any id is (`Id.ResourceId`: not empty, not `.` or `..`, no `/`, `?`, `#` …).
 *
 * @since 0.1.0
 * @category requests
 */
export const StickerpackRequest = Schema.Struct({ ...DeploymentRequest.fields, stickerpackId: Ids.StickerpackId })

/**
 * A new third-party stickerpack.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateStickerpackRequest = Schema.Struct({
  ...DeploymentRequest.fields,
  publisher: NonEmpty,
  name: NonEmpty,
  /** The pack in the Apple App Store (`https://itunes.apple.com/app/id…`). */
  iosAppStoreLink: Schema.optional(Url.HttpUrl),
  /** The pack in Google Play (`https://play.google.com/store/apps/details?id=…`). */
  androidAppStoreLink: Schema.optional(Url.HttpUrl)
})

/**
 * One sticker of a stickerpack, by index. The document says only that an index is a string (its
 * examples are `sticker-index1`, not numbers), so it is checked as any id is.
 *
 * @since 0.1.0
 * @category requests
 */
export const StickerRequest = Schema.Struct({ ...StickerpackRequest.fields, index: Ids.StickerIndex })

/**
 * A new sticker in a stickerpack: the media id of its image and its emojis.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateStickerRequest = Schema.Struct({
  ...StickerpackRequest.fields,
  imageDataId: Ids.MediaId,
  emojis: Schema.optional(Schema.Array(NonEmpty))
})

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/**
 * A stickerpack in a list, or just created: its id.
 *
 * @since 0.1.0
 * @category models
 */
export class StickerpackSummary extends Schema.Class<StickerpackSummary>("@wa-admin/vonage/StickerpackSummary")({
  id: Schema.String
}) {}

/**
 * A stickerpack's details.
 *
 * @since 0.1.0
 * @category models
 */
export class Stickerpack extends Schema.Class<Stickerpack>("@wa-admin/vonage/Stickerpack")({
  id: Schema.String,
  name: Schema.optional(Schema.String),
  publisher: Schema.optional(Schema.String),
  iosAppStoreLink: Schema.optional(Schema.String),
  androidAppStoreLink: Schema.optional(Schema.String)
}) {}

/**
 * A sticker in a list, or just created: its index in the pack.
 *
 * @since 0.1.0
 * @category models
 */
export class StickerSummary extends Schema.Class<StickerSummary>("@wa-admin/vonage/StickerSummary")({
  index: Schema.String
}) {}

/**
 * A sticker: its media ids and emojis.
 *
 * @since 0.1.0
 * @category models
 */
export class Sticker extends Schema.Class<Sticker>("@wa-admin/vonage/Sticker")({
  index: Schema.String,
  id: Schema.optional(Schema.String),
  imageDataId: Schema.optional(Schema.String),
  emojis: Schema.Array(Schema.String)
}) {}

// ---------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------

/**
 * The operations, named as in spans (`wa-admin.vonage.stickers.<operation>`) and errors
 * (`stickers.<operation>`).
 *
 * @since 0.1.0
 * @category constants
 */
export const operations = [
  "listStickerpacks",
  "listWhatsAppStickerpacks",
  "createStickerpack",
  "getStickerpack",
  "listStickers",
  "createSticker",
  "getSticker",
  "deleteSticker"
] as const

/**
 * @since 0.1.0
 * @category models
 */
export type Operation = (typeof operations)[number]

/** An operation as the caller sees it: the request as given, the answer or an `AdminError`. */
type Call<Request extends Schema.Schema.Any, A> = (
  request: Schema.Schema.Encoded<Request>
) => Effect.Effect<A, AdminError.AdminError>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The deployment's third-party stickerpacks. */
  readonly listStickerpacks: Call<typeof DeploymentRequest, ReadonlyArray<StickerpackSummary>>
  /** WhatsApp's own (first-party) stickerpacks (`?namespace=whatsapp`). */
  readonly listWhatsAppStickerpacks: Call<typeof DeploymentRequest, ReadonlyArray<StickerpackSummary>>
  /** Creates a third-party stickerpack; answers its id. */
  readonly createStickerpack: Call<typeof CreateStickerpackRequest, StickerpackSummary>
  /** One stickerpack's name, publisher and store links. */
  readonly getStickerpack: Call<typeof StickerpackRequest, Stickerpack>
  /** The stickers of a pack. */
  readonly listStickers: Call<typeof StickerpackRequest, ReadonlyArray<StickerSummary>>
  /** Adds a sticker to a pack; answers its index. */
  readonly createSticker: Call<typeof CreateStickerRequest, StickerSummary>
  /** One sticker: media ids and emojis (nested emoji arrays are flattened). */
  readonly getSticker: Call<typeof StickerRequest, Sticker>
  /** Removes a sticker from its pack. */
  readonly deleteSticker: Call<typeof StickerRequest, void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class VonageStickers extends Context.Tag("@wa-admin/vonage/VonageStickers")<VonageStickers, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  // Each operation checks its request, calls its endpoint (which names the operation) and reads the answer.
  const operation = <In, Out, A extends In, I, R>(
    endpoint: Endpoint.Endpoint<In, Out>,
    input: Schema.Schema<A, I, never>,
    answer: (out: Out, request: A) => R
  ) => {
    const call = client.call(endpoint)
    return Operation.make({
      provider,
      operation: endpoint.operation,
      input,
      run: (request: A) => Effect.map(call(request), (out) => answer(out, request))
    })
  }
  const summaries = ({ stickerpacks }: { readonly stickerpacks: ReadonlyArray<{ readonly id: string }> }) =>
    stickerpacks.map((pack) => new StickerpackSummary(pack))
  return {
    listStickerpacks: operation(Endpoints.listStickerpacks, DeploymentRequest, summaries),
    listWhatsAppStickerpacks: operation(Endpoints.listWhatsAppStickerpacks, DeploymentRequest, summaries),
    createStickerpack: operation(
      Endpoints.createStickerpack,
      CreateStickerpackRequest,
      ({ stickerpacks }) => new StickerpackSummary(stickerpacks)
    ),
    getStickerpack: operation(
      Endpoints.getStickerpack,
      StickerpackRequest,
      ({ stickerpacks }, request) => new Stickerpack({ ...stickerpacks, id: stickerpacks.id ?? request.stickerpackId })
    ),
    listStickers: operation(
      Endpoints.listStickers,
      StickerpackRequest,
      ({ stickers }) => stickers.map((sticker) => new StickerSummary(sticker))
    ),
    createSticker: operation(
      Endpoints.createSticker,
      CreateStickerRequest,
      ({ stickers }) => new StickerSummary(stickers)
    ),
    getSticker: operation(
      Endpoints.getSticker,
      StickerRequest,
      ({ stickers }, request) => new Sticker({ ...stickers, index: stickers.index ?? request.index })
    ),
    deleteSticker: operation(Endpoints.deleteSticker, StickerRequest, () => undefined)
  }
}

/**
 * The `VonageStickers` service for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(VonageClient, fromClient)

/**
 * Provides `VonageStickers` for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(VonageStickers, make)

/**
 * Each operation of the service in context, as a function of its request
 * (`VonageStickers.listStickerpacks({ deploymentId })` …).
 *
 * @since 0.1.0
 * @category accessors
 */
export const {
  createSticker,
  createStickerpack,
  deleteSticker,
  getSticker,
  getStickerpack,
  listStickerpacks,
  listStickers,
  listWhatsAppStickerpacks
} = Effect.serviceFunctions(VonageStickers)
