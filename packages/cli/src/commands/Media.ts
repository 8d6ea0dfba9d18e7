/**
 * `wa-admin media upload` — the media port.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { Media, MediaHandle } from "@wa-admin/core"
import { Effect } from "effect"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { Session } from "../Session.js"
import * as SessionModule from "../Session.js"
import { groupHandler } from "./internal.js"
import { number } from "./Profile.js"

const upload = Command.make(
  "upload",
  {
    ...GlobalOptions.options,
    number,
    kind: Options.text("kind").pipe(
      Options.withDescription(`The kind of media: ${MediaHandle.MediaKind.literals.join(", ")}.`)
    ),
    url: Options.text("url").pipe(Options.withDescription("The public http(s) URL the provider pulls the media from."))
  },
  (config) =>
    SessionModule.run(
      config,
      Effect.gen(function* () {
        const session = yield* Session
        const request = yield* session.input(Media.UploadRequest, "media.upload")({
          number: yield* session.number(config.number, "media.upload"),
          kind: config.kind,
          url: config.url
        })
        const handle = yield* Media.upload(request)
        yield* Output.value(MediaHandle.MediaHandle, handle, Render.media)
      })
    )
).pipe(Command.withDescription("Have the provider pull media from a URL; prints its media id and when the id expires."))

/**
 * `wa-admin media …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("media", {}, groupHandler("media", ["upload"])).pipe(
  Command.withDescription("Upload media and get a media id."),
  Command.withSubcommands([upload])
)
