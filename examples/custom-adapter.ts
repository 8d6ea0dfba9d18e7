/**
 * Writing an adapter for a provider wa-admin does not ship, with the kit (`@wa-admin/core/adapter`):
 * config + auth + error classification + a table of endpoints. The provider is fictional, "Acme
 * Messaging" (`acme`); its API, as its document would describe it:
 *
 *   Base URL      https://api.acme-messaging.example/v1
 *   Auth          every request carries the account's API key in `X-Acme-Key`; a missing or
 *                 unknown key is a 401.
 *   {number}      the number in international form, 8 to 15 digits, without `+` or spaces.
 *   GET   /numbers/{number}/profile   → 200, the profile
 *   PATCH /numbers/{number}/profile   the fields to change (the others are kept) → 200, the
 *                                     profile as it now stands. Setting the same fields twice
 *                                     leaves the same profile.
 *   Profile       { "tagline": 1 to 139 characters, "street_address": at most 256,
 *                   "long_description": at most 256, "contact_email": at most 128,
 *                   "industry": one of retail, grocery, food, travel, health, education,
 *                   finance, other, "urls": at most 2 http(s) URLs of at most 256 }
 *                 every field may be absent; an unknown field is refused.
 *   Errors        { "error": { "code", "message", "field"? } }: 400 `invalid_field` (naming the
 *                 `field`) or `invalid_number`, 401 `invalid_key` (its message quotes the key
 *                 it was sent), 404 `unknown_number`,
 *                 429 `rate_limited` with `Retry-After` (seconds), 5xx `server_error`.
 *
 * The adapter implements the `BusinessProfile` port (get, update); everything else answers
 * `Unsupported` with the descriptor's reason. The program reads a number's profile, changes its
 * description and website, reads it back, prints what changed and what Acme lacks.
 *
 * Run it (without `ACME_API_KEY` it starts the Acme emulator of `support/acme-emulator.ts`):
 *
 *   node_modules/.bin/tsx examples/custom-adapter.ts
 *   ACME_API_KEY=… WA_ADMIN_NUMBER=4915123456789 node_modules/.bin/tsx examples/custom-adapter.ts
 */
import type { HttpClient } from "@effect/platform"
import {
  AdminError,
  BusinessProfile,
  Capabilities,
  NumberLifecycle,
  Profile,
  Redaction,
  Transport,
  Validation,
  Vertical
} from "@wa-admin/core"
import { Adapter, AdapterClient, AdapterConfig, Endpoint, ProfileRules, Provider } from "@wa-admin/core/adapter"
import type { ConfigError } from "effect"
import { Config, Console, Context, Effect, Layer, Option, Redacted, Schema } from "effect"
import * as AcmeEmulator from "./support/acme-emulator.js"
import * as Example from "./support/Example.js"

// — Who the provider is: the descriptor's facts (`Capabilities` reports them; nothing repeats them)

/** The provider's name, in errors, spans and `Capabilities`. */
export const provider = "acme"

const operations: ReadonlySet<Capabilities.Operation> = new Set(["profile.get", "profile.update"])

/** What the descriptor says without credentials: name, status, operations, why it lacks the rest, variables. */
export const AcmeFacts: Omit<Provider.Descriptor, "layerConfig"> = {
  name: provider,
  description: "Acme Messaging (fictional): the business profile of a number",
  supportStatus: "stable",
  operations,
  reasons: Object.fromEntries(
    Capabilities.except(...operations).map((operation) => [
      operation,
      "Acme Messaging's API covers a number's business profile (without a photo); the rest is done in the Acme console"
    ])
  ),
  extensions: [],
  variables: [
    Provider.secret("ACME_API_KEY", "the account's API key", { required: true, account: true }),
    Provider.setting("ACME_BASE_URL", "the API's base URL (default: Acme's)")
  ]
}

// — Wire: Acme's spellings, decoded straight into the domain `Profile`

/** Acme's number: the id rule of `{number}`, checked before anything is sent. */
const AcmeNumber = Schema.String.pipe(
  Schema.pattern(/^\d{8,15}$/, { message: () => "must be the number's 8 to 15 digits, without + or spaces (Acme)" })
)

/** Acme's industries, by canonical vertical. */
const industries = Vertical.spelling("Acme industries", {
  Retail: "retail",
  Grocery: "grocery",
  Restaurant: "food",
  Travel: "travel",
  Health: "health",
  Education: "education",
  Finance: "finance",
  Other: "other"
})

/** Acme's name for each profile field. */
const wireNames = {
  about: "tagline",
  address: "street_address",
  description: "long_description",
  email: "contact_email",
  vertical: "industry",
  websites: "urls"
} as const

/** The profile's fields in Acme's spelling: a response, and a change (PATCH body) alike. */
const AcmeProfileFields = Schema.Struct({
  about: Schema.optional(Schema.String).pipe(Schema.fromKey(wireNames.about)),
  address: Schema.optional(Schema.String).pipe(Schema.fromKey(wireNames.address)),
  description: Schema.optional(Schema.String).pipe(Schema.fromKey(wireNames.description)),
  email: Schema.optional(Schema.String).pipe(Schema.fromKey(wireNames.email)),
  vertical: Schema.optional(Vertical.schema(industries)).pipe(Schema.fromKey(wireNames.vertical)),
  websites: Schema.optional(Schema.Array(Schema.String)).pipe(Schema.fromKey(wireNames.websites))
})

const AcmeProfile = AcmeProfileFields.pipe(Schema.compose(Profile.Profile))

// — The endpoint table

type NumberRef = typeof BusinessProfile.NumberRef.Type
type UpdateRequest = typeof BusinessProfile.UpdateRequest.Type

const changeBody = Endpoint.jsonOf(AcmeProfileFields)

/** What both endpoints share: the path, the answer (the profile), what a 404 means. */
const profileOfNumber = {
  path: "/numbers/{number}/profile",
  response: AcmeProfile,
  notFound: { resource: "number", id: (input: NumberRef) => input.number }
}

/** GET /numbers/{number}/profile. */
const getProfile = Endpoint.get({
  ...profileOfNumber,
  operation: "profile.get"
})

/** PATCH /numbers/{number}/profile. */
const updateProfile = Endpoint.make({
  ...profileOfNumber,
  operation: "profile.update",
  method: "PATCH",
  // idempotent: the document says setting the same fields twice leaves the same profile.
  idempotent: true,
  body: ({ profile }: UpdateRequest) => changeBody(profile)
})

// — The client: config + auth + error classification, on the kit's AdapterClient

/** Acme's base URL when `ACME_BASE_URL` is not set. */
export const defaultBaseUrl = "https://api.acme-messaging.example/v1"

/** How to reach Acme. */
export interface AcmeOptions {
  readonly apiKey: Redacted.Redacted<string>
  readonly baseUrl?: string
}

/** The Acme client: the kit's `AdapterClient`, authenticated and classifying Acme's errors. */
export class AcmeClient extends Context.Tag("examples/AcmeClient")<AcmeClient, AdapterClient.AdapterClient>() {}

const AcmeErrorBody = Schema.Struct({
  error: Schema.Struct({ code: Schema.String, message: Schema.String, field: Schema.optional(Schema.String) })
})
const readError = Schema.decodeUnknownOption(AcmeErrorBody)

/** The domain field (`profile.about`) an Acme field name (`tagline`) stands for. */
const domainField = (field: string): string => {
  const found = Object.entries(wireNames).find(([, wire]) => wire === field)
  return found === undefined ? field : `profile.${found[0]}`
}

/**
 * Acme's error body as a provider problem: read by the kit for every non-2xx answer, so the
 * errors its policy decides itself (`RateLimited`, `ProviderUnavailable`) carry Acme's code and
 * message too.
 */
const readProblem = (status: number, body: unknown): Option.Option<AdminError.ProviderProblem> =>
  Option.map(readError(body), ({ error }) =>
    new AdminError.ProviderProblem({
      status,
      code: error.code,
      detail: error.message,
      ...(error.field === undefined ? {} : { invalidParameters: [{ name: error.field, reason: error.message }] })
    }))

/** Acme's error answers onto the error union: its 400 names the field; the rest is the kit's default. */
const classify = (failure: Transport.Failure): AdminError.AdminError => {
  const problem = Option.getOrUndefined(failure.problem)
  if (failure.status !== 400 || problem === undefined) return Transport.defaultFailure(provider, failure, failure.scrub)
  const field = problem.invalidParameters?.[0]?.name
  const issues = [
    new AdminError.FieldIssue({
      field: field === undefined ? "(input)" : domainField(field),
      rule: problem.detail ?? ""
    })
  ] as const
  return new AdminError.InvalidInput({ provider, operation: failure.operation, source: "provider", issues, problem })
}

/** Builds the client over the `HttpClient` in context. */
export const makeClient = (
  options: AcmeOptions
): Effect.Effect<AdapterClient.AdapterClient, never, HttpClient.HttpClient> =>
  AdapterClient.make({
    provider,
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    authenticate: (draft) => ({
      ...draft,
      headers: { ...draft.headers, "x-acme-key": Redacted.value(options.apiKey) }
    }),
    secrets: [options.apiKey],
    secretNames: Redaction.secretNames({ headers: ["x-acme-key"] }),
    ids: { number: AcmeNumber },
    readProblem,
    classify
  })

/** The settings from the environment: `ACME_API_KEY` (a secret a header can carry) and `ACME_BASE_URL`. */
export const config: Config.Config<AcmeOptions> = Config.all({
  apiKey: AdapterConfig.headerSecret("ACME_API_KEY", "API key"),
  baseUrl: AdapterConfig.baseUrl("ACME_BASE_URL", defaultBaseUrl)
})

/** The client configured from the environment ({@link config}). */
export const clientLayerConfig: Layer.Layer<AcmeClient, ConfigError.ConfigError, HttpClient.HttpClient> = Layer
  .effect(AcmeClient, Effect.flatMap(config, makeClient))

/** The client from explicit options. */
export const clientLayer = (options: AcmeOptions): Layer.Layer<AcmeClient, never, HttpClient.HttpClient> =>
  Layer.effect(AcmeClient, makeClient(options))

// — The port: BusinessProfile on the client, and the adapter's layers

const checkRules = Validation.validate(
  ProfileRules.changeRules({
    provider: "Acme",
    number: AcmeNumber,
    vertical: Vertical.Vertical.pipe(
      Schema.filter((vertical) =>
        industries.representable.includes(vertical) ||
        `has no Acme industry; one of ${industries.representable.join(", ")}`
      )
    ),
    nonEmpty: ["about"]
  }),
  { provider, operation: "profile.update" }
)

/** `BusinessProfile` on an Acme client: Acme's limits checked before anything is sent, then the endpoints. */
export const fromClient = (client: AdapterClient.AdapterClient): BusinessProfile.Service =>
  BusinessProfile.make(provider, {
    validateUpdate: (request) =>
      request.profile.photoUrl === undefined
        ? Effect.asVoid(checkRules(request))
        : Effect.fail(
          Validation.invalidInput({ provider, operation: "profile.update" }, [
            { field: "profile.photoUrl", rule: "Acme's profile has no photo" }
          ])
        ),
    get: client.call(getProfile),
    update: client.call(updateProfile)
  })

/** The port's layer, for the Acme client in context: what `Adapter.layers` takes as a port. */
export const businessProfileLayer = Layer.effect(BusinessProfile.BusinessProfile, Effect.map(AcmeClient, fromClient))

/** The adapter's layers: `layer` (static), `layerComplete` (every port), `layerConfig` (from the environment). */
export const AcmeAdmin = Adapter.layers({
  provider: AcmeFacts,
  ports: [businessProfileLayer],
  extensions: Layer.empty,
  clientConfig: clientLayerConfig
})

/** The descriptor: what `WhatsAppAdmin.layerConfig`, `Provider.select` and the command line read. */
export const AcmeProvider: Provider.Descriptor = { ...AcmeFacts, layerConfig: AcmeAdmin.layerConfig }

// — The program

/** The change the program makes. */
export const change = {
  description: "Sourdough, rye and croissants, baked every morning since 1952",
  websites: ["https://acme-bakery.example/shop"]
}

/** What the program found: the profile before and after, the fields that changed, what Acme lacks and why. */
export interface Result {
  readonly before: Profile.Profile
  readonly after: Profile.Profile
  readonly changed: ReadonlyArray<Profile.FieldName>
  readonly unsupported: ReadonlyArray<Capabilities.Operation>
  /** What asking for the number's status (an operation Acme lacks) answered. */
  readonly refusal: string
}

const shown = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value))

/** Reads a number's profile, changes it, reads it back and prints what changed and what Acme lacks. */
export const program: Example.Program<Result> = Effect.gen(function*() {
  const number = yield* Config.string("WA_ADMIN_NUMBER")
  const before = yield* BusinessProfile.get({ number })
  yield* BusinessProfile.update({ number, profile: change })
  const after = yield* BusinessProfile.get({ number })
  const changed = Profile.fieldNames.filter((field) => shown(before[field]) !== shown(after[field]))
  yield* Console.log(`Profile of ${number}:`)
  for (const field of changed) yield* Console.log(`  ${field}: ${shown(before[field])} → ${shown(after[field])}`)

  const capabilities = yield* Capabilities.Capabilities
  const unsupported = Capabilities.operations.filter((operation) => !capabilities.supports(operation))
  yield* Console.log(`${capabilities.provider} does not offer: ${unsupported.join(", ")}`)
  yield* Console.log(`  why: ${capabilities.reason("numbers.provision") ?? "(no reason given)"}`)
  const refusal = yield* NumberLifecycle.status({ id: number }).pipe(
    Effect.map((registration) => `answered ${registration.state}`),
    Effect.catchAll((error) => Effect.succeed(`${error._tag}: ${error.message}`))
  )
  yield* Console.log(`NumberLifecycle.status → ${refusal}`)
  return { before, after, changed, unsupported, refusal }
}).pipe(Effect.provide(AcmeAdmin.layerConfig))

/** The program against Acme's emulator, on a number with a profile. */
export const demo: Example.Demo<{ readonly emulator: AcmeEmulator.Emulator; readonly result: Result }> = Effect.gen(
  function*() {
    const emulator = yield* Effect.orDie(AcmeEmulator.make({
      numbers: {
        [AcmeEmulator.defaultNumber]: {
          tagline: "Fresh bread daily",
          long_description: "A family bakery",
          industry: "food",
          urls: ["https://acme-bakery.example"]
        }
      }
    }))
    const environment = { ...emulator.environment, WA_ADMIN_NUMBER: AcmeEmulator.defaultNumber }
    const result = yield* program.pipe(Example.withEnvironment(environment))
    return { emulator, result }
  }
)

if (Example.isMain(import.meta.url)) {
  Example.main(["ACME_API_KEY"], { real: program, demo })
}
