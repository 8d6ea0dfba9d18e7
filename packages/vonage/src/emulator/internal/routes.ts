/**
 * The seventeen operations of the WhatsApp Manager document, under `/v0.1/whatsapp-manager`, as
 * routes of the emulator host.
 *
 * @internal
 */
import type { EmulatorHost } from "@wa-admin/core/testing"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Reply } from "./reply.js"
import { notFound, ok, problem, unprocessable, unprocessableProfileUpdate } from "./reply.js"
import type { Deployment, Sticker, Stickerpack, Store } from "./store.js"
import { awaitingCodeStates, firstPartyPacks, transitionalStates } from "./store.js"
import type { Throttle } from "./throttle.js"
import type { JsonObject } from "./validation.js"
import { isObject, isPhotoUrl, Issues, jsonBody, profileUpdate, verificationMethods } from "./validation.js"

/** @internal */
export const basePath = "/v0.1/whatsapp-manager"

/** A request as the routes see it: the path parameters carry the document's names. @internal */
type Incoming = EmulatorHost.Call

/** @internal */
export interface Settings {
  readonly store: Store
  readonly apiKey: string
  readonly vname: string
  readonly maxVerifyAttempts: number
  readonly forbiddenWabaIds: ReadonlySet<string>
  readonly throttle: Throttle | undefined
}

type Handler = (settings: Settings, incoming: Incoming) => Reply

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

const withJson = (incoming: Incoming, use: (body: unknown) => Reply): Reply =>
  Either.match(jsonBody(incoming.content), { onLeft: (reply) => reply, onRight: use })

const withObject = (incoming: Incoming, use: (body: JsonObject) => Reply): Reply =>
  withJson(
    incoming,
    (body) => isObject(body) ? use(body) : unprocessable([{ name: "body", reason: "must be a JSON object" }])
  )

/** A deployment that exists: DELETED ones are gone for every operation but GET and DELETE. */
const withLiveDeployment = (settings: Settings, id: string, use: (deployment: Deployment) => Reply): Reply => {
  const deployment = settings.store.deployments.get(id)
  return deployment === undefined || deployment.state === "DELETED" ? notFound() : use(deployment)
}

const stickerpackNotFound = () => notFound("Stickerpack does not exist or you do not have access.")

const deploymentId = (incoming: Incoming): string => incoming.params["deployment_id"] ?? ""

const withStickerpack = (
  settings: Settings,
  incoming: Incoming,
  use: (stickerpack: Stickerpack, deployment: Deployment) => Reply
): Reply =>
  withLiveDeployment(settings, deploymentId(incoming), (deployment) => {
    const stickerpack = settings.store.stickerpack(deployment, incoming.params["stickerpack_id"] ?? "")
    return stickerpack === undefined ? stickerpackNotFound() : use(stickerpack, deployment)
  })

const deploymentBody = (settings: Settings, deployment: Deployment) => ({
  deployment_id: deployment.id,
  waba_id: deployment.wabaId,
  country_code: deployment.countryCode,
  number: deployment.number,
  api_key: settings.apiKey,
  current_state: { title: deployment.state, detail: deployment.detail }
})

/** The document's quirk: a single sticker's `emojis` come back wrapped in another array. */
const stickerBody = (sticker: Sticker) => ({
  stickers: [{ id: sticker.id, image_data_id: sticker.imageDataId, emojis: [sticker.emojis] }]
})

const packIds = (packs: Iterable<Stickerpack>) => ({ stickerpacks: Array.from(packs, (pack) => ({ id: pack.id })) })

// ---------------------------------------------------------------------------------------------
// deployments
// ---------------------------------------------------------------------------------------------

const createDeployment: Handler = (settings, incoming) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const countryCode = issues.matching(body, "country_code", /^[1-9]\d{0,2}$/, "must be 1 to 3 digits", {
      required: true
    })
    const number = issues.matching(body, "number", /^\d{4,14}$/, "must be 4 to 14 digits, without the country code", {
      required: true
    })
    if (countryCode !== undefined && number !== undefined && countryCode.length + number.length > 15) {
      issues.add("number", "with the country code, must be at most 15 digits")
    }
    const vnameCertificate = issues.string(body, "vname_certificate", { required: true, min: 1 })
    const method = issues.oneOf(body, "method", verificationMethods, { required: true })
    const wabaId = issues.matching(body, "waba_id", /^\d+$/, "must be digits", { required: true })
    const pin = issues.matching(body, "pin", /^\d{6}$/, "must be 6 digits", { required: false })
    if (
      !issues.isEmpty || countryCode === undefined || number === undefined || vnameCertificate === undefined ||
      method === undefined || wabaId === undefined
    ) {
      return unprocessable(issues.list)
    }
    if (settings.forbiddenWabaIds.has(wabaId)) {
      return problem(
        403,
        "forbidden",
        "Forbidden",
        "Your account does not have permission to perform this action - see https://www.vonage.com/communications-apis/contact-api/ for more details about getting signed up to send WhatsApp messages."
      )
    }
    const existing = settings.store.inUse(countryCode, number)
    if (existing !== undefined) {
      return problem(
        409,
        "number-in-use",
        "Number already in use",
        `Active deployment already exists with id ${existing.id}`
      )
    }
    const deployment = settings.store.create(incoming.now, {
      wabaId,
      countryCode,
      number,
      vnameCertificate,
      method,
      pin
    })
    settings.store.recordEffect("createDeployment", deployment.id)
    return ok(202, deploymentBody(settings, deployment))
  })

const getDeployment: Handler = (settings, incoming) => {
  const deployment = settings.store.deployments.get(deploymentId(incoming))
  return deployment === undefined ? notFound() : ok(200, deploymentBody(settings, deployment))
}

const deleteDeployment: Handler = (settings, incoming) => {
  const deployment = settings.store.deployments.get(deploymentId(incoming))
  if (deployment === undefined) return notFound()
  // Deleting what is already deleted changes nothing; the document lists no error for it.
  if (deployment.state === "DELETED") return ok(204)
  if (transitionalStates.has(deployment.state)) {
    return problem(
      409,
      "conflict-deployment-state",
      "Conflict",
      `Deployment cannot be deleted because it is in the ${deployment.state} state.`
    )
  }
  settings.store.delete(incoming.now, deployment)
  settings.store.recordEffect("deleteDeployment", deployment.id)
  return ok(204)
}

// ---------------------------------------------------------------------------------------------
// OTP
// ---------------------------------------------------------------------------------------------

const resendOtp: Handler = (settings, incoming) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const method = issues.oneOf(body, "method", verificationMethods, { required: false })
    if (!issues.isEmpty) return unprocessable(issues.list)
    return withLiveDeployment(settings, deploymentId(incoming), (deployment) => {
      if (!awaitingCodeStates.has(deployment.state)) {
        const finished = deployment.state === "CODE_VERIFIED" || deployment.state === "FINALIZING" ||
          deployment.state === "READY"
        return finished
          ? problem(409, "conflict-resend-otp", "Deployment Completed, Resend Failed", "OTP not required.")
          : problem(
            409,
            "conflict-resend-otp",
            "Resend Failed",
            `A code cannot be sent while the deployment is in the ${deployment.state} state.`
          )
      }
      // The schema does not require `method`; without one the code goes the way the first did.
      const chosen = method ?? deployment.method
      settings.store.sendCode(deployment, chosen)
      deployment.state = "CODE_SENT"
      settings.store.recordEffect("resend-otp", deployment.id)
      return ok(202, { message: "Code sent", vname: settings.vname, method: chosen })
    })
  })

const verificationFailed = (detail: string, invalidCode: boolean): Reply =>
  problem(422, "verification-failed", "Verification Failed", detail, {
    ...(invalidCode ? { invalidParameters: [{ name: "code", reason: "Invalid code provided." }] } : {})
  })

const verify: Handler = (settings, incoming) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const code = issues.string(body, "code", { required: true, min: 1 })
    if (code === undefined) return unprocessable(issues.list)
    return withLiveDeployment(settings, deploymentId(incoming), (deployment) => {
      if (!awaitingCodeStates.has(deployment.state) || deployment.code === undefined) {
        // The document lists only 422 verification-failed for verify; a deployment that awaits
        // no code fails verification the same way, saying why.
        return verificationFailed(
          `Deployment could not be verified because it is in the ${deployment.state} state and awaits no code.`,
          false
        )
      }
      if (deployment.attempts >= settings.maxVerifyAttempts) {
        return verificationFailed(
          `Deployment could not be created because the verification failed: too many attempts (${settings.maxVerifyAttempts}); request a new code with resend-otp.`,
          false
        )
      }
      if (code !== deployment.code) {
        settings.store.wrongCode(deployment, settings.maxVerifyAttempts)
        return verificationFailed("Deployment could not be created because the verification failed.", true)
      }
      settings.store.verified(incoming.now, deployment)
      settings.store.recordEffect("verify", deployment.id)
      return ok(201, { deployment_id: deployment.id, status: "Deployment was Created" })
    })
  })

// ---------------------------------------------------------------------------------------------
// profile
// ---------------------------------------------------------------------------------------------

const getProfile: Handler = (settings, incoming) =>
  withLiveDeployment(settings, deploymentId(incoming), (deployment) => ok(200, deployment.profile))

const updateProfile: Handler = (settings, incoming) =>
  withJson(incoming, (body) =>
    Either.match(profileUpdate(body), {
      onLeft: unprocessableProfileUpdate,
      onRight: (update) =>
        withLiveDeployment(settings, deploymentId(incoming), (deployment) => {
          deployment.profile = { ...deployment.profile, ...update }
          settings.store.recordEffect("updateProfile", deployment.id)
          return ok(200, deployment.profile)
        })
    }))

const getProfilePhoto: Handler = (settings, incoming) =>
  withLiveDeployment(settings, deploymentId(incoming), (deployment) =>
    // Before any photo is set there is nothing to point at; the body is then empty.
    ok(200, deployment.photoUrl === undefined ? {} : { image_url: deployment.photoUrl }))

const updateProfilePhoto: Handler = (settings, incoming) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const imageUrl = issues.string(body, "image_url", { required: true, min: 1 })
    if (imageUrl !== undefined && !isPhotoUrl(imageUrl)) {
      issues.add("image_url", "Url was not in a valid format: expected an http(s) URL to a .png, .jpg or .jpeg")
    }
    if (!issues.isEmpty || imageUrl === undefined) return unprocessable(issues.list)
    return withLiveDeployment(settings, deploymentId(incoming), (deployment) => {
      deployment.photoUrl = imageUrl
      settings.store.recordEffect("updateProfilePhoto", deployment.id)
      return ok(200, { image_url: imageUrl })
    })
  })

// ---------------------------------------------------------------------------------------------
// stickerpacks and stickers
// ---------------------------------------------------------------------------------------------

const getStickerpacks: Handler = (settings, incoming) => {
  const namespace = incoming.query["namespace"]
  if (namespace !== undefined && namespace !== "whatsapp") {
    return unprocessable([{ name: "namespace", reason: "must be whatsapp" }])
  }
  return withLiveDeployment(
    settings,
    deploymentId(incoming),
    (deployment) => ok(200, packIds(namespace === "whatsapp" ? firstPartyPacks : deployment.stickerpacks.values()))
  )
}

const iosLink = /^https:\/\/itunes\.apple\.com\/app\/id\d+$/
const androidLink = /^https:\/\/play\.google\.com\/store\/apps\/details\?id=[A-Za-z][\w]*(\.[A-Za-z][\w]*)+$/

const createStickerpacks: Handler = (settings, incoming) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const publisher = issues.string(body, "publisher", { required: true, min: 1 })
    const name = issues.string(body, "name", { required: true, min: 1 })
    const iosAppStoreLink = issues.matching(
      body,
      "ios_app_store_link",
      iosLink,
      "must follow the format https://itunes.apple.com/app/idXXXXXXXXX",
      { required: false }
    )
    const androidAppStoreLink = issues.matching(
      body,
      "android_app_store_link",
      androidLink,
      "must follow the format https://play.google.com/store/apps/details?id=com.example",
      { required: false }
    )
    if (!issues.isEmpty || publisher === undefined || name === undefined) return unprocessable(issues.list)
    return withLiveDeployment(settings, deploymentId(incoming), (deployment) => {
      const stickerpack = settings.store.createStickerpack(deployment, {
        publisher,
        name,
        iosAppStoreLink,
        androidAppStoreLink
      })
      settings.store.recordEffect("createStickerpacks", stickerpack.id)
      return ok(200, packIds([stickerpack]))
    })
  })

const getStickerpacksById: Handler = (settings, incoming) =>
  withStickerpack(settings, incoming, (stickerpack) =>
    ok(200, {
      stickerpacks: [{
        name: stickerpack.name,
        publisher: stickerpack.publisher,
        ...(stickerpack.androidAppStoreLink === undefined
          ? {}
          : { android_app_store_link: stickerpack.androidAppStoreLink }),
        ...(stickerpack.iosAppStoreLink === undefined ? {} : { ios_app_store_link: stickerpack.iosAppStoreLink })
      }]
    }))

const getStickers: Handler = (settings, incoming) =>
  withStickerpack(
    settings,
    incoming,
    (stickerpack) =>
      ok(200, { stickers: Array.from(stickerpack.stickers.values(), (sticker) => ({ index: sticker.index })) })
  )

// The document lists no 403 for stickers; WhatsApp's own packs are read-only, and a change to
// one is refused as forbidden, the document's answer for what an account may not do.
const firstPartyReadOnly = () =>
  problem(403, "forbidden", "Forbidden", "First-party (WhatsApp) stickerpacks cannot be changed.")

const createStickers: Handler = (settings, incoming) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const imageDataId = issues.string(body, "image_data_id", { required: true, min: 1 })
    const emojis = body["emojis"]
    const validEmojis = emojis === undefined ||
      (Array.isArray(emojis) && emojis.every((emoji) => typeof emoji === "string" && emoji !== ""))
    if (!validEmojis) issues.add("emojis", "must be an array of emojis")
    if (!issues.isEmpty || imageDataId === undefined) return unprocessable(issues.list)
    return withStickerpack(settings, incoming, (stickerpack) => {
      if (stickerpack.firstParty) return firstPartyReadOnly()
      const sticker = settings.store.createSticker(stickerpack, {
        imageDataId,
        emojis: Array.isArray(emojis) ? emojis.filter((emoji): emoji is string => typeof emoji === "string") : []
      })
      settings.store.recordEffect("createStickers", `${stickerpack.id}/${sticker.index}`)
      return ok(200, { stickers: [{ index: sticker.index }] })
    })
  })

const stickerNotFound = () => notFound("Sticker does not exist or you do not have access.")

const getStickerByIndex: Handler = (settings, incoming) =>
  withStickerpack(settings, incoming, (stickerpack) => {
    const sticker = stickerpack.stickers.get(incoming.params["sticker_index"] ?? "")
    return sticker === undefined ? stickerNotFound() : ok(200, stickerBody(sticker))
  })

const deleteStickerByIndex: Handler = (settings, incoming) =>
  withStickerpack(settings, incoming, (stickerpack) => {
    const sticker = stickerpack.stickers.get(incoming.params["sticker_index"] ?? "")
    if (sticker === undefined) return stickerNotFound()
    if (stickerpack.firstParty) return firstPartyReadOnly()
    stickerpack.stickers.delete(sticker.index)
    settings.store.recordEffect("deleteStickerByIndex", `${stickerpack.id}/${sticker.index}`)
    return ok(200, stickerBody(sticker))
  })

// ---------------------------------------------------------------------------------------------
// routing
// ---------------------------------------------------------------------------------------------

/**
 * An operation, named by the document's operationId: throttled per operation when a limit is set,
 * and run on the store brought up to the call's time.
 */
const operation = (settings: Settings, id: string, handler: Handler): EmulatorHost.Handler<never> => (incoming) =>
  Effect.sync(() => {
    const taken = settings.throttle?.take(id, incoming.now)
    if (taken?._tag === "Throttled") {
      return problem(429, "throttled", "Throttled", "Exceeded rate limit for this API, please wait and try again", {
        headers: { "retry-after": String(taken.retryAfterSeconds) }
      })
    }
    settings.store.advance(incoming.now)
    return handler(settings, incoming)
  })

const deployment = `${basePath}/deployments/:deployment_id`
const stickerpack = `${deployment}/stickerpacks/:stickerpack_id`

/** The document's operations, under the base path. @internal */
export const routes = (settings: Settings): EmulatorHost.Routes<never> => ({
  [`POST ${basePath}/deployments`]: operation(settings, "createDeployment", createDeployment),
  [`GET ${deployment}`]: operation(settings, "get_deployment", getDeployment),
  [`DELETE ${deployment}`]: operation(settings, "deleteDeployment", deleteDeployment),
  [`POST ${deployment}/resend-otp`]: operation(settings, "resend-otp", resendOtp),
  [`POST ${deployment}/verify`]: operation(settings, "verify", verify),
  [`GET ${deployment}/profile`]: operation(settings, "getProfileInfo", getProfile),
  [`PATCH ${deployment}/profile`]: operation(settings, "updateProfile", updateProfile),
  [`GET ${deployment}/profile/photo`]: operation(settings, "getProfilePhoto", getProfilePhoto),
  [`POST ${deployment}/profile/photo`]: operation(settings, "updateProfilePhoto", updateProfilePhoto),
  [`GET ${deployment}/stickerpacks`]: operation(settings, "getStickerpacks", getStickerpacks),
  [`POST ${deployment}/stickerpacks`]: operation(settings, "createStickerpacks", createStickerpacks),
  [`GET ${stickerpack}`]: operation(settings, "getStickerpacksById", getStickerpacksById),
  [`GET ${stickerpack}/stickers`]: operation(settings, "getStickers", getStickers),
  [`POST ${stickerpack}/stickers`]: operation(settings, "createStickers", createStickers),
  [`GET ${stickerpack}/stickers/:sticker_index`]: operation(settings, "getStickerByIndex", getStickerByIndex),
  [`DELETE ${stickerpack}/stickers/:sticker_index`]: operation(settings, "deleteStickerByIndex", deleteStickerByIndex)
})

/** A path the document does not have. @internal */
export const unknownPath = (incoming: Incoming): Reply =>
  notFound(`The requested resource ${incoming.path} does not exist.`)

/** A method the document does not have on a path it has. @internal */
export const methodNotAllowed = (incoming: Incoming, allowed: ReadonlyArray<string>): Reply =>
  problem(
    405,
    "method-not-allowed",
    "Method Not Allowed",
    `${incoming.method} is not allowed here; use ${allowed.join(", ")}.`,
    { headers: { allow: allowed.join(", ") } }
  )
