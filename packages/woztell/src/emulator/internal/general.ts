/**
 * General APIs: WABA info, business profile, display name status, media upload, conversation
 * analytics, catalogs and products.
 *
 * @internal
 */
import { Vertical } from "@wa-admin/core"
import { Effect, Option } from "effect"
import { signedContext, tokenInQuery, writeBody } from "./auth.js"
import { atomically, type Call, type Failure, type Handler, invalid, notFound, ok, type Routes } from "./http.js"
import {
  type Fields,
  isFields,
  isHttpUrl,
  queryInteger,
  queryJsonArray,
  requiredQueryInteger,
  requiredString
} from "./input.js"
import { paginate, positionOf } from "./paging.js"
import { type Conversation, formatPhoneNumber, recordEffect, type State, type Waba } from "./state.js"

/**
 * Meta's business verticals, the values the document's profile `vertical` refers to: the
 * platform's codes core spells (`Vertical.metaCodes`, checked against Meta's document by the
 * Meta package's tests) and `UNDEFINED`, "not set".
 */
export const verticals: ReadonlyArray<string> = ["UNDEFINED", ...Vertical.metaCodes.values]

/** Media upload stays valid this long (the document's note: 30 days). */
export const mediaLifetimeMillis = 30 * 24 * 60 * 60 * 1000

const numberOf = (state: State, phoneNumberId: string): Effect.Effect<Waba, Failure> => {
  const waba = state.numbers.get(phoneNumberId)
  return waba === undefined ? Effect.fail(notFound(`Phone number ${phoneNumberId} not found`)) : Effect.succeed(waba)
}

/** The WABA named by `wabaId`, or 404. */
export const wabaOf = (state: State, wabaId: string): Effect.Effect<Waba, Failure> => {
  const waba = state.wabas.get(wabaId)
  return waba === undefined ? Effect.fail(notFound(`WABA ${wabaId} not found`)) : Effect.succeed(waba)
}

const queryString = (call: Call, field: string) => requiredString(call.query, field)

// GET /waba-info ------------------------------------------------------------------------------

const wabaInfo = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* tokenInQuery(state.config, call)
    const channelId = call.query["channelId"]
    const wabaId = call.query["wabaId"]
    let waba: Waba
    if (channelId !== undefined && channelId !== "") {
      if (channelId !== state.config.channelId) return yield* Effect.fail(notFound(`Channel ${channelId} not found`))
      waba = state.channel
      if (wabaId !== undefined && wabaId !== "" && wabaId !== waba.wabaId) {
        return yield* Effect.fail(invalid("channelId and wabaId name different WABAs"))
      }
    } else if (wabaId !== undefined && wabaId !== "") {
      waba = yield* wabaOf(state, wabaId)
    } else {
      return yield* Effect.fail(invalid("either channelId or wabaId is required"))
    }
    return ok({
      result: {
        waId: waba.phoneNumber,
        phoneNumberId: waba.phoneNumberId,
        wabaId: waba.wabaId,
        name: waba.name,
        phoneNumber: waba.phoneNumber,
        phoneNumberCC: waba.phoneNumberCC,
        formattedPhoneNumber: formatPhoneNumber(waba.phoneNumber),
        namespace: waba.namespace,
        embeddedSignup: true
      }
    })
  })

// GET / PATCH /whatsapp-business-profile ---------------------------------------------------------

const getProfile = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* tokenInQuery(state.config, call)
    const waba = yield* numberOf(state, yield* queryString(call, "phoneNumberId"))
    return ok({ data: waba.profile })
  })

const profileTextLimits: ReadonlyArray<readonly [field: string, min: number, max: number]> = [
  // Meta's documented limits; the WOZTELL document passes the profile through to Meta.
  ["about", 1, 139],
  ["address", 0, 256],
  ["description", 0, 512],
  ["email", 0, 128]
]

const profileFields = new Set([
  "messaging_product",
  "about",
  "address",
  "description",
  "email",
  "vertical",
  "websites",
  "profile_picture_url"
])

/** Every rule the `profile` object breaks, checked in document order. */
const checkProfile = (profile: Fields): Effect.Effect<Fields, Failure> =>
  Effect.gen(function*() {
    const unknown = Object.keys(profile).find((key) => !profileFields.has(key))
    if (unknown !== undefined) {
      // The parameter table says "website"; the example, GET and Meta say "websites".
      return yield* Effect.fail(invalid(`profile.${unknown} is not a business profile field`))
    }
    if (profile["messaging_product"] !== "whatsapp") {
      return yield* Effect.fail(invalid(`profile.messaging_product is required and only accepts "whatsapp"`))
    }
    for (const [field, min, max] of profileTextLimits) {
      const value = profile[field]
      if (value === undefined) continue
      if (typeof value !== "string") return yield* Effect.fail(invalid(`profile.${field} must be a string`))
      if (value.length < min || value.length > max) {
        return yield* Effect.fail(invalid(`profile.${field} must be ${min} to ${max} characters`))
      }
    }
    const email = profile["email"]
    if (typeof email === "string" && email !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return yield* Effect.fail(invalid("profile.email must be an email address"))
    }
    const vertical = profile["vertical"]
    if (vertical !== undefined && (typeof vertical !== "string" || !verticals.includes(vertical))) {
      return yield* Effect.fail(invalid(`profile.vertical must be one of ${verticals.join(", ")}`))
    }
    const websites = profile["websites"]
    if (websites !== undefined) {
      if (!Array.isArray(websites)) return yield* Effect.fail(invalid("profile.websites must be an array"))
      if (websites.length > 2) return yield* Effect.fail(invalid("profile.websites allows 2 websites max"))
      for (const [index, website] of websites.entries()) {
        if (typeof website !== "string" || website.length > 256 || !isHttpUrl(website)) {
          return yield* Effect.fail(
            invalid(`profile.websites[${index}] must be a URL including http:// or https:// (at most 256 characters)`)
          )
        }
      }
    }
    const picture = profile["profile_picture_url"]
    if (picture !== undefined && (typeof picture !== "string" || !isHttpUrl(picture))) {
      return yield* Effect.fail(invalid("profile.profile_picture_url must be an http(s) URL"))
    }
    return profile
  })

const patchProfile = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    const body = yield* writeBody(state.config, call)
    const waba = yield* numberOf(state, yield* requiredString(body, "phoneNumberId"))
    const profile = body["profile"]
    if (!isFields(profile)) return yield* Effect.fail(invalid("profile is required and must be an object"))
    const update = yield* checkProfile(profile)
    return yield* atomically(() => {
      waba.profile = { ...waba.profile, ...update }
      recordEffect(state, "updateProfile", waba.phoneNumberId)
      return Effect.succeed(ok())
    })
  })

// GET /whatsapp-displayname-status -------------------------------------------------------------

const displayNameStatus = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    yield* tokenInQuery(state.config, call)
    const waba = yield* numberOf(state, yield* queryString(call, "phoneNumberId"))
    return ok({
      data: {
        account_mode: "LIVE",
        verified_name: waba.name,
        code_verification_status: "VERIFIED",
        display_phone_number: formatPhoneNumber(waba.phoneNumber),
        quality_rating: "GREEN",
        is_official_business_account: false,
        messaging_limit_tier: "TIER_1K",
        id: waba.phoneNumberId
      }
    })
  })

// PUT /media-id --------------------------------------------------------------------------------

const mediaTypes = ["image", "audio", "video", "file"]

const uploadMedia = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    const body = yield* writeBody(state.config, call)
    const waba = yield* numberOf(state, yield* requiredString(body, "phoneNumberId"))
    const type = yield* requiredString(body, "type")
    if (!mediaTypes.includes(type)) return yield* Effect.fail(invalid(`type must be one of ${mediaTypes.join(", ")}`))
    const url = yield* requiredString(body, "url")
    if (!isHttpUrl(url)) return yield* Effect.fail(invalid("url must be an http(s) link to the media file"))
    return yield* atomically(() => {
      const mediaId = state.nextId()
      state.media.set(mediaId, {
        mediaId,
        phoneNumberId: waba.phoneNumberId,
        type,
        url,
        uploadedAt: call.now,
        expiresAt: call.now + mediaLifetimeMillis
      })
      recordEffect(state, "uploadMedia", mediaId)
      return Effect.succeed(ok({ mediaId, fileType: type }))
    })
  })

// GET /conversation-analytics ------------------------------------------------------------------

const granularities = ["HALF_HOUR", "DAILY", "MONTHLY"]
const metricTypes = ["COST", "CONVERSATION"]
const conversationTypes = ["FREE_ENTRY_POINT", "FREE_TIER", "REGULAR", "UNKNOWN"]
const directions = ["BUSINESS_INITIATED", "USER_INITIATED"]
const dimensions = ["PHONE", "COUNTRY", "CONVERSATION_TYPE", "CONVERSATION_DIRECTION"]

/** Meta accepts these enums in either case (the document writes directions in lower case). */
const eitherCase = (values: ReadonlyArray<string>) => [...values, ...values.map((value) => value.toLowerCase())]

const upper = (values: Option.Option<ReadonlyArray<string>>) =>
  Option.map(values, (list) => list.map((value) => value.toUpperCase()))

const bucketOf = (granularity: string, timestamp: number): readonly [start: number, end: number] => {
  switch (granularity) {
    case "HALF_HOUR": {
      const start = Math.floor(timestamp / 1800) * 1800
      return [start, start + 1800]
    }
    case "DAILY": {
      const start = Math.floor(timestamp / 86400) * 86400
      return [start, start + 86400]
    }
    default: {
      const date = new Date(timestamp * 1000)
      const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000
      const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000
      return [start, end]
    }
  }
}

const conversationAnalytics = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    const from = yield* requiredQueryInteger(call.query, "from", { min: 0 })
    const to = yield* requiredQueryInteger(call.query, "to", { min: 0 })
    if (to <= from) return yield* Effect.fail(invalid("to must be after from"))
    const granularity = yield* queryString(call, "granularity")
    if (!granularities.includes(granularity)) {
      return yield* Effect.fail(invalid(`granularity must be one of ${granularities.join(", ")}`))
    }
    const numbers = yield* queryJsonArray(call.query, "numbers")
    const metrics = upper(yield* queryJsonArray(call.query, "metric_types", eitherCase(metricTypes)))
    const types = upper(yield* queryJsonArray(call.query, "conversation_types", eitherCase(conversationTypes)))
    const directionFilter = upper(yield* queryJsonArray(call.query, "conversation_directions", eitherCase(directions)))
    const breakdown = upper(yield* queryJsonArray(call.query, "dimensions", eitherCase(dimensions)))
    const within = (list: Option.Option<ReadonlyArray<string>>, value: string) =>
      Option.match(list, { onNone: () => true, onSome: (values) => values.includes(value) })
    const by = (dimension: string) => within(breakdown, dimension)
    const matching = state.channel.conversations.filter((conversation) =>
      conversation.timestamp >= from &&
      conversation.timestamp < to &&
      within(numbers, conversation.phoneNumber) &&
      within(types, conversation.conversationType) &&
      within(directionFilter, conversation.direction)
    )
    const points = new Map<
      string,
      { start: number; end: number; sample: Conversation; conversation: number; cost: number }
    >()
    for (const conversation of matching) {
      const [start, end] = bucketOf(granularity, conversation.timestamp)
      const key = JSON.stringify([
        start,
        by("PHONE") ? conversation.phoneNumber : "",
        by("COUNTRY") ? conversation.country : "",
        by("CONVERSATION_TYPE") ? conversation.conversationType : "",
        by("CONVERSATION_DIRECTION") ? conversation.direction : ""
      ])
      const point = points.get(key) ?? { start, end, sample: conversation, conversation: 0, cost: 0 }
      point.conversation += conversation.conversations
      point.cost += conversation.cost
      points.set(key, point)
    }
    const data_points = Array.from(points.values())
      .sort((left, right) => left.start - right.start)
      .map((point) => ({
        start: point.start,
        end: point.end,
        ...(within(metrics, "CONVERSATION") ? { conversation: point.conversation } : {}),
        ...(by("PHONE") ? { phone_number: point.sample.phoneNumber } : {}),
        ...(by("COUNTRY") ? { country: point.sample.country } : {}),
        ...(by("CONVERSATION_TYPE") ? { conversation_type: point.sample.conversationType } : {}),
        ...(by("CONVERSATION_DIRECTION") ? { conversation_direction: point.sample.direction } : {}),
        ...(within(metrics, "COST") ? { cost: Math.round(point.cost * 10_000) / 10_000 } : {})
      }))
    return ok({ conversationAnalytics: { data_points } })
  })

// GET /catalogs, GET /products -------------------------------------------------------------------

const catalogs = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    return ok({
      data: Array.from(state.channel.catalogs.values(), (catalog) => ({ id: catalog.id, name: catalog.name })),
      paging: { hasPrevious: false, hasNext: false }
    })
  })

const products = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    const catalogId = yield* queryString(call, "catalogId")
    const catalog = state.channel.catalogs.get(catalogId)
    if (catalog === undefined) return yield* Effect.fail(notFound(`Catalog ${catalogId} not found`))
    // Not documented: the answer carries Graph-style cursors, so `limit` (default 25, as
    // Meta's) and `after` / `before` are honoured.
    const limit = Option.getOrElse(yield* queryInteger(call.query, "limit", { min: 1, max: 100 }), () => 25)
    const position = yield* positionOf("products", call.query)
    const page = paginate("products", catalog.products, (product) => product.seq, "ascending", limit, position)
    return ok({
      data: page.items.map((product) => ({
        name: product.name,
        price: product.price,
        image_url: product.imageUrl,
        retailer_id: product.retailerId,
        id: product.id
      })),
      paging: page.paging
    })
  })

/** The general endpoints, keyed by `METHOD /path`. */
export const routes = (state: State): Routes => ({
  "GET /waba-info": wabaInfo(state),
  "GET /whatsapp-business-profile": getProfile(state),
  "PATCH /whatsapp-business-profile": patchProfile(state),
  "GET /whatsapp-displayname-status": displayNameStatus(state),
  "PUT /media-id": uploadMedia(state),
  "GET /conversation-analytics": conversationAnalytics(state),
  "GET /catalogs": catalogs(state),
  "GET /products": products(state)
})
