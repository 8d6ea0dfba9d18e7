/**
 * Plain-`fetch` helpers for the emulator tests: what a client sends, what it gets back.
 */
import { SampleFlows, TestRequest } from "@wa-admin/core/testing"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect } from "effect"

type Emulator = WoztellEmulator.Emulator

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
}

export interface Send {
  readonly query?: Readonly<Record<string, string | number>>
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** Sent as is, instead of `body` as JSON. */
  readonly rawBody?: string
}

/** One request to `emulator.url + path`. */
export const send = (emulator: Emulator, method: string, path: string, options: Send = {}): Effect.Effect<Answer> =>
  Effect.promise(async () => {
    const url = new URL(`${emulator.url}${path}`)
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value))
    const response = await fetch(
      url,
      TestRequest.init(method, { headers: options.headers, json: options.body, raw: options.rawBody })
    )
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) }
  })

/** A read authenticated with the access token in the query. */
export const read = (emulator: Emulator, path: string, query: Readonly<Record<string, string | number>> = {}) =>
  send(emulator, "GET", path, { query: { accessToken: emulator.credentials.accessToken, ...query } })

/** A write authenticated with the access token in the body. */
export const write = (emulator: Emulator, method: string, path: string, body: Readonly<Record<string, unknown>>) =>
  send(emulator, method, path, { body: { accessToken: emulator.credentials.accessToken, ...body } })

/** A call authenticated with the signed context headers (the auth test pins them to the document's). */
export const signed = (emulator: Emulator, method: string, path: string, options: Send = {}) =>
  send(emulator, method, path, {
    ...options,
    headers: { ...WoztellEmulator.signedContextHeaders(emulator.credentials), ...options.headers }
  })

/** The value at a path inside a JSON answer (`undefined` when absent). */
export const at = (value: unknown, ...path: ReadonlyArray<string | number>): unknown => {
  let current = value
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

/** The error message of a failure answer. */
export const errorOf = (answer: Answer): string => {
  const error = at(answer.body, "error")
  return typeof error === "string" ? error : ""
}

/** A valid BODY-only component list. */
export const bodyOnly = (text = "Hello there") => [{ type: "BODY", text }]

/** The Flow JSON example of WOZTELL's document (one screen with a form). */
export const documentJson = SampleFlows.preferences({
  screenId: "PREFERENCES",
  options: ["Special offers and promotions"]
})

/** The template components of WOZTELL's document example (its header aside). */
export const documentComponents = [
  { type: "BODY", text: "hello {{1}} this is body template", example: { body_text: [["Test"]] } },
  { type: "FOOTER", text: "this is footer template" },
  {
    type: "BUTTONS",
    buttons: [
      { type: "PHONE_NUMBER", text: "Call", phone_number: "+85212769072" },
      { type: "URL", text: "URL", url: "https://www.woztell.com/" }
    ]
  }
]
