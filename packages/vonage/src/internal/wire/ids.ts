/**
 * The ids Vonage's paths carry, as the documents describe them, and the format of each path
 * placeholder (`pathIds`, which the client checks every path with).
 */
import { Id } from "@wa-admin/core"

/**
 * `deployment_id`. The document types it `string` but shows a UUID wherever it shows one (the
 * parameter's example, `DeploymentResponse`, the verify answer, the number-in-use detail "Active
 * deployment already exists with id 21801df5-…"), and the emulator's are UUIDs: a UUID it is.
 */
export const DeploymentId = Id.Uuid.annotations({
  message: () => "must be a Vonage deployment id: a UUID (8-4-4-4-12 hexadecimal digits)"
})

/**
 * `stickerpack_id`. The document says only `string` (examples `stickerpack-id`,
 * `sticker-pack-id1`), so the generic id rule.
 */
export const StickerpackId = Id.ResourceId

/**
 * `sticker_index`. The document says only `string` (examples `sticker-index`, `sticker-index1`),
 * so the generic id rule, not digits.
 */
export const StickerIndex = Id.ResourceId

/**
 * `image_data_id`, "the ID for the sticker media". The document says only `string` (example
 * `sticker-image-media-id`), so the generic id rule.
 */
export const MediaId = Id.ResourceId

/** `{id}` of the template API's `/wabas/{id}/templates`: a WABA id, Meta's digits. */
export const WabaId = Id.digits("a WABA id")

/**
 * What each id placed in a path is, by the input field it comes from (`id` and `number` are the
 * port's names for a deployment id): the formats every path of the adapter is built with.
 */
export const pathIds = {
  id: DeploymentId,
  number: DeploymentId,
  deploymentId: DeploymentId,
  stickerpackId: StickerpackId,
  index: StickerIndex,
  wabaId: WabaId
} as const
