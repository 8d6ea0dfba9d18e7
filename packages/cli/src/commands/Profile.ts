/**
 * `wa-admin profile get|set` and `wa-admin profile photo get|set` — the business profile port.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { BusinessProfile, Profile, Vertical } from "@wa-admin/core"
import { Effect, Option } from "effect"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { Session } from "../Session.js"
import * as SessionModule from "../Session.js"
import { compact, groupHandler } from "./internal.js"

/**
 * `--number`: the provider's reference of a number (Vonage: deployment id; WOZTELL: phone
 * number id); default from the provider's environment, if any.
 *
 * @since 0.1.0
 * @category options
 */
export const number = Options.text("number").pipe(
  Options.withDescription(
    "The number, by the provider's reference (Vonage: deployment id; WOZTELL: phone number id); " +
      "default from the provider's environment, if any."
  ),
  Options.optional
)

const text = (name: string, description: string) =>
  Options.text(name).pipe(Options.withDescription(description), Options.optional)

const get = Command.make("get", { ...GlobalOptions.options, number }, (config) =>
  SessionModule.run(
    config,
    Effect.gen(function* () {
      const session = yield* Session
      const request = yield* session.input(BusinessProfile.NumberRef, "profile.get")({
        number: yield* session.number(config.number, "profile.get")
      })
      const profile = yield* BusinessProfile.get(request)
      yield* Output.value(Profile.Profile, profile, Render.profile)
    })
  )).pipe(Command.withDescription("Show the number's business profile."))

const set = Command.make(
  "set",
  {
    ...GlobalOptions.options,
    number,
    about: text("about", "The 'about' text."),
    address: text("address", "The business address."),
    description: text("description", "The business description."),
    email: text("email", "The contact email address."),
    vertical: text("vertical", `The business vertical, one of: ${Vertical.all.join(", ")}.`),
    websites: Options.text("website").pipe(
      Options.withDescription("A website, an http(s) URL (repeatable, at most 2; replaces the current list)."),
      Options.repeated
    ),
    photoUrl: text("photo-url", "The URL of the profile photo (http or https).")
  },
  (config) =>
    SessionModule.run(
      config,
      Effect.gen(function* () {
        const session = yield* Session
        const operation = "profile.update"
        const request = yield* session.input(BusinessProfile.UpdateRequest, operation)({
          number: yield* session.number(config.number, operation),
          profile: compact({
            about: Option.getOrUndefined(config.about),
            address: Option.getOrUndefined(config.address),
            description: Option.getOrUndefined(config.description),
            email: Option.getOrUndefined(config.email),
            vertical: Option.getOrUndefined(config.vertical),
            websites: config.websites.length === 0 ? undefined : config.websites,
            photoUrl: Option.getOrUndefined(config.photoUrl)
          })
        })
        const profile = yield* BusinessProfile.update(request)
        yield* Output.value(Profile.Profile, profile, Render.profile)
      })
    )
).pipe(
  Command.withDescription("Change the given profile fields (the others stay) and show the profile as it now stands.")
)

const photoGet = Command.make("get", { ...GlobalOptions.options, number }, (config) =>
  SessionModule.run(
    config,
    Effect.gen(function* () {
      const session = yield* Session
      const request = yield* session.input(BusinessProfile.NumberRef, "profile.photo.get")({
        number: yield* session.number(config.number, "profile.photo.get")
      })
      const photo = yield* BusinessProfile.getPhoto(request)
      yield* Output.value(Profile.ProfilePhoto, photo, Render.photo)
    })
  )).pipe(Command.withDescription("Show where the profile photo was pulled from."))

const photoSet = Command.make(
  "set",
  {
    ...GlobalOptions.options,
    number,
    url: Options.text("url").pipe(Options.withDescription("The URL (http or https) of the new profile photo."))
  },
  (config) =>
    SessionModule.run(
      config,
      Effect.gen(function* () {
        const session = yield* Session
        const request = yield* session.input(BusinessProfile.SetPhotoRequest, "profile.photo.set")({
          number: yield* session.number(config.number, "profile.photo.set"),
          url: config.url
        })
        const photo = yield* BusinessProfile.setPhoto(request)
        yield* Output.value(Profile.ProfilePhoto, photo, Render.photo)
      })
    )
).pipe(Command.withDescription("Replace the profile photo with the image at a URL."))

const photo = Command.make("photo", {}, groupHandler("profile photo", ["get", "set"])).pipe(
  Command.withDescription("Read or replace the profile photo."),
  Command.withSubcommands([photoGet, photoSet])
)

/**
 * `wa-admin profile …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("profile", {}, groupHandler("profile", ["get", "set", "photo"])).pipe(
  Command.withDescription("Read and change a number's business profile and photo."),
  Command.withSubcommands([get, set, photo])
)
