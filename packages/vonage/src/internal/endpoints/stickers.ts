/**
 * The stickerpack and sticker endpoints (`VonageStickers`).
 */
import { Endpoint } from "@wa-admin/core/adapter"
import * as Wire from "../wire/stickers.js"
import { deployment, resource } from "./common.js"

const packs = deployment("deploymentId", "/stickerpacks")
const pack = resource("/deployments/{deploymentId}/stickerpacks/{stickerpackId}", {
  resource: "stickerpack",
  id: (input: { readonly stickerpackId: string }) => input.stickerpackId
})
const sticker = resource("/deployments/{deploymentId}/stickerpacks/{stickerpackId}/stickers/{index}", {
  resource: "sticker",
  id: (input: { readonly index: string }) => input.index
})

/** GET /deployments/{deployment_id}/stickerpacks. */
export const listStickerpacks = packs.read("stickers.listStickerpacks", "", Wire.StickerpacksResponse)

/** GET /deployments/{deployment_id}/stickerpacks?namespace=whatsapp: WhatsApp's own packs. */
export const listWhatsAppStickerpacks = packs.read(
  "stickers.listWhatsAppStickerpacks",
  "",
  Wire.StickerpacksResponse,
  () => ({ namespace: "whatsapp" })
)

/** POST /deployments/{deployment_id}/stickerpacks. */
export const createStickerpack = packs.send({
  operation: "stickers.createStickerpack",
  method: "POST",
  // idempotent: no — a second POST would create a second pack.
  idempotent: false,
  body: Endpoint.jsonOf(Wire.StickerpackRequest),
  response: Wire.CreatedStickerpack
})

/** GET /deployments/{deployment_id}/stickerpacks/{stickerpack_id}. */
export const getStickerpack = pack.read("stickers.getStickerpack", "", Wire.StickerpackResponse)

/** GET /deployments/{deployment_id}/stickerpacks/{stickerpack_id}/stickers. */
export const listStickers = pack.read("stickers.listStickers", "/stickers", Wire.StickersResponse)

/** POST /deployments/{deployment_id}/stickerpacks/{stickerpack_id}/stickers. */
export const createSticker = pack.send({
  operation: "stickers.createSticker",
  method: "POST",
  path: "/stickers",
  // idempotent: no — a second POST would add the sticker twice.
  idempotent: false,
  body: Endpoint.jsonOf(Wire.StickerRequest),
  response: Wire.CreatedSticker
})

/** GET /deployments/{deployment_id}/stickerpacks/{stickerpack_id}/stickers/{sticker_index}. */
export const getSticker = sticker.read("stickers.getSticker", "", Wire.StickerResponse)

/** DELETE /deployments/{deployment_id}/stickerpacks/{stickerpack_id}/stickers/{sticker_index}. */
export const deleteSticker = sticker.remove("stickers.deleteSticker")
