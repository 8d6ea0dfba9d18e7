/**
 * The seventeen operations of the WhatsApp Manager document, under `/v0.1/whatsapp-manager`.
 *
 * @internal
 */
import * as Either from "effect/Either"
import type { Reply } from "./reply.js"
import { notFound, ok, problem, unprocessable, unprocessableProfileUpdate } from "./reply.js"
import type { Deployment, Sticker, Stickerpack, Store } from "./store.js"
import { awaitingCodeStates, firstPartyPacks, transitionalStates } from "./store.js"
import type { JsonObject } from "./validation.js"
import { isObject, isPhotoUrl, Issues, jsonBody, profileUpdate, verificationMethods } from "./validation.js"

/** @internal */
export const basePath = "/v0.1/whatsapp-manager"

/** A request as the routes see it. @internal */
export interface Incoming {
  readonly query: Readonly<Record<string, string>>
  readonly contentType: string | undefined
  readonly bodyText: string
  /** Milliseconds of the emulator's clock. */
  readonly now: number
}

/** @internal */
export interface Settings {
  readonly store: Store
  readonly apiKey: string
  readonly vname: string
  readonly maxVerifyAttempts: number
  readonly forbiddenWabaIds: ReadonlySet<string>
}

type Handler = (settings: Settings, incoming: Incoming, parameters: ReadonlyArray<string>) => Reply

interface Operation {
  /** The document's operationId. */
  readonly id: string
  readonly handler: Handler
}

/** A matched operation, or the reply for a path or method the document does not have. @internal */
export type Resolved =
  | { readonly _tag: "Operation"; readonly operation: Operation; readonly parameters: ReadonlyArray<string> }
  | { readonly _tag: "Reply"; readonly reply: Reply }

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

const withJson = (incoming: Incoming, use: (body: unknown) => Reply): Reply =>
  Either.match(jsonBody(incoming.contentType, incoming.bodyText), { onLeft: (reply) => reply, onRight: use })

const withObject = (incoming: Incoming, use: (body: JsonObject) => Reply): Reply =>
  withJson(incoming, (body) => isObject(body) ? use(body) : unprocessable([{ name: "body", reason: "must be a JSON object" }]))

/** A deployment that exists: DELETED ones are gone for every operation but GET and DELETE. */
const withLiveDeployment = (settings: Settings, id: string, use: (deployment: Deployment) => Reply): Reply => {
  const deployment = settings.store.deployments.get(id)
  return deployment === undefined || deployment.state === "DELETED" ? notFound() : use(deployment)
}

const stickerpackNotFound = () => notFound("Stickerpack does not exist or you do not have access.")

const withStickerpack = (
  settings: Settings,
  parameters: ReadonlyArray<string>,
  use: (stickerpack: Stickerpack, deployment: Deployment) => Reply
): Reply =>
  withLiveDeployment(settings, parameters[0] ?? "", (deployment) => {
    const stickerpack = settings.store.stickerpack(deployment, parameters[1] ?? "")
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
      return problem(409, "number-in-use", "Number already in use", `Active deployment already exists with id ${existing.id}`)
    }
    const deployment = settings.store.create(incoming.now, { wabaId, countryCode, number, vnameCertificate, method, pin })
    settings.store.recordEffect("createDeployment", deployment.id)
    return ok(202, deploymentBody(settings, deployment))
  })

const getDeployment: Handler = (settings, _incoming, [id = ""]) => {
  const deployment = settings.store.deployments.get(id)
  return deployment === undefined ? notFound() : ok(200, deploymentBody(settings, deployment))
}

const deleteDeployment: Handler = (settings, incoming, [id = ""]) => {
  const deployment = settings.store.deployments.get(id)
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

const resendOtp: Handler = (settings, incoming, [id = ""]) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const method = issues.oneOf(body, "method", verificationMethods, { required: false })
    if (!issues.isEmpty) return unprocessable(issues.list)
    return withLiveDeployment(settings, id, (deployment) => {
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

const verify: Handler = (settings, incoming, [id = ""]) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const code = issues.string(body, "code", { required: true, min: 1 })
    if (code === undefined) return unprocessable(issues.list)
    return withLiveDeployment(settings, id, (deployment) => {
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

const getProfile: Handler = (settings, _incoming, [id = ""]) =>
  withLiveDeployment(settings, id, (deployment) => ok(200, deployment.profile))

const updateProfile: Handler = (settings, incoming, [id = ""]) =>
  withJson(incoming, (body) =>
    Either.match(profileUpdate(body), {
      onLeft: unprocessableProfileUpdate,
      onRight: (update) =>
        withLiveDeployment(settings, id, (deployment) => {
          deployment.profile = { ...deployment.profile, ...update }
          settings.store.recordEffect("updateProfile", deployment.id)
          return ok(200, deployment.profile)
        })
    }))

const getProfilePhoto: Handler = (settings, _incoming, [id = ""]) =>
  withLiveDeployment(settings, id, (deployment) =>
    // Before any photo is set there is nothing to point at; the body is then empty.
    ok(200, deployment.photoUrl === undefined ? {} : { image_url: deployment.photoUrl }))

const updateProfilePhoto: Handler = (settings, incoming, [id = ""]) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const imageUrl = issues.string(body, "image_url", { required: true, min: 1 })
    if (imageUrl !== undefined && !isPhotoUrl(imageUrl)) {
      issues.add("image_url", "Url was not in a valid format: expected an http(s) URL to a .png, .jpg or .jpeg")
    }
    if (!issues.isEmpty || imageUrl === undefined) return unprocessable(issues.list)
    return withLiveDeployment(settings, id, (deployment) => {
      deployment.photoUrl = imageUrl
      settings.store.recordEffect("updateProfilePhoto", deployment.id)
      return ok(200, { image_url: imageUrl })
    })
  })

// ---------------------------------------------------------------------------------------------
// stickerpacks and stickers
// ---------------------------------------------------------------------------------------------

const getStickerpacks: Handler = (settings, incoming, [id = ""]) => {
  const namespace = incoming.query["namespace"]
  if (namespace !== undefined && namespace !== "whatsapp") {
    return unprocessable([{ name: "namespace", reason: "must be whatsapp" }])
  }
  return withLiveDeployment(settings, id, (deployment) =>
    ok(200, packIds(namespace === "whatsapp" ? firstPartyPacks : deployment.stickerpacks.values())))
}

const iosLink = /^https:\/\/itunes\.apple\.com\/app\/id\d+$/
const androidLink = /^https:\/\/play\.google\.com\/store\/apps\/details\?id=[A-Za-z][\w]*(\.[A-Za-z][\w]*)+$/

const createStickerpacks: Handler = (settings, incoming, [id = ""]) =>
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
    return withLiveDeployment(settings, id, (deployment) => {
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

const getStickerpacksById: Handler = (settings, _incoming, parameters) =>
  withStickerpack(settings, parameters, (stickerpack) =>
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

const getStickers: Handler = (settings, _incoming, parameters) =>
  withStickerpack(settings, parameters, (stickerpack) =>
    ok(200, { stickers: Array.from(stickerpack.stickers.values(), (sticker) => ({ index: sticker.index })) }))

// The document lists no 403 for stickers; WhatsApp's own packs are read-only, and a change to
// one is refused as forbidden, the document's answer for what an account may not do.
const firstPartyReadOnly = () =>
  problem(403, "forbidden", "Forbidden", "First-party (WhatsApp) stickerpacks cannot be changed.")

const createStickers: Handler = (settings, incoming, parameters) =>
  withObject(incoming, (body) => {
    const issues = new Issues()
    const imageDataId = issues.string(body, "image_data_id", { required: true, min: 1 })
    const emojis = body["emojis"]
    const validEmojis = emojis === undefined ||
      (Array.isArray(emojis) && emojis.every((emoji) => typeof emoji === "string" && emoji !== ""))
    if (!validEmojis) issues.add("emojis", "must be an array of emojis")
    if (!issues.isEmpty || imageDataId === undefined) return unprocessable(issues.list)
    return withStickerpack(settings, parameters, (stickerpack) => {
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

const getStickerByIndex: Handler = (settings, _incoming, parameters) =>
  withStickerpack(settings, parameters, (stickerpack) => {
    const sticker = stickerpack.stickers.get(parameters[2] ?? "")
    return sticker === undefined ? stickerNotFound() : ok(200, stickerBody(sticker))
  })

const deleteStickerByIndex: Handler = (settings, _incoming, parameters) =>
  withStickerpack(settings, parameters, (stickerpack) => {
    const sticker = stickerpack.stickers.get(parameters[2] ?? "")
    if (sticker === undefined) return stickerNotFound()
    if (stickerpack.firstParty) return firstPartyReadOnly()
    stickerpack.stickers.delete(sticker.index)
    settings.store.recordEffect("deleteStickerByIndex", `${stickerpack.id}/${sticker.index}`)
    return ok(200, stickerBody(sticker))
  })

// ---------------------------------------------------------------------------------------------
// routing
// ---------------------------------------------------------------------------------------------

interface Route {
  /** Path segments after the base path; `null` matches one parameter. */
  readonly segments: ReadonlyArray<string | null>
  readonly methods: Readonly<Partial<Record<string, Operation>>>
}

const op = (id: string, handler: Handler): Operation => ({ id, handler })

const routes: ReadonlyArray<Route> = [
  { segments: ["deployments"], methods: { POST: op("createDeployment", createDeployment) } },
  {
    segments: ["deployments", null],
    methods: { GET: op("get_deployment", getDeployment), DELETE: op("deleteDeployment", deleteDeployment) }
  },
  { segments: ["deployments", null, "resend-otp"], methods: { POST: op("resend-otp", resendOtp) } },
  { segments: ["deployments", null, "verify"], methods: { POST: op("verify", verify) } },
  {
    segments: ["deployments", null, "profile"],
    methods: { GET: op("getProfileInfo", getProfile), PATCH: op("updateProfile", updateProfile) }
  },
  {
    segments: ["deployments", null, "profile", "photo"],
    methods: { GET: op("getProfilePhoto", getProfilePhoto), POST: op("updateProfilePhoto", updateProfilePhoto) }
  },
  {
    segments: ["deployments", null, "stickerpacks"],
    methods: { GET: op("getStickerpacks", getStickerpacks), POST: op("createStickerpacks", createStickerpacks) }
  },
  { segments: ["deployments", null, "stickerpacks", null], methods: { GET: op("getStickerpacksById", getStickerpacksById) } },
  {
    segments: ["deployments", null, "stickerpacks", null, "stickers"],
    methods: { GET: op("getStickers", getStickers), POST: op("createStickers", createStickers) }
  },
  {
    segments: ["deployments", null, "stickerpacks", null, "stickers", null],
    methods: { GET: op("getStickerByIndex", getStickerByIndex), DELETE: op("deleteStickerByIndex", deleteStickerByIndex) }
  }
]

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/** @internal */
export const resolve = (method: string, path: string): Resolved => {
  const unknownPath: Resolved = {
    _tag: "Reply",
    reply: notFound(`The requested resource ${path} does not exist.`)
  }
  if (!path.startsWith(`${basePath}/`)) return unknownPath
  const segments = path.slice(basePath.length + 1).split("/").map(decodeSegment)
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue
    const parameters: Array<string> = []
    const matches = route.segments.every((expected, position) => {
      const actual = segments[position]
      if (actual === undefined || actual === "") return false
      if (expected === null) {
        parameters.push(actual)
        return true
      }
      return expected === actual
    })
    if (!matches) continue
    const operation = route.methods[method]
    if (operation === undefined) {
      const allowed = Object.keys(route.methods).join(", ")
      return {
        _tag: "Reply",
        reply: problem(405, "method-not-allowed", "Method Not Allowed", `${method} is not allowed here; use ${allowed}.`, {
          headers: { allow: allowed }
        })
      }
    }
    return { _tag: "Operation", operation, parameters }
  }
  return unknownPath
}

/** @internal */
export const run = (settings: Settings, resolved: Extract<Resolved, { _tag: "Operation" }>, incoming: Incoming): Reply =>
  resolved.operation.handler(settings, incoming, resolved.parameters)
