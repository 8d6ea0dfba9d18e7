/**
 * `wa-admin media upload` — the media port.
 *
 * @since 0.1.0
 */
import type { MediaHandle } from "@wa-admin/core"
import { allOf, commandGroup, type FlagsOf, optionalText, text } from "./internal.js"
import { number } from "./Profile.js"

const kinds = allOf<MediaHandle.MediaKind>()(["image", "audio", "video", "document", "sticker"])

const assetKinds = allOf<MediaHandle.TemplateAssetKind>()(["image", "video", "document"])

const flags = {
  upload: {
    number,
    kind: text("kind", `The kind of media: ${kinds.join(", ")}.`, "kind"),
    url: text("url", "The public http(s) URL the provider pulls the media from.")
  },
  asset: {
    wabaId: optionalText(
      "waba-id",
      "The WhatsApp Business Account the template belongs to (digits); default from the provider's environment, if any.",
      "id"
    ),
    kind: text("kind", `The kind of the template header's file: ${assetKinds.join(", ")}.`, "kind"),
    url: text("url", "The public http(s) URL of the file; it is downloaded (without credentials) and uploaded.")
  }
}

/** The flags of `media upload` and `media asset`, parsed (`Flags["upload"]`). */
export type Flags = FlagsOf<typeof flags>

/**
 * `wa-admin media …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "media",
  description: "Upload media and get a media id, or a template header's file and get its handle.",
  commands: [
    [
      "upload",
      "Upload media from a URL and print its media id. The provider pulls the media from the URL; the id expires " +
      "(when is printed too)."
    ],
    [
      "asset",
      "Upload a template header's file and print its handle. A template's media header (its example) is created " +
      "with the handle (Meta, Vonage). Unlike a media id it does not serve to send a message. A provider that fetches the file from " +
      "its URL itself (WOZTELL) answers Unsupported (exit 10) with the reason."
    ]
  ],
  programs: () => import("../programs/Media.js"),
  flags
})
