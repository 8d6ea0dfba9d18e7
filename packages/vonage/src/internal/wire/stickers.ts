/**
 * Stickerpacks and stickers on the wire (`/deployments/{id}/stickerpacks…`).
 */
import { SnakeCase } from "@wa-admin/core/adapter"
import { Schema } from "effect"
import { firstOf, optionalString, StringLike } from "./common.js"

/** One pack of `StickerpacksResponse`: its id. */
export const StickerpackSummary = Schema.Struct({ id: StringLike })

/** `StickerpacksResponse`: lists (third- and first-party). */
export const StickerpacksResponse = Schema.Struct({
  stickerpacks: Schema.optionalWith(Schema.Array(StickerpackSummary), { default: () => [] })
})

/** The answer to a creation: the new pack. */
export const CreatedStickerpack = Schema.Struct({
  stickerpacks: firstOf(StickerpackSummary, "stickerpack id")
})

/** POST /deployments/{id}/stickerpacks body, from the request's fields. */
export const StickerpackRequest = Schema.Struct(SnakeCase.fields({
  publisher: Schema.String,
  name: Schema.String,
  iosAppStoreLink: Schema.optional(Schema.String),
  androidAppStoreLink: Schema.optional(Schema.String)
}))

/** `StickerpackResponse`'s pack: GET /deployments/{id}/stickerpacks/{stickerpack_id}. */
export const Stickerpack = Schema.Struct(SnakeCase.fields({
  id: optionalString,
  name: optionalString,
  publisher: optionalString,
  iosAppStoreLink: optionalString,
  androidAppStoreLink: optionalString
}))

/** `StickerpackResponse`: the pack asked for. */
export const StickerpackResponse = Schema.Struct({ stickerpacks: firstOf(Stickerpack, "stickerpack") })

/** One sticker of `StickersResponse`: its index. */
export const StickerSummary = Schema.Struct({ index: StringLike })

/** `StickersResponse`: the sticker list. */
export const StickersResponse = Schema.Struct({
  stickers: Schema.optionalWith(Schema.Array(StickerSummary), { default: () => [] })
})

/** The answer to a sticker creation: the new sticker. */
export const CreatedSticker = Schema.Struct({ stickers: firstOf(StickerSummary, "sticker index") })

/**
 * Sticker emojis. The document's request example is a flat array (`["🐥", "😃"]`) but its
 * response examples nest it (`[["🐥", "😃"]]`): both are read, and flattened.
 */
export const Emojis = Schema.transform(
  Schema.Array(Schema.Union(Schema.String, Schema.Array(Schema.String))),
  Schema.Array(Schema.String),
  {
    strict: true,
    decode: (emojis) => emojis.flatMap((entry) => (typeof entry === "string" ? [entry] : entry)),
    encode: (emojis) => emojis
  }
)

/** POST /deployments/{id}/stickerpacks/{stickerpack_id}/stickers body, from the request's fields. */
export const StickerRequest = Schema.Struct(SnakeCase.fields({
  imageDataId: Schema.String,
  emojis: Schema.optional(Schema.Array(Schema.String))
}))

/** One sticker of `StickerIndexsResponse`. */
export const Sticker = Schema.Struct(SnakeCase.fields({
  index: optionalString,
  id: optionalString,
  imageDataId: optionalString,
  emojis: Schema.optionalWith(Emojis, { default: () => [] })
}))

/** `StickerIndexsResponse`: GET of one sticker. */
export const StickerResponse = Schema.Struct({ stickers: firstOf(Sticker, "sticker") })
