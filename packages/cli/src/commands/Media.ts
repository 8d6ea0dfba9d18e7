/**
 * `wa-admin media upload` — the media port.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { MediaHandle } from "@wa-admin/core"
import * as GlobalOptions from "../GlobalOptions.js"
import { allOf, lazy } from "./internal.js"
import { number } from "./Profile.js"

const programs = lazy(() => import("../programs/Media.js"))

const kinds = allOf<MediaHandle.MediaKind>()(["image", "audio", "video", "document", "sticker"])

const uploadFlags = {
  ...GlobalOptions.options,
  number,
  kind: Options.text("kind").pipe(
    Options.withPseudoName("kind"),
    Options.withDescription(`The kind of media: ${kinds.join(", ")}.`)
  ),
  url: Options.text("url").pipe(Options.withDescription("The public http(s) URL the provider pulls the media from."))
}

/** The flags of `media upload`, parsed. */
export type Upload = Command.Command.ParseConfig<typeof uploadFlags>

const upload = Command.make("upload", uploadFlags, programs((media) => media.upload)).pipe(
  Command.withDescription(
    "Upload media from a URL and print its media id. The provider pulls the media from the URL; the id expires " +
      "(when is printed too)."
  )
)

const assetKinds = allOf<MediaHandle.TemplateAssetKind>()(["image", "video", "document"])

const assetFlags = {
  ...GlobalOptions.options,
  wabaId: Options.text("waba-id").pipe(
    Options.withPseudoName("id"),
    Options.withDescription(
      "The WhatsApp Business Account the template belongs to (digits); default from the provider's environment, if any."
    ),
    Options.optional
  ),
  kind: Options.text("kind").pipe(
    Options.withPseudoName("kind"),
    Options.withDescription(`The kind of the template header's file: ${assetKinds.join(", ")}.`)
  ),
  url: Options.text("url").pipe(
    Options.withDescription("The public http(s) URL of the file; it is downloaded (without credentials) and uploaded.")
  )
}

/** The flags of `media asset`, parsed. */
export type Asset = Command.Command.ParseConfig<typeof assetFlags>

const asset = Command.make("asset", assetFlags, programs((media) => media.asset)).pipe(
  Command.withDescription(
    "Upload a template header's file and print its handle. A template's media header (its example) is created " +
      "with the handle (Meta, Vonage). Unlike a media id it does not serve to send a message. A provider that fetches the file from " +
      "its URL itself (WOZTELL) answers Unsupported (exit 10) with the reason."
  )
)

/**
 * `wa-admin media …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("media").pipe(
  Command.withDescription("Upload media and get a media id, or a template header's file and get its handle."),
  Command.withSubcommands([upload, asset])
)
