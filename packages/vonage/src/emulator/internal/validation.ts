/**
 * Request body parsing and the field rules of the WhatsApp Manager document.
 *
 * @internal
 */
import type { EmulatorHost } from "@wa-admin/core/testing"
import * as Either from "effect/Either"
import type { InvalidParameter, Reply } from "./reply.js"
import { invalidJson } from "./reply.js"

/** @internal */
export type JsonObject = Readonly<Record<string, unknown>>

/**
 * The JSON body of a request that requires one. The document's remedy for `invalid-json` is
 * "Send a JSON request body, including a Content-Type header of application/json", so a body
 * without that header is refused the same way. `refuse` renders the refusal (the WhatsApp
 * Manager document's `invalid-json` unless told otherwise).
 *
 * @internal
 */
export const jsonBody = (
  content: EmulatorHost.Content,
  refuse: (detail: string) => Reply = invalidJson
): Either.Either<unknown, Reply> => {
  switch (content._tag) {
    case "Empty":
      return Either.left(refuse("The request body is empty; a JSON body is required."))
    case "NotJson":
      return Either.left(
        refuse(`Expected a Content-Type of application/json, got ${content.contentType ?? "none"}.`)
      )
    case "Malformed":
      return Either.left(refuse(content.message))
    case "Json":
      return Either.right(content.value)
  }
}

/** @internal */
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Length in characters (code points), as a user counts them. @internal */
export const length = (value: string): number => [...value].length

/** Collects the invalid parameters of one request. @internal */
export class Issues {
  readonly list: Array<InvalidParameter> = []

  add(name: string, reason: string): void {
    this.list.push({ name, reason })
  }

  get isEmpty(): boolean {
    return this.list.length === 0
  }

  /** The field as a string, or `undefined` after noting why it is not one. */
  string(
    body: JsonObject,
    name: string,
    options: { readonly required: boolean; readonly min?: number; readonly max?: number }
  ): string | undefined {
    const value = body[name]
    if (value === undefined) {
      if (options.required) this.add(name, "is required")
      return undefined
    }
    if (typeof value !== "string") {
      this.add(name, "must be a string")
      return undefined
    }
    const min = options.min ?? 0
    const characters = length(value)
    if (characters < min) {
      this.add(name, min === 1 ? "must not be empty" : `must be at least ${min} characters`)
      return undefined
    }
    if (options.max !== undefined && characters > options.max) {
      this.add(name, `must be at most ${options.max} characters`)
      return undefined
    }
    return value
  }

  /** The field when it matches `pattern`. */
  matching(
    body: JsonObject,
    name: string,
    pattern: RegExp,
    reason: string,
    options: { readonly required: boolean }
  ): string | undefined {
    const value = this.string(body, name, options)
    if (value === undefined) return undefined
    if (!pattern.test(value)) {
      this.add(name, reason)
      return undefined
    }
    return value
  }

  /** The field when it is one of `values`. */
  oneOf<const A extends string>(
    body: JsonObject,
    name: string,
    values: ReadonlyArray<A>,
    options: { readonly required: boolean }
  ): A | undefined {
    const value = this.string(body, name, options)
    if (value === undefined) return undefined
    const found = values.find((candidate) => candidate === value)
    if (found === undefined) {
      this.add(name, `must be one of: ${values.join(", ")}`)
      return undefined
    }
    return found
  }
}

/** The verticals the document's `profile.vertical` enum lists. @internal */
export const verticals = [
  "Automotive",
  "Beauty, Spa and Salon",
  "Clothing and Apparel",
  "Education",
  "Entertainment",
  "Event Planning and Service",
  "Finance and Banking",
  "Food and Grocery",
  "Public Service",
  "Hotel and Lodging",
  "Medical and Health",
  "Non-profit",
  "Professional Services",
  "Shopping and Retail",
  "Travel and Transportation",
  "Restaurant",
  "Other"
] as const

/** @internal */
export const verificationMethods = ["sms", "voice"] as const

/** @internal */
export type VerificationMethod = (typeof verificationMethods)[number]

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A business profile as the emulator stores it (the document's `profile` schema). @internal */
export interface Profile {
  about?: string
  address?: string
  description?: string
  email?: string
  vertical?: (typeof verticals)[number]
  websites?: ReadonlyArray<string>
}

const profileFields: ReadonlySet<string> = new Set(["about", "address", "description", "email", "vertical", "websites"])

/**
 * A profile update checked against the document's constraints: about 1..139, address 1..256,
 * description 1..256, email 1..128 (and a plausible address), vertical from the enum, websites
 * 1..2 items of 1..256 characters. The document does not say whether unknown fields are ignored;
 * WhatsApp's business profile endpoint refuses parameters it does not know, and so does this.
 *
 * @internal
 */
export const profileUpdate = (body: unknown): Either.Either<Profile, ReadonlyArray<InvalidParameter>> => {
  const issues = new Issues()
  if (!isObject(body)) {
    issues.add("body", "must be a JSON object")
    return Either.left(issues.list)
  }
  for (const name of Object.keys(body)) {
    if (!profileFields.has(name)) issues.add(name, "is not a profile field")
  }
  const update: Profile = {}
  const about = issues.string(body, "about", { required: false, min: 1, max: 139 })
  if (about !== undefined) update.about = about
  const address = issues.string(body, "address", { required: false, min: 1, max: 256 })
  if (address !== undefined) update.address = address
  const description = issues.string(body, "description", { required: false, min: 1, max: 256 })
  if (description !== undefined) update.description = description
  const email = issues.string(body, "email", { required: false, min: 1, max: 128 })
  if (email !== undefined) {
    if (emailPattern.test(email)) update.email = email
    else issues.add("email", "Email format invalid")
  }
  const vertical = issues.oneOf(body, "vertical", verticals, { required: false })
  if (vertical !== undefined) update.vertical = vertical
  const websites = body["websites"]
  if (websites !== undefined) {
    if (!Array.isArray(websites)) {
      issues.add("websites", "must be an array of strings")
    } else if (websites.length < 1 || websites.length > 2) {
      issues.add("websites", "must hold 1 or 2 websites")
    } else if (!websites.every((website): website is string => typeof website === "string")) {
      issues.add("websites", "must be an array of strings")
    } else if (websites.some((website) => length(website) < 1 || length(website) > 256)) {
      issues.add("websites", "each website must be 1 to 256 characters")
    } else {
      update.websites = websites
    }
  }
  return issues.isEmpty ? Either.right(update) : Either.left(issues.list)
}

/**
 * A profile photo URL: an http(s) URL whose path ends in .png, .jpg or .jpeg (the document:
 * "URL pointing to a .png or .jpg").
 *
 * @internal
 */
export const isPhotoUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" &&
      /\.(png|jpe?g)$/i.test(url.pathname)
  } catch {
    return false
  }
}
