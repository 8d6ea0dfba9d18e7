/**
 * An in-process emulator of Meta's WhatsApp Cloud API and Business Management API (the Graph
 * API), written from Meta's own OpenAPI 3.1 document (`meta-business-messaging-api_v23.0`)
 * and, where the document is silent, from the Meta developer-documentation facts the Meta
 * adapter issue states — independently of the adapter, so that it can catch the adapter's
 * mistakes.
 *
 * It serves the admin surface below `/{Version}` (default `v23.0`): phone numbers through their
 * registration states with a code outbox (add, request and verify a code, register with the
 * two-step PIN — 10 times per number in a moving 72 hours —, deregister, fields, PIN and
 * display-name change), the business profile, media and Meta's resumable upload, message
 * templates (list, create, edit, delete, the review on the Clock, the edit limits and the
 * 30-day name block, same-business migration), flows, the flow encryption key, QR codes,
 * commerce settings, conversational automation, webhook subscriptions, WABA details, phone
 * number lists, a business's owned and client WABAs, and assigned users.
 *
 * Every call needs `Authorization: Bearer <token>` (and, when the emulator has an app secret,
 * `appsecret_proof` in the query: the hex HMAC-SHA256 of the token keyed by the secret). Every
 * failure is a Graph error (`{ error: { message, type, code, error_subcode, error_user_title,
 * error_user_msg, fbtrace_id } }`) with the document's status and code; every answer carries
 * `X-App-Usage` and, for a call on a WABA, `X-Business-Use-Case-Usage`. Time comes from the
 * `Clock` of the fiber that calls `make`, so `TestClock` drives reviews, limits and windows.
 *
 * Files the API hands out as URLs (media, template samples, profile pictures, flow JSON, QR
 * images) are served from a second local server, as Meta serves them from content hosts.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { MetaEmulator } from "@wa-admin/meta/emulator"
 *
 * const program = Effect.gen(function*() {
 *   const emulator = yield* MetaEmulator.make()
 *   const { accessToken, phoneNumberId } = emulator.credentials
 *   const answer = yield* Effect.promise(() =>
 *     fetch(`${emulator.url}/${phoneNumberId}?fields=status`, { headers: { authorization: `Bearer ${accessToken}` } })
 *   )
 * }).pipe(Effect.scoped)
 * ```
 *
 * @since 0.1.0
 */
import { CloudApi } from "@wa-admin/core/adapter"
import { EmulatorHost } from "@wa-admin/core/testing"
import type { FaultInjection } from "@wa-admin/core/testing"
import { Context, Deferred, Duration, Effect, Layer, Option, Schema } from "effect"
import type { Scope } from "effect"
import * as Crypto from "node:crypto"
import * as Http from "node:http"
import * as Assets from "./internal/assets.js"
import type {
  Auth,
  Context as EmulatorContext,
  ReviewDecision,
  ReviewedTemplate,
  Settings
} from "./internal/context.js"
import { appSecretProof, authenticate, carriesToken } from "./internal/context.js"
import * as Graph from "./internal/graph.js"
import { registerBudget } from "./internal/numbers.js"
import { routes } from "./internal/routes.js"
import { defaultBusinesses, seed, SeedError, seedTemplates } from "./internal/seed.js"
import * as State from "./internal/state.js"
import { advanceTemplates } from "./internal/templates.js"
import { Usage } from "./internal/usage.js"

// The fault-injection models of `emulator.faults`, the same for every emulator.
/** @since 0.1.0 */ export type Arrival = FaultInjection.Arrival
/** @since 0.1.0 */ export type Fault = FaultInjection.Fault
/** @since 0.1.0 */ export type FaultRule = FaultInjection.FaultRule
/** @since 0.1.0 */ export type Faults = FaultInjection.Faults
/** @since 0.1.0 */ export type RetryAfter = FaultInjection.RetryAfter

/**
 * A permission of a system-user access token.
 *
 * @since 0.1.0
 * @category models
 */
export type Permission = State.Permission

/**
 * A number to start with, in E.164 digits (`16505550100`).
 *
 * @since 0.1.0
 * @category models
 */
export interface NumberSeed {
  /** Default: generated. */
  readonly id?: string | undefined
  readonly phoneNumber: string
  /** The country calling code; default: read from the number. */
  readonly countryCode?: string | undefined
  /** Default: the WABA's name. */
  readonly verifiedName?: string | undefined
  /**
   * Where it stands: `added` (code unverified), `verified` (code verified, not registered),
   * `registered` (default) or `deregistered`.
   */
  readonly state?: "added" | "verified" | "registered" | "deregistered" | undefined
  /** The two-step PIN of a registered number. Default: random. */
  readonly pin?: string | undefined
  readonly nameStatus?: State.PhoneNumber["nameStatus"] | undefined
  readonly qualityRating?: State.PhoneNumber["qualityRating"] | undefined
  readonly messagingLimitTier?: State.PhoneNumber["messagingLimitTier"] | undefined
  readonly profile?: {
    readonly about?: string | undefined
    readonly address?: string | undefined
    readonly description?: string | undefined
    readonly email?: string | undefined
    readonly websites?: ReadonlyArray<string> | undefined
    /** One of the document's vertical codes (`RETAIL`, …). */
    readonly vertical?: string | undefined
  } | undefined
}

/**
 * A Graph node of a seed that is known by its id and name (an app, a user).
 *
 * @since 0.1.0
 * @category models
 */
export interface NodeSeed {
  readonly id: string
  readonly name: string
}

/**
 * A template to start with (or to add with `addTemplates`), its components in the Graph wire
 * format; kept as given.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplateSeed {
  readonly id?: string | undefined
  readonly name: string
  readonly language: string
  readonly category: string
  /** Default `APPROVED`; a `PENDING` one is reviewed on the Clock like a new one. */
  readonly status?: string | undefined
  readonly rejectedReason?: string | undefined
  readonly components: ReadonlyArray<unknown>
}

/**
 * A WhatsApp Business Account to start with.
 *
 * @since 0.1.0
 * @category models
 */
export interface WabaSeed {
  readonly id?: string | undefined
  readonly name?: string | undefined
  readonly currency?: string | undefined
  readonly timezoneId?: string | undefined
  readonly namespace?: string | undefined
  /** ISO 3166 alpha-2. */
  readonly country?: string | undefined
  readonly businessType?: "ENTERPRISE" | "SMB" | undefined
  readonly accountReviewStatus?: State.Waba["accountReviewStatus"] | undefined
  readonly businessVerificationStatus?: State.Waba["businessVerificationStatus"] | undefined
  /** Whether the token may act on it (and its numbers, templates, flows). Default `true`. */
  readonly accessible?: boolean | undefined
  readonly numbers?: ReadonlyArray<NumberSeed> | undefined
  readonly templates?: ReadonlyArray<TemplateSeed> | undefined
  /** Apps (other than the token's) subscribed to its webhooks. */
  readonly subscribedApps?: ReadonlyArray<NodeSeed & { readonly overrideCallbackUri?: string | undefined }> | undefined
  /** Users of the owning business assigned to it. */
  readonly assignedUsers?: ReadonlyArray<{ readonly userId: string; readonly tasks: ReadonlyArray<string> }> | undefined
}

/**
 * A business portfolio to start with. The first business is the one the token's system user
 * belongs to.
 *
 * @since 0.1.0
 * @category models
 */
export interface BusinessSeed {
  readonly id?: string | undefined
  readonly name?: string | undefined
  /** Whether the token may act on it. Default `true`. */
  readonly accessible?: boolean | undefined
  /** The WABAs it owns. */
  readonly wabas?: ReadonlyArray<WabaSeed> | undefined
  /** Ids of WABAs of other seeded businesses that are shared with it (its client WABAs). */
  readonly clientWabaIds?: ReadonlyArray<string> | undefined
  readonly users?: ReadonlyArray<NodeSeed & { readonly userType?: State.User["userType"] | undefined }> | undefined
}

/**
 * How to start an emulator. Every field is optional.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Interface to bind. Default `"127.0.0.1"`. */
  readonly host?: string | undefined
  /** Port to bind; `0` picks a free one. Default `0`. */
  readonly port?: number | undefined
  /** The Graph API version in every path. Default `"v23.0"`. */
  readonly graphVersion?: string | undefined
  /** The system-user access token. Default: generated. */
  readonly accessToken?: string | undefined
  /** When given, every call must carry `appsecret_proof`. */
  readonly appSecret?: string | undefined
  readonly appId?: string | undefined
  readonly appName?: string | undefined
  /** The token's permissions. Default: all three. */
  readonly permissions?: ReadonlyArray<Permission> | undefined
  /** How long the token lives from the start. Default: forever. */
  readonly accessTokenLifetime?: Duration.DurationInput | undefined
  /** The account. Default: one business, one WABA, one registered number. */
  readonly businesses?: ReadonlyArray<BusinessSeed> | undefined
  /** How long Meta's reviews (templates, display names) take. Default `"1 second"`. */
  readonly reviewDuration?: Duration.DurationInput | undefined
  /** How a template review ends. Default: approved. */
  readonly reviewTemplate?: ((template: ReviewedTemplate) => ReviewDecision) | undefined
  /** How long a verification code works. Default `"10 minutes"` (the document). */
  readonly codeLifetime?: Duration.DurationInput | undefined
  /** Wrong codes accepted before verification is refused until a new code. Default `5`. */
  readonly maxVerifyAttempts?: number | undefined
  /** Templates a WABA may create per hour. Default `100`. */
  readonly templateCreationsPerHour?: number | undefined
  /** Numbers a WABA may hold. Default `20`. */
  readonly maxNumbersPerWaba?: number | undefined
  /**
   * The allowances behind the usage headers: the app's calls (code 4 beyond) and each WABA's
   * (code 80007 beyond). Default: 10,000 calls an hour each.
   */
  readonly rateLimits?: {
    readonly app?: { readonly limit: number; readonly window: Duration.DurationInput } | undefined
    readonly businessUseCase?: { readonly limit: number; readonly window: Duration.DurationInput } | undefined
  } | undefined
}

/**
 * What a client needs: the token (and app secret), the app, and the first business, its first
 * WABA and that WABA's first number.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly accessToken: string
  readonly appSecret: string | undefined
  readonly appId: string
  readonly businessId: string
  readonly wabaId: string
  readonly phoneNumberId: string
  readonly graphVersion: string
  /** The id of the token's system user. */
  readonly systemUserId: string
}

/**
 * One request as the emulator received it.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest extends EmulatorHost.RecordedRequest {}

/**
 * A change that took effect (`addPhoneNumber`, `requestCode`, `verifyCode`, `register`,
 * `deregister`, `setPin`, `requestDisplayName`, `updateProfile`, `uploadMedia`, `deleteMedia`,
 * `openUpload`, `completeUpload`, `createTemplate`, `editTemplate`, `deleteTemplate`,
 * `migrateTemplate`, `createFlow`, `migrateFlow`, `updateFlowMetadata`, `updateFlowJson`,
 * `publishFlow`, `deprecateFlow`, `deleteFlow`, `setEncryptionKey`, `createQrCode`,
 * `updateQrCode`, `deleteQrCode`, `setCommerceSettings`, `setConversationalAutomation`,
 * `subscribeApp`, `unsubscribeApp`, `addAssignedUser`, `removeAssignedUser`) and what it acted on.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedEffect extends State.RecordedEffect {}

/**
 * A verification code the emulator "sent".
 *
 * @since 0.1.0
 * @category models
 */
export interface SentCode extends Omit<State.SentCode, "sentAt"> {
  readonly sentAt: Date
}

/**
 * A number as the emulator holds it.
 *
 * @since 0.1.0
 * @category models
 */
export interface NumberState {
  readonly id: string
  readonly wabaId: string
  /** `+` and digits. */
  readonly phoneNumber: string
  readonly status: State.NumberStatus
  readonly codeVerificationStatus: "VERIFIED" | "UNVERIFIED"
  readonly nameStatus: State.PhoneNumber["nameStatus"]
  readonly verifiedName: string
  readonly pin: Option.Option<string>
  /** Register calls counted in the moving 72 hours now. */
  readonly registerCalls: number
  /** Until when registration is locked (after the 11th call), if it is. */
  readonly registerLockedUntil: Option.Option<Date>
}

/**
 * A template language version as the emulator holds it (components as stored, with handles).
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredTemplate extends CloudApi.StoredTemplate {
  readonly rejectedReason: Option.Option<string>
  /** Edits made while it was approved, in the last 30 days. */
  readonly approvedEdits: number
}

/**
 * A flow as the emulator holds it.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredFlow {
  readonly id: string
  readonly wabaId: string
  readonly name: string
  readonly status: "DRAFT" | "PUBLISHED" | "DEPRECATED"
  readonly categories: ReadonlyArray<string>
  readonly endpointUri: Option.Option<string>
  readonly json: Option.Option<string>
  readonly validationErrors: ReadonlyArray<{ readonly error: string; readonly message: string }>
}

/**
 * An uploaded media file.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadedMedia {
  readonly id: string
  readonly phoneNumberId: string
  readonly mimeType: string
  readonly bytes: Uint8Array
  readonly uploadedAt: Date
}

/**
 * A file completed through the resumable upload.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadedFile {
  /** The `h` the upload answered. */
  readonly handle: string
  readonly fileName: string
  readonly fileType: string
  readonly bytes: Uint8Array
}

/**
 * The conversational automation of a number, as last set.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConversationalAutomation {
  readonly enableWelcomeMessage: boolean
  readonly prompts: ReadonlyArray<string>
  readonly commands: ReadonlyArray<{ readonly commandName: string; readonly commandDescription: string }>
}

/**
 * A rule making calls fail with one of the Graph rate-limit codes (4, 17, 32, 613, 80007,
 * 130429), answered 429 with the usage headers at 100% and `estimated_time_to_regain_access`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ThrottleRule {
  readonly code: Graph.RateLimitCode
  /** The request path (as sent), as its last segments, or a RegExp. Default: every call. */
  readonly path?: string | RegExp | undefined
  /** How many matching calls it hits. Default: all. */
  readonly times?: number | undefined
  /** Default `1`. */
  readonly regainAccessMinutes?: number | undefined
}

/**
 * Why `make` (or `layer`) failed to start the emulator: the port is taken or out of range, the
 * host unknown; `message` says so in one line.
 *
 * @since 0.1.0
 * @category errors
 */
export import StartError = EmulatorHost.StartError

/**
 * A control call that names something the emulator does not hold or breaks a rule.
 *
 * @since 0.1.0
 * @category errors
 */
export class EmulatorError extends Schema.TaggedError<EmulatorError>("@wa-admin/meta/emulator/EmulatorError")(
  "EmulatorError",
  { message: Schema.String }
) {}

/**
 * A running emulator: `url` is `http://HOST:PORT/{Version}` (the version's root), `graphUrl`
 * the Graph base URL a client takes (`http://HOST:PORT`), `environment` the variables of
 * `environment`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Emulator extends EmulatorHost.Host {
  readonly graphUrl: string
  readonly credentials: Credentials
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  /** Every change that took effect, in order. */
  readonly effects: Effect.Effect<ReadonlyArray<RecordedEffect>>
  /** Every verification code sent, in order. */
  readonly outbox: Effect.Effect<ReadonlyArray<SentCode>>
  /** The latest code sent to a number. */
  readonly lastCode: (phoneNumberId: string) => Effect.Effect<Option.Option<string>>
  /** Every number, with its state now. */
  readonly numbers: Effect.Effect<ReadonlyArray<NumberState>>
  /** The templates of a WABA, oldest first, with their review state now. */
  readonly templates: (wabaId: string) => Effect.Effect<ReadonlyArray<StoredTemplate>, EmulatorError>
  /** Adds templates to a WABA as Meta would already hold them; answers their ids. */
  readonly addTemplates: (
    wabaId: string,
    templates: ReadonlyArray<TemplateSeed>
  ) => Effect.Effect<ReadonlyArray<string>, EmulatorError>
  /** Ends a template's review (or changes its status) now, with a reason for a rejection. */
  readonly setTemplateStatus: (
    templateId: string,
    status: State.TemplateStatus,
    rejectedReason?: string
  ) => Effect.Effect<void, EmulatorError>
  /** The flows of a WABA, oldest first. */
  readonly flows: (wabaId: string) => Effect.Effect<ReadonlyArray<StoredFlow>, EmulatorError>
  /** Every media file not deleted. */
  readonly media: Effect.Effect<ReadonlyArray<UploadedMedia>>
  /** Every file completed through the resumable upload. */
  readonly uploads: Effect.Effect<ReadonlyArray<UploadedFile>>
  /** A number's conversational automation, if set. */
  readonly conversationalAutomation: (
    phoneNumberId: string
  ) => Effect.Effect<Option.Option<ConversationalAutomation>, EmulatorError>
  /** How many file downloads the content host answered. */
  readonly downloads: Effect.Effect<number>
  /** Makes the access token expire now (code 190, subcode 463 from then on). */
  readonly expireAccessToken: Effect.Effect<void>
  /** Makes chosen calls meet a rate-limit code. */
  readonly throttle: (rule: ThrottleRule) => Effect.Effect<void>
  /** Removes every throttle rule. */
  readonly clearThrottles: Effect.Effect<void>
}

/**
 * The variables that point a client at an emulator: `META_ACCESS_TOKEN`, `META_APP_SECRET` (when
 * set), `META_APP_ID`, `META_WABA_ID`, `META_PHONE_NUMBER_ID`, `META_BUSINESS_ID`,
 * `META_GRAPH_VERSION` and `META_GRAPH_URL`.
 *
 * @since 0.1.0
 * @category utils
 */
export const environment = (graphUrl: string, credentials: Credentials): Readonly<Record<string, string>> => ({
  META_ACCESS_TOKEN: credentials.accessToken,
  ...(credentials.appSecret === undefined ? {} : { META_APP_SECRET: credentials.appSecret }),
  META_APP_ID: credentials.appId,
  META_WABA_ID: credentials.wabaId,
  META_PHONE_NUMBER_ID: credentials.phoneNumberId,
  META_BUSINESS_ID: credentials.businessId,
  META_GRAPH_VERSION: credentials.graphVersion,
  META_GRAPH_URL: graphUrl
})

/**
 * The `appsecret_proof` a call must carry when the emulator has an app secret: the hex
 * HMAC-SHA256 of the access token keyed by the app secret.
 *
 * @since 0.1.0
 * @category utils
 */
export const proofOf = (accessToken: string, appSecret: string): string => appSecretProof(accessToken, appSecret)

/** The Graph error body for a status a fault answers with (an expired token for 401, as of `now`). */
const faultBody = (now: () => number) => (status: number): unknown => {
  const error = status === 401
    ? Graph.expiredToken(now())
    : status === 429
    ? Graph.rateLimited(4, {})
    : status === 403
    ? Graph.noAccess("object")
    : status === 404
    ? Graph.notFound("Object not found")
    : status === 400
    ? Graph.invalidParameter("Invalid parameter")
    : status >= 500
    ? Graph.internalError
    : new Graph.GraphError({
      status,
      type: "OAuthException",
      code: 1,
      message: Http.STATUS_CODES[status] ?? "An unknown error occurred"
    })
  return Graph.render(error).body
}

/** The answer to a path the emulator does not serve: a wrong version, or an unknown edge. */
const unknownPath = (graphVersion: string) => (call: EmulatorHost.Call): EmulatorHost.Reply => {
  const version = call.path.split("/")[1] ?? ""
  if (!/^v\d+\.\d+$/.test(version)) {
    return Graph.render(Graph.invalidParameter("Invalid version format. Use format like 'v23.0'"))
  }
  if (version !== graphVersion) {
    return Graph.render(Graph.invalidParameter(`Unsupported version ${version}: the emulator serves ${graphVersion}`))
  }
  return Graph.render(Graph.invalidParameter(`Unknown path components: ${call.path.slice(version.length + 1)}`))
}

/** The Graph base URL (`http://HOST:PORT`) of the host's URL, which ends with `/{Version}`. */
const graphUrlOf = (url: string, graphVersion: string): string => url.slice(0, url.length - graphVersion.length - 1)

const millis = (input: Duration.DurationInput | undefined, fallback: Duration.DurationInput): number =>
  Duration.toMillis(Duration.decode(input ?? fallback))

const checkOptions = (options: Options): string | undefined => {
  if (options.graphVersion !== undefined && !/^v\d+\.\d+$/.test(options.graphVersion)) {
    return `graphVersion must look like v23.0, not ${options.graphVersion}`
  }
  if (options.accessToken !== undefined && !/^[A-Za-z0-9\-_.]+$/.test(options.accessToken)) {
    return "accessToken must be letters, digits, -, _ and ."
  }
  for (
    const [name, value] of [
      ["maxVerifyAttempts", options.maxVerifyAttempts],
      ["templateCreationsPerHour", options.templateCreationsPerHour],
      ["maxNumbersPerWaba", options.maxNumbersPerWaba],
      ["rateLimits.app.limit", options.rateLimits?.app?.limit],
      ["rateLimits.businessUseCase.limit", options.rateLimits?.businessUseCase?.limit]
    ] as const
  ) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) return `${name} must be a positive integer`
  }
  return undefined
}

const numberState = (phone: State.PhoneNumber, now: number): NumberState => {
  const budget = registerBudget(phone, now)
  return {
    id: phone.id,
    wabaId: phone.wabaId,
    phoneNumber: State.e164(phone),
    status: phone.status,
    codeVerificationStatus: phone.codeVerificationStatus,
    nameStatus: phone.nameStatus,
    verifiedName: phone.verifiedName,
    pin: Option.fromNullable(phone.pin),
    registerCalls: budget.recent.length,
    registerLockedUntil: Option.map(Option.fromNullable(budget.lockedUntil), (at) => new Date(at))
  }
}

const storedTemplate = (template: State.Template): StoredTemplate => ({
  ...CloudApi.storedTemplate(template),
  rejectedReason: Option.fromNullable(template.rejectedReason),
  approvedEdits: template.approvedEdits.length
})

const storedFlow = (flow: State.Flow): StoredFlow => ({
  id: flow.id,
  wabaId: flow.wabaId,
  name: flow.name,
  status: flow.status,
  categories: flow.categories.slice(),
  endpointUri: Option.fromNullable(flow.endpointUri),
  json: Option.fromNullable(flow.json?.text),
  validationErrors: flow.validationErrors.map((error) => ({ error: error.error, message: error.message }))
})

/** Ends the display-name reviews due at `now` (approved). */
const advanceNames = (state: State.State, now: number): void => {
  for (const node of state.nodes.values()) {
    if (node.kind !== "phone" || node.pendingName === undefined || node.pendingName.decidedAt > now) continue
    node.verifiedName = node.pendingName.name
    node.nameStatus = "APPROVED"
    node.pendingName = undefined
  }
}

/**
 * Starts an emulator on `options.host` / `options.port` (and its content host on a free port of
 * the same interface); both stop when the scope closes. Time comes from the `Clock` of the
 * calling fiber. Options that contradict themselves (a malformed version, a seed reusing an id
 * or sharing a WABA that was not seeded) are a defect whose message says which.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<Emulator, StartError, Scope.Scope> =>
  Effect.gen(function*() {
    const problem = checkOptions(options)
    if (problem !== undefined) return yield* Effect.dieMessage(`MetaEmulator: ${problem}`)
    const clock = yield* Effect.clock
    const start = clock.unsafeCurrentTimeMillis()
    const graphVersion = options.graphVersion ?? "v23.0"
    const state = State.empty()
    const app: State.App = {
      kind: "app",
      id: options.appId ?? State.freshId(state, 15),
      name: options.appName ?? "wa-admin emulator app"
    }
    const auth: Auth = {
      accessToken: options.accessToken ?? `EAA${Crypto.randomBytes(48).toString("base64url").replace(/[-_]/g, "Z")}`,
      appSecret: options.appSecret,
      tokenExpiresAt: options.accessTokenLifetime === undefined
        ? undefined
        : start + millis(options.accessTokenLifetime, 0)
    }
    const reviewMillis = millis(options.reviewDuration, "1 second")
    state.nodes.set(app.id, app)
    const systemUser: State.User = {
      id: State.freshId(state),
      name: "wa-admin emulator system user",
      userType: "SYSTEM_USER"
    }
    const businesses = yield* Effect.try({
      try: () => seed({ state, reviewMillis }, options.businesses ?? defaultBusinesses, systemUser, start),
      catch: (error) => error
    }).pipe(
      Effect.catchAll((error) =>
        Effect.dieMessage(`MetaEmulator: ${error instanceof SeedError ? error.message : String(error)}`)
      )
    )
    const business = businesses[0]
    const waba = business === undefined ? undefined : State.nodeOf(state, business.ownedWabaIds[0] ?? "", "waba")
    const credentials: Credentials = {
      accessToken: auth.accessToken,
      appSecret: auth.appSecret,
      appId: app.id,
      businessId: business?.id ?? "",
      wabaId: waba?.id ?? "",
      phoneNumberId: waba?.phoneNumberIds[0] ?? "",
      graphVersion,
      systemUserId: systemUser.id
    }
    const ready = yield* Deferred.make<EmulatorContext>()
    const host = yield* EmulatorHost.make<Graph.GraphError>({
      host: options.host,
      port: options.port,
      basePath: `/${graphVersion}`,
      routes: routes(Deferred.await(ready)),
      authenticate: (call) => {
        const refused = authenticate(call, auth)
        return refused === undefined ? Effect.void : Effect.fail(refused)
      },
      failure: Graph.render,
      notFound: unknownPath(graphVersion),
      methodNotAllowed: (call) =>
        Effect.succeed(Graph.render(Graph.invalidParameter(`Unsupported ${call.method.toLowerCase()} request.`))),
      internalError: () => Graph.render(Graph.internalError),
      faultBody: faultBody(() => clock.unsafeCurrentTimeMillis()),
      environment: (url) => environment(graphUrlOf(url, graphVersion), credentials)
    })
    const graphUrl = graphUrlOf(host.url, graphVersion)
    const assets = yield* Assets.start(
      options.host ?? "127.0.0.1",
      new URL(host.url).host.replace(/:\d+$/, ""),
      () => clock.unsafeCurrentTimeMillis(),
      (authorization) => carriesToken(authorization, auth)
    )
    const settings: Settings = {
      graphVersion,
      auth,
      app,
      businessId: credentials.businessId,
      permissions: new Set(options.permissions ?? State.allPermissions),
      reviewMillis,
      codeTtlMillis: millis(options.codeLifetime, "10 minutes"),
      maxVerifyAttempts: options.maxVerifyAttempts ?? 5,
      templateCreationsPerHour: options.templateCreationsPerHour ?? 100,
      maxNumbersPerWaba: options.maxNumbersPerWaba ?? 20,
      review: options.reviewTemplate ?? (() => ({ status: "APPROVED" })),
      usage: new Usage(
        {
          limit: options.rateLimits?.app?.limit ?? 10_000,
          windowMillis: millis(options.rateLimits?.app?.window, "1 hour")
        },
        {
          limit: options.rateLimits?.businessUseCase?.limit ?? 10_000,
          windowMillis: millis(options.rateLimits?.businessUseCase?.window, "1 hour")
        }
      ),
      assets,
      graphUrl
    }
    const context: EmulatorContext = {
      state,
      settings,
      advance: (now) => {
        advanceTemplates(context, now)
        advanceNames(state, now)
      }
    }
    yield* Deferred.succeed(ready, context)
    return controls(context, host, graphUrl, credentials, () => clock.unsafeCurrentTimeMillis())
  })

const controls = (
  context: EmulatorContext,
  host: EmulatorHost.Host,
  graphUrl: string,
  credentials: Credentials,
  now: () => number
): Emulator => {
  const { settings, state } = context
  const current = <A>(read: (at: number) => A): Effect.Effect<A> =>
    Effect.sync(() => {
      const at = now()
      context.advance(at)
      return read(at)
    })
  const wabaNamed = (wabaId: string): Effect.Effect<State.Waba, EmulatorError> =>
    Effect.suspend(() => {
      const waba = State.nodeOf(state, wabaId, "waba")
      return waba === undefined
        ? Effect.fail(new EmulatorError({ message: `No WhatsApp Business Account ${wabaId}` }))
        : Effect.succeed(waba)
    })
  return {
    ...host,
    graphUrl,
    credentials,
    effects: Effect.sync(() => state.effects.slice()),
    outbox: Effect.sync(() => state.outbox.map((sent) => ({ ...sent, sentAt: new Date(sent.sentAt) }))),
    lastCode: (phoneNumberId) =>
      Effect.sync(() =>
        Option.fromNullable(state.outbox.filter((sent) => sent.phoneNumberId === phoneNumberId).at(-1)?.code)
      ),
    numbers: current((at) =>
      Array.from(state.nodes.values()).flatMap((node) => node.kind === "phone" ? [numberState(node, at)] : [])
    ),
    templates: (wabaId) =>
      Effect.flatMap(wabaNamed(wabaId), (waba) => current(() => State.templatesOf(state, waba).map(storedTemplate))),
    addTemplates: (wabaId, templates) =>
      Effect.flatMap(wabaNamed(wabaId), (waba) =>
        Effect.try({
          try: () => seedTemplates({ state, reviewMillis: settings.reviewMillis }, waba, templates, now()),
          catch: (error) => new EmulatorError({ message: error instanceof Error ? error.message : String(error) })
        })),
    setTemplateStatus: (templateId, status, rejectedReason) =>
      Effect.suspend(() => {
        const template = State.nodeOf(state, templateId, "template")
        if (template === undefined) return Effect.fail(new EmulatorError({ message: `No template ${templateId}` }))
        if (!State.templateStatuses.includes(status)) {
          return Effect.fail(
            new EmulatorError({ message: `status must be one of ${State.templateStatuses.join(", ")}` })
          )
        }
        template.status = status
        template.reviewEndsAt = status === "PENDING" ? now() + settings.reviewMillis : undefined
        template.rejectedReason = status === "REJECTED" ? rejectedReason ?? "INVALID_FORMAT" : undefined
        return Effect.void
      }),
    flows: (wabaId) =>
      Effect.flatMap(wabaNamed(wabaId), (waba) => current(() => State.flowsOf(state, waba).map(storedFlow))),
    media: Effect.sync(() =>
      Array.from(state.nodes.values()).flatMap((node) =>
        node.kind === "media"
          ? [{
            id: node.id,
            phoneNumberId: node.phoneNumberId,
            mimeType: node.mimeType,
            bytes: node.bytes,
            uploadedAt: new Date(node.uploadedAt)
          }]
          : []
      )
    ),
    uploads: Effect.sync(() =>
      Array.from(state.handles.values(), (handle) => ({
        handle: handle.handle,
        fileName: handle.fileName,
        fileType: handle.fileType,
        bytes: handle.bytes
      }))
    ),
    conversationalAutomation: (phoneNumberId) =>
      Effect.suspend(() => {
        const phone = State.nodeOf(state, phoneNumberId, "phone")
        return phone === undefined
          ? Effect.fail(new EmulatorError({ message: `No phone number ${phoneNumberId}` }))
          : Effect.succeed(Option.fromNullable(phone.automation))
      }),
    downloads: Effect.sync(() => settings.assets.downloads()),
    expireAccessToken: Effect.sync(() => {
      settings.auth.tokenExpiresAt = now()
    }),
    throttle: (rule) =>
      Effect.sync(() =>
        settings.usage.force({
          code: rule.code,
          path: rule.path,
          remaining: rule.times,
          regainAccessMinutes: rule.regainAccessMinutes ?? 1
        })
      ),
    clearThrottles: Effect.sync(() => settings.usage.clearForced())
  }
}

/**
 * The emulator as a service, for tests that share one through a layer.
 *
 * @since 0.1.0
 * @category tags
 */
export class MetaEmulator extends Context.Tag("@wa-admin/meta/emulator/MetaEmulator")<MetaEmulator, Emulator>() {
  /**
   * A layer starting an emulator for the lifetime of the layer (the same as the module's `layer`).
   *
   * @since 0.1.0
   */
  static readonly layer = (options?: Options): Layer.Layer<MetaEmulator, StartError> =>
    Layer.scoped(MetaEmulator, make(options))
}

/**
 * A layer starting an emulator for the lifetime of the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: (options?: Options) => Layer.Layer<MetaEmulator, StartError> = MetaEmulator.layer
