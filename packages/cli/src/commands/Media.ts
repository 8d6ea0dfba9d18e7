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

/**
 * `wa-admin media …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("media").pipe(
  Command.withDescription("Upload media and get a media id."),
  Command.withSubcommands([upload])
)
