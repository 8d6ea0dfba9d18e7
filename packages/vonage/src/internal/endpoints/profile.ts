/**
 * The business profile endpoints (`BusinessProfile`): the profile and its photo.
 */
import { Endpoint } from "@wa-admin/core/adapter"
import * as Wire from "../wire/profile.js"
import { deployment } from "./common.js"

const profile = deployment("number", "/profile")

/** GET /deployments/{deployment_id}/profile. */
export const getProfile = profile.read("profile.get", "", Wire.ProfileResponse)

const changeBody = Endpoint.jsonOf(Wire.ProfileChange)

/** PATCH /deployments/{deployment_id}/profile. */
export const updateProfile = profile.send({
  operation: "profile.update",
  method: "PATCH",
  // idempotent: setting the same fields twice leaves the same profile.
  idempotent: true,
  body: ({ profile }: { readonly profile: typeof Wire.ProfileChange.Type }) => changeBody(profile),
  response: Wire.ProfileResponse
})

/** GET /deployments/{deployment_id}/profile/photo. */
export const getPhoto = profile.read("profile.photo.get", "/photo", Wire.ProfilePhotoResponse)

/** POST /deployments/{deployment_id}/profile/photo. */
export const setPhoto = profile.send({
  operation: "profile.photo.set",
  method: "POST",
  path: "/photo",
  // idempotent: it replaces the photo with the one at the URL; twice leaves the same photo.
  idempotent: true,
  body: Endpoint.jsonOf(Wire.ProfilePhotoRequest),
  response: Wire.ProfilePhotoResponse
})
