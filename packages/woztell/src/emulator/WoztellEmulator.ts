/**
 * An emulator of WOZTELL's Public API for WhatsApp Cloud Integration (`/v1.2/api`), written
 * only from the provider's document, for testing clients without the real service.
 *
 * It serves all 24 documented endpoints with state: WABA info, business profile, display
 * name status, media upload, conversation analytics, catalogs and products; message templates
 * (grouped by name, cursor paging, creation limit, edit windows, delete by name); flows (draft →
 * published → deprecated, flow JSON validation); and the business encryption key. It enforces
 * the document's authentication per endpoint: the access token in the query on reads and in
 * the body on writes, and the Payload & Signed Context headers where the document asks for
 * them. Time comes from the `Clock` of the fiber that called `make`, so `TestClock` drives it.
 *
 * Where the document is silent the emulator does what WOZTELL (which relays Meta's Graph API)
 * most plausibly does, and says so next to the code. Failures answer with a 4xx status and
 * `{ "ok": 0, "error": "<message>" }`.
 *
 * `faults` injects the failures real networks and providers produce (429 with any
 * `Retry-After`, 5xx, resets, silence, stalled or truncated bodies, garbled 200s, an expired-token
 * 401, redirects) per route and request count.
 *
 * @example
 * import { Effect } from "effect"
 * import { WoztellEmulator } from "@wa-admin/woztell/emulator"
 *
 * const program = Effect.gen(function*() {
 *   const emulator = yield* WoztellEmulator.make()
 *   const { accessToken, phoneNumberId } = emulator.credentials
 *   const response = yield* Effect.promise(() =>
 *     fetch(`${emulator.url}/whatsapp-business-profile?accessToken=${accessToken}&phoneNumberId=${phoneNumberId}`)
 *   )
 * }).pipe(Effect.scoped)
 *
 * @since 0.1.0
 */
import { EmulatorHost } from "@wa-admin/core/testing"
import type { FaultInjection } from "@wa-admin/core/testing"
import { Context, Effect, Layer, Schema, type Scope } from "effect"
import * as Http from "node:http"
import * as Encryption from "./internal/encryption.js"
import * as Flows from "./internal/flows.js"
import * as General from "./internal/general.js"
import {
  basePath,
  Failure,
  failureBody,
  invalid,
  notFound,
  rateLimited,
  readingJson,
  renderFailure,
  unauthorized
} from "./internal/http.js"
import {
  addWaba as addWabaTo,
  makeState,
  numericId,
  objectId,
  randomSignature,
  randomToken,
  type State,
  type TemplateVariant
} from "./internal/state.js"
import * as Templates from "./internal/templates.js"

// The fault-injection models of `emulator.faults`, the same for every emulator.
/** @since 0.1.0 */ export type Arrival = FaultInjection.Arrival
/** @since 0.1.0 */ export type Fault = FaultInjection.Fault
/** @since 0.1.0 */ export type FaultRule = FaultInjection.FaultRule
/** @since 0.1.0 */ export type Faults = FaultInjection.Faults
/** @since 0.1.0 */ export type RetryAfter = FaultInjection.RetryAfter

/**
 * A WhatsApp Business Account with one phone number.
 *
 * @since 0.1.0
 * @category models
 */
export interface WabaOptions {
  readonly wabaId: string
  readonly phoneNumberId: string
  /** The WABA name, also the number's verified name. Default "Emulated Business". */
  readonly name?: string | undefined
  /** The number in international format, digits only (`85212345678`). */
  readonly phoneNumber?: string | undefined
  /** The message template namespace. Default: generated. */
  readonly namespace?: string | undefined
}

/**
 * How to start the emulator. Every credential defaults to a freshly generated value.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly host?: string | undefined
  readonly port?: number | undefined
  readonly accessToken?: string | undefined
  readonly appId?: string | undefined
  readonly appIntegrationId?: string | undefined
  readonly channelId?: string | undefined
  /** The `appIntegrationSignature` a signed context must start with. */
  readonly signature?: string | undefined
  /** The WABAs; the first is the channel's (the one signed-context endpoints act on). Default: one. */
  readonly wabas?: ReadonlyArray<WabaOptions> | undefined
  /** Template creations allowed per WABA per hour (the document: 100). */
  readonly templateCreationsPerHour?: number | undefined
}

/**
 * Everything a client needs to authenticate, for the channel's (first) WABA.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly accessToken: string
  readonly appId: string
  readonly appIntegrationId: string
  readonly channelId: string
  readonly signature: string
  readonly wabaId: string
  readonly phoneNumberId: string
}

/**
 * One request as the emulator received it: the full path as received (e.g.
 * `/v1.2/api/waba-info`), the query, lower-case header names, the body text and the body parsed
 * when it was sent as JSON.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest extends EmulatorHost.RecordedRequest {}

/**
 * A mutation that took effect: one entry per effect, so duplicates can be counted.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedEffect {
  /**
   * `updateProfile`, `uploadMedia`, `createTemplate`, `editTemplate`, `deleteTemplate`,
   * `createFlow`, `updateFlowMetadata`, `updateFlowJson`, `deleteFlow`, `publishFlow`,
   * `deprecateFlow` or `setBusinessPublicKey`.
   */
  readonly operation: string
  /** What it acted on: an id, or `wabaId/name[/language]` for templates. */
  readonly key: string
}

/**
 * A template to seed with `seedTemplates`: components in the document's wire format.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplateSeed {
  readonly name: string
  readonly language: string
  readonly category: string
  /** Default `APPROVED`. */
  readonly status?: string | undefined
  readonly rejectedReason?: string | undefined
  readonly qualityScore?: string | undefined
  readonly components: ReadonlyArray<unknown>
}

/**
 * One stored template language version.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredTemplate {
  readonly id: string
  readonly name: string
  readonly language: string
  readonly category: string
  readonly status: string
  readonly rejectedReason: string
  readonly qualityScore: string
  readonly components: ReadonlyArray<unknown>
  /** How many times it was edited. */
  readonly edits: number
}

/**
 * A media file uploaded with PUT /media-id; it expires 30 days after the upload.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadedMedia {
  readonly mediaId: string
  readonly phoneNumberId: string
  readonly type: string
  readonly url: string
  readonly uploadedAt: Date
  readonly expiresAt: Date
  /** Whether it has expired by the emulator's clock now. */
  readonly expired: boolean
}

/**
 * A product catalog to add to the channel's WABA.
 *
 * @since 0.1.0
 * @category models
 */
export interface CatalogSeed {
  readonly name: string
  readonly products?:
    | ReadonlyArray<{
      readonly name: string
      /** As displayed, e.g. `HK$900.00`. */
      readonly price: string
      readonly retailerId: string
      readonly imageUrl?: string | undefined
    }>
    | undefined
}

/**
 * Conversations that happened on the channel's WABA, for GET /conversation-analytics.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConversationSeed {
  /** UNIX seconds. */
  readonly timestamp: number
  /** Digits only. Default: the channel's number. */
  readonly phoneNumber?: string | undefined
  /** ISO 3166 alpha-2, e.g. `HK`. */
  readonly country: string
  readonly conversationType: "FREE_ENTRY_POINT" | "FREE_TIER" | "REGULAR" | "UNKNOWN"
  readonly direction: "BUSINESS_INITIATED" | "USER_INITIATED"
  /** Default 0. */
  readonly cost?: number | undefined
  /** Default 1. */
  readonly conversations?: number | undefined
}

/**
 * One stored flow.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredFlow {
  readonly id: string
  readonly name: string
  readonly categories: ReadonlyArray<string>
  readonly status: "DRAFT" | "PUBLISHED" | "DEPRECATED"
  readonly endpointUrl: string | undefined
  readonly json: unknown
  readonly validationErrors: ReadonlyArray<{ readonly error: string; readonly message: string }>
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
 * A control call that names something the emulator does not hold, or breaks a rule.
 *
 * @since 0.1.0
 * @category errors
 */
export class EmulatorError extends Schema.TaggedError<EmulatorError>("@wa-admin/woztell/emulator/EmulatorError")(
  "EmulatorError",
  { message: Schema.String }
) {}

/**
 * A running emulator: `url` is the base URL to configure a client with
 * (`http://127.0.0.1:PORT/v1.2/api`), `environment` holds `WOZTELL_BASE_URL`,
 * `WOZTELL_ACCESS_TOKEN`, `WOZTELL_APP_ID`, `WOZTELL_APP_INTEGRATION_ID`, `WOZTELL_CHANNEL_ID`,
 * `WOZTELL_APP_INTEGRATION_SIGNATURE`, `WOZTELL_WABA_ID` and `WOZTELL_PHONE_NUMBER_ID`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Emulator extends EmulatorHost.Host {
  readonly credentials: Credentials
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  /** Every mutation that took effect, in order. */
  readonly effects: Effect.Effect<ReadonlyArray<RecordedEffect>>
  /**
   * Stores templates in one go, without the hourly creation limit, as a provider might already
   * hold them: any category, status and components are kept as given. Status defaults to APPROVED.
   */
  readonly seedTemplates: (
    wabaId: string,
    templates: ReadonlyArray<TemplateSeed>
  ) => Effect.Effect<
    ReadonlyArray<{ readonly id: string; readonly name: string; readonly language: string }>,
    EmulatorError
  >
  /** Adds a WABA with its number. */
  readonly addWaba: (waba: WabaOptions) => Effect.Effect<void, EmulatorError>
  /** Sets the review outcome of a template language version (e.g. approves a PENDING one). */
  readonly setTemplateStatus: (
    wabaId: string,
    name: string,
    language: string,
    status: string,
    details?: { readonly rejectedReason?: string | undefined; readonly qualityScore?: string | undefined }
  ) => Effect.Effect<void, EmulatorError>
  /** The templates of a WABA, every language version, oldest first. */
  readonly templates: (wabaId: string) => Effect.Effect<ReadonlyArray<StoredTemplate>, EmulatorError>
  /** Every media upload, with its expiry judged by the emulator's clock. */
  readonly media: Effect.Effect<ReadonlyArray<UploadedMedia>>
  /** Adds a catalog (and its products) to the channel's WABA. */
  readonly addCatalog: (
    catalog: CatalogSeed
  ) => Effect.Effect<{ readonly id: string; readonly productIds: ReadonlyArray<string> }>
  /** Records conversations for the analytics. */
  readonly addConversations: (conversations: ReadonlyArray<ConversationSeed>) => Effect.Effect<void>
  /** The flows of the channel's WABA, oldest first. */
  readonly flows: Effect.Effect<ReadonlyArray<StoredFlow>>
  /**
   * Fault injection: make chosen requests meet a 429 or 5xx, a reset connection, an answer that
   * never comes or stops halfway, a garbled body, an expired-token 401 or a redirect.
   */
  readonly faults: FaultInjection.Faults
}

/**
 * The emulator as a service.
 *
 * @since 0.1.0
 * @category tags
 */
export class WoztellEmulator extends Context.Tag("@wa-admin/woztell/emulator/WoztellEmulator")<
  WoztellEmulator,
  Emulator
>() {
  /**
   * A layer starting the emulator, stopped when the layer's scope closes.
   *
   * @since 0.1.0
   */
  static readonly layer = (options?: Options): Layer.Layer<WoztellEmulator, StartError> => layer(options)
}

/**
 * The failure body for a status a fault answers with, in the contract's `{ ok: 0, error }`
 * envelope: an expired token for 401, a rate limit for 429, the status's reason otherwise.
 */
const faultBody = (status: number): unknown =>
  failureBody(
    status === 401
      ? unauthorized("Access token has expired")
      : status === 429
      ? rateLimited("Rate limit exceeded, please try again later", 1)
      : status === 400
      ? invalid("Bad request")
      : status === 404
      ? notFound("Not found")
      : new Failure({ status, message: Http.STATUS_CODES[status] ?? "Error" })
  )

const controlError = (failure: Failure) => new EmulatorError({ message: failure.message })

const storedTemplate = (variant: TemplateVariant): StoredTemplate => ({
  id: variant.id,
  name: variant.name,
  language: variant.language,
  category: variant.category,
  status: variant.status,
  rejectedReason: variant.rejectedReason,
  qualityScore: variant.qualityScore,
  components: structuredClone(variant.components),
  edits: variant.edits.length
})

const controls = (state: State, now: () => number) => ({
  effects: Effect.sync((): ReadonlyArray<RecordedEffect> => state.effects.slice()),
  seedTemplates: (wabaId: string, templates: ReadonlyArray<TemplateSeed>) =>
    Effect.mapError(Effect.suspend(() => Templates.seed(state, wabaId, templates, now())), controlError),
  addWaba: (waba: WabaOptions) =>
    Effect.suspend(() =>
      addWabaTo(state, waba)
        ? Effect.void
        : Effect.fail(
          new EmulatorError({ message: `WABA ${waba.wabaId} or number ${waba.phoneNumberId} already exists` })
        )
    ),
  setTemplateStatus: (
    wabaId: string,
    name: string,
    language: string,
    status: string,
    details: { readonly rejectedReason?: string | undefined; readonly qualityScore?: string | undefined } = {}
  ) =>
    Effect.suspend(() => {
      const variant = state.wabas.get(wabaId)?.templates.groups.get(name)?.variants.get(language)
      if (variant === undefined) {
        return Effect.fail(new EmulatorError({ message: `No template ${name}/${language} in WABA ${wabaId}` }))
      }
      if (!Templates.statuses.includes(status)) {
        return Effect.fail(new EmulatorError({ message: `status must be one of ${Templates.statuses.join(", ")}` }))
      }
      variant.status = status
      variant.rejectedReason = details.rejectedReason ?? (status === "REJECTED" ? "INVALID_FORMAT" : "NONE")
      if (details.qualityScore !== undefined) variant.qualityScore = details.qualityScore
      return Effect.void
    }),
  templates: (wabaId: string) =>
    Effect.suspend(() => {
      const waba = state.wabas.get(wabaId)
      if (waba === undefined) return Effect.fail(new EmulatorError({ message: `No WABA ${wabaId}` }))
      const variants = Array.from(waba.templates.byId.values()).sort((left, right) => left.seq - right.seq)
      return Effect.succeed(variants.map(storedTemplate))
    }),
  media: Effect.sync((): ReadonlyArray<UploadedMedia> => {
    const at = now()
    return Array.from(state.media.values(), (media) => ({
      mediaId: media.mediaId,
      phoneNumberId: media.phoneNumberId,
      type: media.type,
      url: media.url,
      uploadedAt: new Date(media.uploadedAt),
      expiresAt: new Date(media.expiresAt),
      expired: at >= media.expiresAt
    }))
  }),
  addCatalog: (catalog: CatalogSeed) =>
    Effect.sync(() => {
      const id = state.nextId()
      const products = (catalog.products ?? []).map((product) => ({
        id: state.nextId(),
        seq: state.nextSeq(),
        name: product.name,
        price: product.price,
        retailerId: product.retailerId,
        imageUrl: product.imageUrl ?? `https://emulator.woztell.invalid/catalogs/${id}/${product.retailerId}.jpg`
      }))
      state.channel.catalogs.set(id, { id, name: catalog.name, products })
      return { id, productIds: products.map((product) => product.id) }
    }),
  addConversations: (conversations: ReadonlyArray<ConversationSeed>) =>
    Effect.sync(() => {
      for (const conversation of conversations) {
        state.channel.conversations.push({
          timestamp: conversation.timestamp,
          phoneNumber: conversation.phoneNumber ?? state.channel.phoneNumber,
          country: conversation.country,
          conversationType: conversation.conversationType,
          direction: conversation.direction,
          cost: conversation.cost ?? 0,
          conversations: conversation.conversations ?? 1
        })
      }
    }),
  flows: Effect.sync((): ReadonlyArray<StoredFlow> =>
    Array.from(state.channel.flows.values(), (flow) => ({
      id: flow.id,
      name: flow.name,
      categories: flow.categories.slice(),
      status: flow.status,
      endpointUrl: flow.endpointUrl,
      json: structuredClone(flow.json),
      validationErrors: flow.validationErrors.map((error) => ({ error: error.error, message: error.message }))
    }))
  )
})

/**
 * Starts the emulator on `options.host` (default 127.0.0.1) and `options.port` (default: a
 * free port); it stops when the scope closes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<Emulator, StartError, Scope.Scope> =>
  Effect.gen(function*() {
    const clock = yield* Effect.clock
    const [channel, ...others] = options.wabas ?? []
    const state = makeState(
      {
        accessToken: options.accessToken ?? randomToken(),
        appId: options.appId ?? objectId(),
        appIntegrationId: options.appIntegrationId ?? objectId(),
        channelId: options.channelId ?? objectId(),
        signature: options.signature ?? randomSignature(),
        templateCreationsPerHour: options.templateCreationsPerHour ?? 100
      },
      channel ?? { wabaId: numericId(), phoneNumberId: numericId() },
      others
    )
    const credentials: Credentials = {
      accessToken: state.config.accessToken,
      appId: state.config.appId,
      appIntegrationId: state.config.appIntegrationId,
      channelId: state.config.channelId,
      signature: state.config.signature,
      wabaId: state.channel.wabaId,
      phoneNumberId: state.channel.phoneNumberId
    }
    const host = yield* EmulatorHost.make({
      host: options.host,
      port: options.port,
      basePath,
      routes: readingJson({
        ...General.routes(state),
        ...Templates.routes(state),
        ...Flows.routes(state),
        ...Encryption.routes(state)
      }),
      failure: renderFailure,
      // A method the document does not list on a path is an unknown route as well.
      notFound: (call) => renderFailure(notFound(`Cannot ${call.method} ${call.path}`)),
      internalError: () => renderFailure(new Failure({ status: 500, message: "Internal Server Error" })),
      faultBody,
      environment: (url) => ({
        WOZTELL_BASE_URL: url,
        WOZTELL_ACCESS_TOKEN: credentials.accessToken,
        WOZTELL_APP_ID: credentials.appId,
        WOZTELL_APP_INTEGRATION_ID: credentials.appIntegrationId,
        WOZTELL_CHANNEL_ID: credentials.channelId,
        WOZTELL_APP_INTEGRATION_SIGNATURE: credentials.signature,
        WOZTELL_WABA_ID: credentials.wabaId,
        WOZTELL_PHONE_NUMBER_ID: credentials.phoneNumberId
      })
    })
    return {
      ...host,
      credentials,
      ...controls(state, () => clock.unsafeCurrentTimeMillis())
    }
  })

/**
 * A layer providing a running emulator.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<WoztellEmulator, StartError> =>
  Layer.scoped(WoztellEmulator, make(options))

/**
 * The headers of a signed context for these credentials, as the document describes them:
 * `X-Woztell-Payload` and `X-Woztell-SignedContext`. For tests that call the emulator directly.
 *
 * @since 0.1.0
 * @category utils
 */
export const signedContextHeaders = (credentials: Credentials): Record<string, string> => {
  const payload = JSON.stringify({
    app: credentials.appId,
    appIntegration: credentials.appIntegrationId,
    channel: credentials.channelId
  })
  return {
    "X-Woztell-Payload": payload,
    "X-Woztell-SignedContext": `${credentials.signature}.${Buffer.from(payload).toString("base64")}`
  }
}
