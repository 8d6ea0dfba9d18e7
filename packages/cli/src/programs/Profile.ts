/**
 * What `wa-admin profile …` does once its flags are parsed (loaded when one of them runs).
 *
 * @since 0.1.0
 */
import { BusinessProfile, Profile } from "@wa-admin/core"
import { Effect, Option } from "effect"
import type * as ProfileCommand from "../commands/Profile.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { Session } from "../Session.js"
import * as SessionModule from "../Session.js"
import { compact } from "./internal.js"

/**
 * `wa-admin profile get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = (config: ProfileCommand.ByNumber) =>
  SessionModule.run(
    config,
    Effect.gen(function*() {
      const session = yield* Session
      const request = yield* session.input(BusinessProfile.NumberRef, "profile.get")({
        number: yield* session.number(config.number, "profile.get")
      })
      const profile = yield* BusinessProfile.get(request)
      yield* Output.value(Profile.Profile, profile, Render.profile)
    })
  )

/**
 * `wa-admin profile set`
 *
 * @since 0.1.0
 * @category programs
 */
export const set = (config: ProfileCommand.SetProfile) =>
  SessionModule.run(
    config,
    Effect.gen(function*() {
      const session = yield* Session
      const operation = "profile.update"
      const port = yield* BusinessProfile.BusinessProfile
      const request = yield* session.inputAll(BusinessProfile.UpdateRequest, operation, port.validate)({
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

/**
 * `wa-admin profile photo get`
 *
 * @since 0.1.0
 * @category programs
 */
export const photoGet = (config: ProfileCommand.ByNumber) =>
  SessionModule.run(
    config,
    Effect.gen(function*() {
      const session = yield* Session
      const request = yield* session.input(BusinessProfile.NumberRef, "profile.photo.get")({
        number: yield* session.number(config.number, "profile.photo.get")
      })
      const photo = yield* BusinessProfile.getPhoto(request)
      yield* Output.value(Profile.ProfilePhoto, photo, Render.photo)
    })
  )

/**
 * `wa-admin profile photo set`
 *
 * @since 0.1.0
 * @category programs
 */
export const photoSet = (config: ProfileCommand.SetPhoto) =>
  SessionModule.run(
    config,
    Effect.gen(function*() {
      const session = yield* Session
      const request = yield* session.input(BusinessProfile.SetPhotoRequest, "profile.photo.set")({
        number: yield* session.number(config.number, "profile.photo.set"),
        url: config.url
      })
      const photo = yield* BusinessProfile.setPhoto(request)
      yield* Output.value(Profile.ProfilePhoto, photo, Render.photo)
    })
  )
