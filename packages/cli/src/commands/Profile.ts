/**
 * `wa-admin profile get|set` and `wa-admin profile photo get|set` — the business profile port.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Vertical } from "@wa-admin/core"
import * as GlobalOptions from "../GlobalOptions.js"
import { allOf, lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Profile.js"))

/**
 * `--number`: the provider's reference of a number (Vonage: deployment id; WOZTELL: phone
 * number id); default from the provider's environment, if any.
 *
 * @since 0.1.0
 * @category options
 */
export const number = Options.text("number").pipe(
  Options.withPseudoName("ref"),
  Options.withDescription(
    "The number, by the provider's reference (Vonage: deployment id; WOZTELL: phone number id); " +
      "default from the provider's environment, if any."
  ),
  Options.optional
)

const verticals = allOf<Vertical.Vertical>()([
  "Automotive",
  "Beauty",
  "Apparel",
  "Education",
  "Entertainment",
  "EventPlanning",
  "Finance",
  "Grocery",
  "Government",
  "Hotel",
  "Health",
  "NonProfit",
  "ProfessionalServices",
  "Retail",
  "Travel",
  "Restaurant",
  "Other",
  "NotABusiness"
])

const text = (name: string, description: string, pseudoName = "text") =>
  Options.text(name).pipe(Options.withPseudoName(pseudoName), Options.withDescription(description), Options.optional)

const byNumber = { ...GlobalOptions.options, number }

/** The flags of `profile get` and `profile photo get`, parsed. */
export type ByNumber = Command.Command.ParseConfig<typeof byNumber>

const get = Command.make("get", byNumber, programs((profile) => profile.get)).pipe(
  Command.withDescription("Show the number's business profile.")
)

const setFlags = {
  ...GlobalOptions.options,
  number,
  about: text("about", "The 'about' text."),
  address: text("address", "The business address."),
  description: text("description", "The business description."),
  email: text("email", "The contact email address.", "email"),
  vertical: text("vertical", `The business vertical, one of: ${verticals.join(", ")}.`, "vertical"),
  websites: Options.text("website").pipe(
    Options.withPseudoName("url"),
    Options.withDescription("A website, an http(s) URL (repeatable, at most 2; replaces the current list)."),
    Options.repeated
  ),
  photoUrl: text("photo-url", "The URL of the profile photo (http or https).", "url")
}

/** The flags of `profile set`, parsed. */
export type SetProfile = Command.Command.ParseConfig<typeof setFlags>

const set = Command.make("set", setFlags, programs((profile) => profile.set)).pipe(
  Command.withDescription(
    "Change the given profile fields and show the profile as it now stands. The fields not given stay as they are."
  )
)

const photoGet = Command.make("get", byNumber, programs((profile) => profile.photoGet)).pipe(
  Command.withDescription("Show where the profile photo was pulled from.")
)

const photoSetFlags = {
  ...GlobalOptions.options,
  number,
  url: Options.text("url").pipe(Options.withDescription("The URL (http or https) of the new profile photo."))
}

/** The flags of `profile photo set`, parsed. */
export type SetPhoto = Command.Command.ParseConfig<typeof photoSetFlags>

const photoSet = Command.make("set", photoSetFlags, programs((profile) => profile.photoSet)).pipe(
  Command.withDescription("Replace the profile photo with the image at a URL.")
)

const photo = Command.make("photo").pipe(
  Command.withDescription("Read or replace the profile photo."),
  Command.withSubcommands([photoGet, photoSet])
)

/**
 * `wa-admin profile …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("profile").pipe(
  Command.withDescription("Read and change a number's business profile and photo."),
  Command.withSubcommands([get, set, photo])
)
