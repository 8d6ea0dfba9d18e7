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
import { Context, Effect, Layer, Schema } from "effect"
import { AdminError, Url, Validation } from "@wa-admin/core"
import type { Transport } from "@wa-admin/core"
import { provider } from "./internal/errors.js"
import { executeAt, unexpected } from "./internal/mapping.js"
import type { RouteRequest } from "./internal/mapping.js"
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
  readonly getStickerpack: (request: typeof StickerpackRequest.Encoded) => Effect.Effect<Stickerpack, AdminError.AdminError>
  /** The stickers of a pack. */
  readonly listStickers: (
    request: typeof StickerpackRequest.Encoded
  ) => Effect.Effect<ReadonlyArray<StickerSummary>, AdminError.AdminError>
  /** Adds a sticker to a pack; answers its index. */
  readonly createSticker: (request: typeof CreateStickerRequest.Encoded) => Effect.Effect<StickerSummary, AdminError.AdminError>
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

const operation =
  <A, I, Out>(name: Operation, schema: Schema.Schema<A, I, never>, run: (input: A) => Effect.Effect<Out, AdminError.AdminError>) =>
  (input: I): Effect.Effect<Out, AdminError.AdminError> =>
    Effect.flatMap(Validation.validate(schema, { provider, operation: `stickers.${name}` })(input), run).pipe(
      Effect.withSpan(`wa-admin.${provider}.stickers.${name}`, { attributes: { "wa-admin.provider": provider }, captureStackTrace: false })
    )

const routes = {
  packs: "/deployments/{deploymentId}/stickerpacks",
  pack: "/deployments/{deploymentId}/stickerpacks/{stickerpackId}",
  stickers: "/deployments/{deploymentId}/stickerpacks/{stickerpackId}/stickers",
  sticker: "/deployments/{deploymentId}/stickerpacks/{stickerpackId}/stickers/{index}"
} as const

const first = <A>(operation: string, response: Transport.Response, items: ReadonlyArray<A>, what: string) => {
  const [item] = items
  return item === undefined ? Effect.fail(unexpected(operation, response.status, `the answer holds no ${what}`)) : Effect.succeed(item)
}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const call = <A, I>(
    request: RouteRequest,
    schema: Schema.Schema<A, I, never>
  ): Effect.Effect<{ readonly response: Transport.Response; readonly body: A }, AdminError.AdminError> =>
    Effect.flatMap(executeAt(client, request), (response) =>
      Effect.map(client.transport.decode(request.operation, schema)(response), (body) => ({ response, body }))
    )

  const deployment = (deploymentId: string) => ({ resource: "deployment", id: deploymentId })
  const listPacks = (name: "listStickerpacks" | "listWhatsAppStickerpacks", query?: Record<string, string>) =>
    operation(name, DeploymentRequest, ({ deploymentId }) =>
      Effect.map(
        call(
          {
            operation: `stickers.${name}`,
            method: "GET",
            route: routes.packs,
            ids: { deploymentId },
            ...(query === undefined ? {} : { query }),
            idempotent: true,
            target: deployment(deploymentId)
          },
          Wire.StickerpacksResponse
        ),
        ({ body }) => body.stickerpacks.map((pack) => new StickerpackSummary({ id: pack.id }))
      )
    )

  return {
    listStickerpacks: listPacks("listStickerpacks"),
    listWhatsAppStickerpacks: listPacks("listWhatsAppStickerpacks", { namespace: "whatsapp" }),

    createStickerpack: operation("createStickerpack", CreateStickerpackRequest, (request) =>
      Effect.flatMap(
        call(
          {
            operation: "stickers.createStickerpack",
            method: "POST",
            route: routes.packs,
            ids: request,
            body: {
              publisher: request.publisher,
              name: request.name,
              ...(request.iosAppStoreLink === undefined ? {} : { ios_app_store_link: request.iosAppStoreLink }),
              ...(request.androidAppStoreLink === undefined ? {} : { android_app_store_link: request.androidAppStoreLink })
            } satisfies Wire.StickerpackRequest,
            // A second POST would create a second pack.
            idempotent: false,
            target: deployment(request.deploymentId)
          },
          Wire.StickerpacksResponse
        ),
        ({ response, body }) =>
          Effect.map(
            first("stickers.createStickerpack", response, body.stickerpacks, "stickerpack id"),
            (pack) => new StickerpackSummary({ id: pack.id })
          )
      )
    ),

    getStickerpack: operation("getStickerpack", StickerpackRequest, (request) =>
      Effect.flatMap(
        call(
          {
            operation: "stickers.getStickerpack",
            method: "GET",
            route: routes.pack,
            ids: request,
            idempotent: true,
            target: { resource: "stickerpack", id: request.stickerpackId }
          },
          Wire.StickerpackResponse
        ),
        ({ response, body }) =>
          Effect.map(
            first("stickers.getStickerpack", response, body.stickerpacks, "stickerpack"),
            (pack) =>
              new Stickerpack({
                id: pack.id ?? request.stickerpackId,
                ...(pack.name === undefined ? {} : { name: pack.name }),
                ...(pack.publisher === undefined ? {} : { publisher: pack.publisher }),
                ...(pack.ios_app_store_link === undefined ? {} : { iosAppStoreLink: pack.ios_app_store_link }),
                ...(pack.android_app_store_link === undefined ? {} : { androidAppStoreLink: pack.android_app_store_link })
              })
          )
      )
    ),

    listStickers: operation("listStickers", StickerpackRequest, (request) =>
      Effect.map(
        call(
          {
            operation: "stickers.listStickers",
            method: "GET",
            route: routes.stickers,
            ids: request,
            idempotent: true,
            target: { resource: "stickerpack", id: request.stickerpackId }
          },
          Wire.StickersResponse
        ),
        ({ body }) => body.stickers.map((sticker) => new StickerSummary({ index: sticker.index }))
      )
    ),

    createSticker: operation("createSticker", CreateStickerRequest, (request) =>
      Effect.flatMap(
        call(
          {
            operation: "stickers.createSticker",
            method: "POST",
            route: routes.stickers,
            ids: request,
            body: {
              image_data_id: request.imageDataId,
              ...(request.emojis === undefined ? {} : { emojis: request.emojis })
            } satisfies Wire.StickerRequest,
            // A second POST would add the sticker twice.
            idempotent: false,
            target: { resource: "stickerpack", id: request.stickerpackId }
          },
          Wire.StickersResponse
        ),
        ({ response, body }) =>
          Effect.map(
            first("stickers.createSticker", response, body.stickers, "sticker index"),
            (sticker) => new StickerSummary({ index: sticker.index })
          )
      )
    ),

    getSticker: operation("getSticker", StickerRequest, (request) =>
      Effect.flatMap(
        call(
          {
            operation: "stickers.getSticker",
            method: "GET",
            route: routes.sticker,
            ids: request,
            idempotent: true,
            target: { resource: "sticker", id: request.index }
          },
          Wire.StickerIndexsResponse
        ),
        ({ response, body }) =>
          Effect.map(
            first("stickers.getSticker", response, body.stickers, "sticker"),
            (sticker) =>
              new Sticker({
                index: sticker.index ?? request.index,
                ...(sticker.id === undefined ? {} : { id: sticker.id }),
                ...(sticker.image_data_id === undefined ? {} : { imageDataId: sticker.image_data_id }),
                emojis: sticker.emojis
              })
          )
      )
    ),

    deleteSticker: operation("deleteSticker", StickerRequest, (request) =>
      Effect.asVoid(
        executeAt(client, {
          operation: "stickers.deleteSticker",
          method: "DELETE",
          route: routes.sticker,
          ids: request,
          idempotent: true,
          target: { resource: "sticker", id: request.index }
        })
      )
    )
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
