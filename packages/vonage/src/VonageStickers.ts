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
import { Context, Effect, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { provider } from "./internal/errors.js"
import * as Wire from "./internal/wire.js"
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
export const DeploymentRequest = Schema.Struct({ deploymentId: Wire.DeploymentId })

/**
 * A stickerpack of a deployment. The document says only that a stickerpack id is a string, so it
 * is checked as any id is (`Id.ResourceId`: not empty, not `.` or `..`, no `/`, `?`, `#` …).
 *
 * @since 0.1.0
 * @category requests
 */
export const StickerpackRequest = Schema.Struct({ ...DeploymentRequest.fields, stickerpackId: Wire.StickerpackId })

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
export const StickerRequest = Schema.Struct({ ...StickerpackRequest.fields, index: Wire.StickerIndex })

/**
 * A new sticker in a stickerpack: the media id of its image and its emojis.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateStickerRequest = Schema.Struct({
  ...StickerpackRequest.fields,
  imageDataId: Wire.MediaId,
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

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The deployment's third-party stickerpacks. */
  readonly listStickerpacks: (
    request: typeof DeploymentRequest.Encoded
  ) => Effect.Effect<ReadonlyArray<StickerpackSummary>, AdminError.AdminError>
  /** WhatsApp's own (first-party) stickerpacks (`?namespace=whatsapp`). */
  readonly listWhatsAppStickerpacks: (
    request: typeof DeploymentRequest.Encoded
  ) => Effect.Effect<ReadonlyArray<StickerpackSummary>, AdminError.AdminError>
  /** Creates a third-party stickerpack; answers its id. */
  readonly createStickerpack: (
    request: typeof CreateStickerpackRequest.Encoded
  ) => Effect.Effect<StickerpackSummary, AdminError.AdminError>
  /** One stickerpack's name, publisher and store links. */
  readonly getStickerpack: (
    request: typeof StickerpackRequest.Encoded
  ) => Effect.Effect<Stickerpack, AdminError.AdminError>
  /** The stickers of a pack. */
  readonly listStickers: (
    request: typeof StickerpackRequest.Encoded
  ) => Effect.Effect<ReadonlyArray<StickerSummary>, AdminError.AdminError>
  /** Adds a sticker to a pack; answers its index. */
  readonly createSticker: (
    request: typeof CreateStickerRequest.Encoded
  ) => Effect.Effect<StickerSummary, AdminError.AdminError>
  /** One sticker: media ids and emojis (nested emoji arrays are flattened). */
  readonly getSticker: (request: typeof StickerRequest.Encoded) => Effect.Effect<Sticker, AdminError.AdminError>
  /** Removes a sticker from its pack. */
  readonly deleteSticker: (request: typeof StickerRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
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
  const operation = <A, I, Out>(
    name: Operation,
    input: Schema.Schema<A, I, never>,
    run: (input: A) => Effect.Effect<Out, AdminError.AdminError>
  ) => Operation.make({ provider, operation: `stickers.${name}`, input, run })
  const summaries = (packs: ReadonlyArray<{ readonly id: string }>) => packs.map((pack) => new StickerpackSummary(pack))
  const listStickerpacks = client.call(Endpoints.listStickerpacks)
  const listWhatsAppStickerpacks = client.call(Endpoints.listWhatsAppStickerpacks)
  const createStickerpack = client.call(Endpoints.createStickerpack)
  const getStickerpack = client.call(Endpoints.getStickerpack)
  const listStickers = client.call(Endpoints.listStickers)
  const createSticker = client.call(Endpoints.createSticker)
  const getSticker = client.call(Endpoints.getSticker)

  return {
    listStickerpacks: operation(
      "listStickerpacks",
      DeploymentRequest,
      (request) => Effect.map(listStickerpacks(request), ({ stickerpacks }) => summaries(stickerpacks))
    ),
    listWhatsAppStickerpacks: operation(
      "listWhatsAppStickerpacks",
      DeploymentRequest,
      (request) => Effect.map(listWhatsAppStickerpacks(request), ({ stickerpacks }) => summaries(stickerpacks))
    ),
    createStickerpack: operation(
      "createStickerpack",
      CreateStickerpackRequest,
      (request) => Effect.map(createStickerpack(request), ({ stickerpacks }) => new StickerpackSummary(stickerpacks))
    ),
    getStickerpack: operation(
      "getStickerpack",
      StickerpackRequest,
      (request) =>
        Effect.map(
          getStickerpack(request),
          ({ stickerpacks }) => new Stickerpack({ ...stickerpacks, id: stickerpacks.id ?? request.stickerpackId })
        )
    ),
    listStickers: operation(
      "listStickers",
      StickerpackRequest,
      (request) =>
        Effect.map(listStickers(request), ({ stickers }) => stickers.map((sticker) => new StickerSummary(sticker)))
    ),
    createSticker: operation(
      "createSticker",
      CreateStickerRequest,
      (request) => Effect.map(createSticker(request), ({ stickers }) => new StickerSummary(stickers))
    ),
    getSticker: operation(
      "getSticker",
      StickerRequest,
      (request) =>
        Effect.map(
          getSticker(request),
          ({ stickers }) => new Sticker({ ...stickers, index: stickers.index ?? request.index })
        )
    ),
    deleteSticker: operation("deleteSticker", StickerRequest, client.call(Endpoints.deleteSticker))
  }
}

/**
 * The service for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, VonageClient> = Effect.map(VonageClient, fromClient)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<VonageStickers, never, VonageClient> = Layer.effect(VonageStickers, make)

/** @since 0.1.0 @category accessors */
export const listStickerpacks = (request: typeof DeploymentRequest.Encoded) =>
  Effect.flatMap(VonageStickers, (service) => service.listStickerpacks(request))
/** @since 0.1.0 @category accessors */
export const listWhatsAppStickerpacks = (request: typeof DeploymentRequest.Encoded) =>
  Effect.flatMap(VonageStickers, (service) => service.listWhatsAppStickerpacks(request))
/** @since 0.1.0 @category accessors */
export const createStickerpack = (request: typeof CreateStickerpackRequest.Encoded) =>
  Effect.flatMap(VonageStickers, (service) => service.createStickerpack(request))
/** @since 0.1.0 @category accessors */
export const getStickerpack = (request: typeof StickerpackRequest.Encoded) =>
  Effect.flatMap(VonageStickers, (service) => service.getStickerpack(request))
/** @since 0.1.0 @category accessors */
export const listStickers = (request: typeof StickerpackRequest.Encoded) =>
  Effect.flatMap(VonageStickers, (service) => service.listStickers(request))
/** @since 0.1.0 @category accessors */
export const createSticker = (request: typeof CreateStickerRequest.Encoded) =>
  Effect.flatMap(VonageStickers, (service) => service.createSticker(request))
/** @since 0.1.0 @category accessors */
export const getSticker = (request: typeof StickerRequest.Encoded) =>
  Effect.flatMap(VonageStickers, (service) => service.getSticker(request))
/** @since 0.1.0 @category accessors */
export const deleteSticker = (request: typeof StickerRequest.Encoded) =>
  Effect.flatMap(VonageStickers, (service) => service.deleteSticker(request))
