/**
 * `wa-admin profile get|set` and `wa-admin profile photo get|set` — the business profile port.
 *
 * @since 0.1.0
 */
import { verticals } from "@wa-admin/core/Vocabulary"
import { commandGroup, type FlagsOf, optionalText, repeatedText, text } from "./internal.js"

/**
 * `--number`: the provider's reference of a number (Vonage: deployment id; WOZTELL: phone
 * number id); default from the provider's environment, if any.
 *
 * @since 0.1.0
 * @category options
 */
export const number = optionalText(
  "number",
  "The number, by the provider's reference (Vonage: deployment id; WOZTELL: phone number id); " +
    "default from the provider's environment, if any.",
  "ref"
)

const profileFlags = {
  get: { number },
  set: {
    number,
    about: optionalText("about", "The 'about' text.", "text"),
    address: optionalText("address", "The business address.", "text"),
    description: optionalText("description", "The business description.", "text"),
    email: optionalText("email", "The contact email address.", "email"),
    vertical: optionalText("vertical", `The business vertical, one of: ${verticals.join(", ")}.`, "vertical"),
    websites: repeatedText(
      "website",
      "A website, an http(s) URL (repeatable, at most 2; replaces the current list).",
      "url"
    ),
    photoUrl: optionalText("photo-url", "The URL of the profile photo (http or https).", "url")
  }
}

/** The flags of `profile get` and `profile set`, parsed (`Flags["set"]`). */
export type Flags = FlagsOf<typeof profileFlags>

const photoFlags = {
  get: { number },
  set: { number, url: text("url", "The URL (http or https) of the new profile photo.") }
}

/** The flags of `profile photo get` and `profile photo set`, parsed (`PhotoFlags["set"]`). */
export type PhotoFlags = FlagsOf<typeof photoFlags>

const programs = () => import("../programs/Profile.js")

/**
 * `wa-admin profile …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "profile",
  description: "Read and change a number's business profile and photo.",
  commands: [
    ["get", "Show the number's business profile."],
    [
      "set",
      "Change the given profile fields and show the profile as it now stands. The fields not given stay as they are."
    ],
    commandGroup({
      name: "photo",
      description: "Read or replace the profile photo.",
      programs,
      flags: photoFlags,
      commands: [
        ["get", (profile) => profile.photoGet, "Show where the profile photo was pulled from."],
        ["set", (profile) => profile.photoSet, "Replace the profile photo with the image at a URL."]
      ]
    })
  ],
  programs,
  flags: profileFlags
})
