/**
 * The business profile of a number (`/{Phone-Number-ID}/whatsapp_business_profile`), with the
 * document's rules: `messaging_product: "whatsapp"`, about 1–139 characters, address and
 * description up to 256, email up to 128, at most 2 websites of up to 256, a vertical from the
 * document's codes, and a profile picture set from a resumable-upload handle. An empty address,
 * description or email, or no websites, clears the field.
 *
 * @internal
 */
import { Vertical } from "@wa-admin/core"
import { Effect } from "effect"
import type { Action, Context } from "./context.js"
import { managing } from "./context.js"
import { pick, requestedFields } from "./fields.js"
import { invalidParameter, ok, success, unprocessable } from "./graph.js"
import { isWebUrl, jsonBody, optionalText, requiredText } from "./input.js"
import type { PhoneNumber } from "./state.js"
import { record } from "./state.js"

/**
 * The document's `WhatsAppBusinessVertical` codes, which a profile update takes: the platform's
 * codes core spells (`Vertical.metaCodes`, checked against this document by the package's tests)
 * but `NOT_A_BIZ`, which only the answer's enum has, and the four this enum adds.
 */
export const verticals: ReadonlyArray<string> = [
  ...Vertical.metaCodes.values.filter((code) => code !== "NOT_A_BIZ"),
  "ALCOHOL",
  "ONLINE_GAMBLING",
  "PHYSICAL_GAMBLING",
  "OTC_DRUGS"
]

/** The image types a profile picture may have. */
const pictureTypes = ["image/jpeg", "image/jpg", "image/png"]

/** A number's business profile, field by field, as the document answers it. */
const profileValues = (context: Context, phone: PhoneNumber): Record<string, unknown> => {
  const profile = phone.profile
  const picture = profile.pictureHandle === undefined ? undefined : context.state.handles.get(profile.pictureHandle)
  return {
    messaging_product: "whatsapp",
    about: profile.about,
    address: profile.address,
    description: profile.description,
    email: profile.email,
    profile_picture_url: picture === undefined ? undefined : context.settings.assets.url(picture.assetKey),
    websites: profile.websites,
    vertical: profile.vertical
  }
}

/** `GET /{Phone-Number-ID}/whatsapp_business_profile`: `{ data: [{ business_profile }] }`, as the document shows. */
export const getProfile = (context: Context): Action<"phone"> => ({
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call, phone) => {
    const values = profileValues(context, phone)
    const fields = Object.keys(values)
    return Effect.map(
      requestedFields(call.query, fields, fields),
      (requested) => ok({ data: [{ business_profile: pick(requested, values, ["messaging_product"]) }] })
    )
  }
})

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** `POST /{Phone-Number-ID}/whatsapp_business_profile`. */
export const updateProfile = managing<"phone">((context, call, phone) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, [
      "messaging_product",
      "about",
      "address",
      "description",
      "email",
      "profile_picture_handle",
      "websites",
      "vertical"
    ])
    yield* requiredText(body["messaging_product"], "messaging_product", { values: ["whatsapp"] })
    const about = yield* optionalText(body["about"], "about", { minLength: 1, maxLength: 139 })
    const address = yield* optionalText(body["address"], "address", { maxLength: 256 })
    const description = yield* optionalText(body["description"], "description", { maxLength: 256 })
    const email = yield* optionalText(body["email"], "email", { maxLength: 128 })
    if (email !== undefined && email !== "" && !emailPattern.test(email)) {
      return yield* Effect.fail(invalidParameter("Invalid parameter: email must be a valid email address"))
    }
    const vertical = yield* optionalText(body["vertical"], "vertical", { values: verticals })
    const websitesValue = body["websites"]
    let websites: ReadonlyArray<string> | undefined
    if (websitesValue !== undefined) {
      if (!Array.isArray(websitesValue) || websitesValue.length > 2) {
        return yield* Effect.fail(invalidParameter("Invalid parameter: websites must be an array of at most 2 URLs"))
      }
      const checked: Array<string> = []
      for (const website of websitesValue) {
        if (typeof website !== "string" || website.length > 256 || !isWebUrl(website)) {
          return yield* Effect.fail(
            invalidParameter("Invalid parameter: each of websites must be an http(s) URL of at most 256 characters")
          )
        }
        checked.push(website)
      }
      websites = checked
    }
    const handleText = yield* optionalText(body["profile_picture_handle"], "profile_picture_handle")
    if (handleText !== undefined) {
      const handle = context.state.handles.get(handleText)
      if (handle === undefined || !pictureTypes.includes(handle.fileType)) {
        return yield* Effect.fail(unprocessable("The profile picture handle is invalid or expired"))
      }
    }
    const profile = phone.profile
    if (about !== undefined) profile.about = about
    if (address !== undefined) profile.address = address === "" ? undefined : address
    if (description !== undefined) profile.description = description === "" ? undefined : description
    if (email !== undefined) profile.email = email === "" ? undefined : email
    if (vertical !== undefined) profile.vertical = vertical
    if (websites !== undefined) profile.websites = websites.length === 0 ? undefined : websites
    if (handleText !== undefined) profile.pictureHandle = handleText
    record(context.state, "updateProfile", phone.id)
    return success
  })
)
