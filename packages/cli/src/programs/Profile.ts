/**
 * What `wa-admin profile …` does once its flags are parsed (loaded when one of them runs).
 *
 * @since 0.1.0
 */
import { BusinessProfile, Profile } from "@wa-admin/core"
import { Effect, Option } from "effect"
import type * as ProfileCommand from "../commands/Profile.js"
import * as Render from "../Render.js"
import { checkCallShow, compact, onNumber } from "./internal.js"

/**
 * `wa-admin profile get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = onNumber(
  "profile.get",
  BusinessProfile.NumberRef,
  BusinessProfile.get,
  Profile.Profile,
  Render.profile
)

/**
 * `wa-admin profile set`
 *
 * @since 0.1.0
 * @category programs
 */
export const set = checkCallShow(
  "profile.update",
  (session, config: ProfileCommand.Flags["set"], operation) =>
    Effect.gen(function*() {
      const port = yield* BusinessProfile.BusinessProfile
      return yield* session.inputAll(BusinessProfile.UpdateRequest, operation, port.validate)({
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
    }),
  BusinessProfile.update,
  Profile.Profile,
  Render.profile
)

/**
 * `wa-admin profile photo get`
 *
 * @since 0.1.0
 * @category programs
 */
export const photoGet = onNumber(
  "profile.photo.get",
  BusinessProfile.NumberRef,
  BusinessProfile.getPhoto,
  Profile.ProfilePhoto,
  Render.photo
)

/**
 * `wa-admin profile photo set`
 *
 * @since 0.1.0
 * @category programs
 */
export const photoSet = onNumber(
  "profile.photo.set",
  BusinessProfile.SetPhotoRequest,
  BusinessProfile.setPhoto,
  Profile.ProfilePhoto,
  Render.photo,
  (config: ProfileCommand.PhotoFlags["set"]) => ({ url: config.url })
)
