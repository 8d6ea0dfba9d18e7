/**
 * An in-process emulator of Acme Messaging's business profile API — a fictional provider, the one
 * `custom-adapter.ts` writes an adapter for. It is written from the API's document in that
 * example's header, never from the adapter's wire schemas, so that it catches the adapter's
 * mistakes (a field sent under the domain's name is an `unknown field` here).
 *
 * It runs on the kit's `EmulatorHost` (`@wa-admin/core/testing`): real HTTP on 127.0.0.1, every
 * request recorded, faults injectable (a 429 with `Retry-After`, a 5xx …) in Acme's error body.
 */
import { EmulatorHost } from "@wa-admin/core/testing"
import { Effect } from "effect"
import type { Scope } from "effect"
import { randomBytes } from "node:crypto"

/** A profile as Acme stores it: the document's field names. */
export type StoredProfile = Readonly<Record<string, unknown>>

/**
 * How to start the emulator: where (default 127.0.0.1, a free port), its API key (generated when
 * not given) and its numbers with their profiles.
 */
export interface Options {
  readonly host?: string
  readonly port?: number
  readonly apiKey?: string
  readonly numbers?: Readonly<Record<string, StoredProfile>>
}

/** A running emulator: the kit's host (url, environment, requests, faults), the key it takes and its profiles. */
export interface Emulator extends EmulatorHost.Host {
  readonly apiKey: string
  readonly numbers: ReadonlyArray<string>
  readonly profile: (number: string) => Effect.Effect<StoredProfile | undefined>
}

/** The number an emulator started without `numbers` holds (with an empty profile). */
export const defaultNumber = "4915123456789"

const failure = (status: number, code: string, message: string, field?: string): EmulatorHost.Reply => ({
  status,
  body: { error: { code, message, ...(field === undefined ? {} : { field }) } }
})

const characters = (text: string) => [...text].length

const text = (max: number, nonEmpty = false) => (value: unknown): string | undefined =>
  typeof value !== "string"
    ? "must be a string"
    : nonEmpty && value.length === 0
    ? "must not be empty"
    : characters(value) > max
    ? `must be at most ${max} characters`
    : undefined

const industries = ["retail", "grocery", "food", "travel", "health", "education", "finance", "other"]

/** The document's fields and their rules: a message when a value breaks one. */
const rules: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  tagline: text(139, true),
  street_address: text(256),
  long_description: text(256),
  contact_email: (value) => text(128)(value) ?? (String(value).includes("@") ? undefined : "must be an email address"),
  industry: (value) =>
    typeof value === "string" && industries.includes(value) ? undefined : `must be one of ${industries.join(", ")}`,
  urls: (value) =>
    !Array.isArray(value) || value.length > 2
      ? "must be a list of at most 2 URLs"
      : value.map((url) => text(256)(url) ?? (/^https?:\/\//.test(String(url)) ? undefined : "must be http(s) URLs"))
        .find((problem) => problem !== undefined)
}

/** The first field of a change that breaks the document's rules, as Acme's 400. */
const refusal = (change: object): EmulatorHost.Reply | undefined => {
  for (const [field, value] of Object.entries(change)) {
    const rule = Object.hasOwn(rules, field) ? rules[field] : undefined
    const problem = rule === undefined ? "unknown field" : rule(value)
    if (problem !== undefined) return failure(400, "invalid_field", `${field}: ${problem}`, field)
  }
  return undefined
}

/** Acme's 401. As some real APIs do, it quotes the key it was sent: the adapter must scrub it from what it shows. */
const refusedKey = (key: string | undefined): EmulatorHost.Reply =>
  failure(401, "invalid_key", key === undefined ? "missing X-Acme-Key" : `unknown X-Acme-Key ${key}`)

const faultBody = (status: number): unknown =>
  status === 401
    ? { error: { code: "invalid_key", message: "missing or unknown X-Acme-Key" } }
    : status === 429
    ? { error: { code: "rate_limited", message: "too many requests, see Retry-After" } }
    : { error: { code: "server_error", message: `the server failed (${status})` } }

/** Starts the emulator (its URL ends with `/v1`); it stops when the scope closes. */
export const make = (options?: Options): Effect.Effect<Emulator, EmulatorHost.StartError, Scope.Scope> =>
  Effect.gen(function*() {
    const apiKey = options?.apiKey ?? `acme_${randomBytes(16).toString("hex")}`
    const profiles = new Map<string, StoredProfile>(Object.entries(options?.numbers ?? { [defaultNumber]: {} }))

    const profileOf = (
      call: EmulatorHost.Call
    ): Effect.Effect<readonly [string, StoredProfile], EmulatorHost.Reply> => {
      const number = call.params["number"] ?? ""
      if (!/^\d{8,15}$/.test(number)) {
        return Effect.fail(failure(400, "invalid_number", "number must be 8 to 15 digits", "number"))
      }
      const profile = profiles.get(number)
      return profile === undefined
        ? Effect.fail(failure(404, "unknown_number", `no number ${number} on this account`))
        : Effect.succeed([number, profile] as const)
    }

    const host = yield* EmulatorHost.make<EmulatorHost.Reply>({
      host: options?.host,
      port: options?.port,
      basePath: "/v1",
      authenticate: (call) =>
        call.headers["x-acme-key"] === apiKey ? Effect.void : Effect.fail(refusedKey(call.headers["x-acme-key"])),
      routes: {
        "GET /numbers/:number/profile": (call) =>
          Effect.map(profileOf(call), ([, profile]) => ({ status: 200, body: profile })),
        "PATCH /numbers/:number/profile": (call) =>
          Effect.flatMap(profileOf(call), ([number, profile]) => {
            const change = call.content._tag === "Json" ? call.content.value : undefined
            if (typeof change !== "object" || change === null || Array.isArray(change)) {
              return Effect.fail(failure(400, "invalid_body", "the body must be a JSON object"))
            }
            const refused = refusal(change)
            if (refused !== undefined) return Effect.fail(refused)
            const updated = { ...profile, ...change }
            profiles.set(number, updated)
            return Effect.succeed({ status: 200, body: updated })
          })
      },
      failure: (reply) => reply,
      notFound: (call) => failure(404, "not_found", `no route ${call.method} ${call.path}`),
      internalError: () => failure(500, "server_error", "the server failed"),
      faultBody,
      environment: (url) => ({ ACME_BASE_URL: url, ACME_API_KEY: apiKey })
    })

    return {
      ...host,
      apiKey,
      numbers: [...profiles.keys()],
      profile: (number) => Effect.sync(() => profiles.get(number))
    }
  })
