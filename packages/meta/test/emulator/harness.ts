/**
 * Talking to a running Meta emulator the way any HTTP client would: plain `fetch`, the access
 * token as `Authorization: Bearer`, and `appsecret_proof` in the query when the emulator has an
 * app secret.
 */
import { TestRequest } from "@wa-admin/core/testing"
import { Effect, Option } from "effect"
import type { Scope } from "effect"
import { MetaEmulator } from "../../src/emulator/index.js"

/** A JSON value. */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/** An answer. */
export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** The parsed JSON body (`null` when empty). */
  readonly body: Json
}

/** What to send: a body and headers as core's `TestRequest` sends them, with the access token by default. */
export interface CallOptions extends TestRequest.Options {
  /** `null` sends no Authorization header; a string replaces the header's value. */
  readonly authorization?: string | null
  /** `null` leaves out `appsecret_proof`; a string replaces it. */
  readonly proof?: string | null
}

/** A started emulator and a client for it. */
export interface Harness {
  readonly emulator: MetaEmulator.Emulator
  /** A request to `emulator.url` + `path` (the path below `/{Version}`, with its query). */
  readonly call: (method: string, path: string, options?: CallOptions) => Effect.Effect<Answer>
  /** A request to any URL (the content host), with the access token unless told otherwise. */
  readonly fetchUrl: (
    url: string,
    options?: { readonly authorization?: string | null }
  ) => Effect.Effect<Answer & { readonly bytes: Uint8Array }>
}

const parse = (text: string): Json => {
  if (text === "") return null
  try {
    return JSON.parse(text) as Json
  } catch {
    return text
  }
}

/** Starts an emulator on the test's clock, and a client for it. */
export const harness = (
  options: MetaEmulator.Options = {}
): Effect.Effect<Harness, MetaEmulator.StartError, Scope.Scope> =>
  Effect.gen(function*() {
    const emulator = yield* MetaEmulator.make(options)
    const { accessToken, appSecret } = emulator.credentials
    const call: Harness["call"] = (method, path, callOptions = {}) =>
      Effect.promise(async () => {
        const url = new URL(emulator.url + path)
        if (callOptions.proof !== null && (appSecret !== undefined || callOptions.proof !== undefined)) {
          url.searchParams.set(
            "appsecret_proof",
            callOptions.proof ?? MetaEmulator.proofOf(accessToken, appSecret ?? "")
          )
        }
        const authorization = callOptions.authorization === null
          ? null
          : callOptions.authorization ?? `Bearer ${accessToken}`
        const response = await fetch(url, TestRequest.init(method, { ...callOptions, authorization }))
        const text = await response.text()
        return { status: response.status, headers: response.headers, text, body: parse(text) }
      })
    const fetchUrl: Harness["fetchUrl"] = (url, fetchOptions = {}) =>
      Effect.promise(async () => {
        const headers: Record<string, string> = {}
        if (fetchOptions.authorization !== null) {
          headers["authorization"] = fetchOptions.authorization ?? `Bearer ${accessToken}`
        }
        const response = await fetch(url, { headers })
        const bytes = new Uint8Array(await response.arrayBuffer())
        const text = new TextDecoder().decode(bytes)
        return { status: response.status, headers: response.headers, text, body: parse(text), bytes }
      })
    return { emulator, call, fetchUrl }
  })

/** The value at a path of keys and indexes, or `undefined`. */
export const at = (value: Json | undefined, ...path: ReadonlyArray<string | number>): Json | undefined => {
  let current = value
  for (const key of path) {
    if (current === null || current === undefined || typeof current !== "object") return undefined
    current = Array.isArray(current)
      ? (typeof key === "number" ? current[key] : undefined)
      : (current as { readonly [key: string]: Json })[String(key)]
  }
  return current
}

/** The text at a path (fails the test when it is not a text). */
export const text = (value: Json | undefined, ...path: ReadonlyArray<string | number>): string => {
  const found = at(value, ...path)
  if (typeof found !== "string") throw new Error(`no text at ${path.join(".")} in ${JSON.stringify(value)}`)
  return found
}

/** The Graph error of an answer: `{ status, code, subcode, type, message }`. */
export const graphError = (answer: Answer) => ({
  status: answer.status,
  code: at(answer.body, "error", "code"),
  subcode: at(answer.body, "error", "error_subcode"),
  type: at(answer.body, "error", "type"),
  message: at(answer.body, "error", "message")
})

/** The latest code sent to a number. */
export const lastCode = (h: Harness, phoneNumberId: string): Effect.Effect<string> =>
  Effect.flatMap(
    h.emulator.lastCode(phoneNumberId),
    (code) => Option.isSome(code) ? Effect.succeed(code.value) : Effect.dieMessage(`no code for ${phoneNumberId}`)
  )

/** A multipart form of text fields (and files as `{ bytes, type, name }`). */
export const formOf = (
  fields: Record<string, string | { readonly bytes: Uint8Array | string; readonly type: string; readonly name: string }>
): FormData => {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") form.set(name, value)
    else {
      const bytes = typeof value.bytes === "string" ? value.bytes : new Uint8Array(value.bytes)
      form.set(name, new Blob([bytes], { type: value.type }), value.name)
    }
  }
  return form
}

/** A business profile as the document's examples write it (the wire's fields). */
export const shopProfile = {
  messaging_product: "whatsapp",
  about: "Plants, delivered",
  address: "1 Garden Way",
  description: "A plant shop",
  email: "hello@luckyshrub.example",
  websites: ["https://luckyshrub.example"],
  vertical: "RETAIL"
}

/** The document's authentication template with a copy-code button (name, category, components). */
export const authenticationTemplate = {
  name: "authentication_code",
  category: "AUTHENTICATION",
  components: [
    { type: "BODY", add_security_recommendation: true },
    { type: "FOOTER", code_expiration_minutes: 10 },
    { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy Code" }] }
  ]
}

/**
 * Uploads a file in one piece through the resumable upload (a session on the app, then the bytes
 * at offset 0); answers the upload's last answer, whose `h` is the file's handle.
 */
export const resumableUpload = (
  h: Harness,
  file: { readonly name: string; readonly type: string; readonly bytes: Uint8Array }
): Effect.Effect<Answer> =>
  Effect.gen(function*() {
    const session = yield* h.call(
      "POST",
      `/${h.emulator.credentials.appId}/uploads?file_name=${file.name}&file_length=${file.bytes.length}&file_type=${file.type}`
    )
    return yield* h.call("POST", `/${text(session.body, "id")}`, { raw: file.bytes, headers: { file_offset: "0" } })
  })
