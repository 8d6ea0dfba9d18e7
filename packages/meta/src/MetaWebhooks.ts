/**
 * Meta extension: the webhook subscriptions of a WABA (`/{WABA-ID}/subscribed_apps`) — which apps
 * receive its webhooks, subscribing the token's app (optionally sending them to another callback
 * URL, with the verify token Meta echoes to it), unsubscribing it. The WABA defaults to
 * `META_WABA_ID`.
 *
 * The verify token is a secret: it is taken and kept as `Redacted`, travels only in the request
 * body (never in a URL), is named `verify_token` among the secrets redacted wherever a request
 * or an answer is shown, and no refusal quotes it. The callback URL must be `https`.
 *
 * @example
 * import { MetaWebhooks } from "@wa-admin/meta"
 * import { Redacted } from "effect"
 *
 * const subscribe = MetaWebhooks.subscribe({
 *   overrideCallbackUrl: "https://hooks.example.com/whatsapp",
 *   verifyToken: Redacted.make("a-long-random-verify-token")
 * })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Url } from "@wa-admin/core"
import { Accessors } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Redacted, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { operationsOn } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import type { Subscription } from "./MetaModels.js"

export {
  /**
   * An app subscribed to the WABA's webhooks, and the callback URL it overrides them to.
   *
   * @since 0.1.0
   * @category models
   */
  Subscription
} from "./MetaModels.js"

/**
 * The longest verify token sent: 256 characters, a stated default (Meta documents none).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxVerifyTokenLength = 256

const control = /[\u0000-\u001f\u007f-\u009f]/

/** What is wrong with a verify token, said without quoting it; `undefined` when nothing is. */
const verifyTokenProblem = (token: string): string | undefined => {
  if (token.trim().length === 0) return "must not be empty"
  if (token.length > maxVerifyTokenLength) return `must be at most ${maxVerifyTokenLength} characters`
  return control.test(token) ? "must not contain control characters" : undefined
}

/**
 * A verify token, given as text or `Redacted` and kept `Redacted`: 1 to
 * {@link maxVerifyTokenLength} characters, no control characters. A refusal never quotes it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VerifyToken: Schema.Schema<Redacted.Redacted<string>, string | Redacted.Redacted<string>> = Schema
  .Union(Schema.String, Schema.RedactedFromSelf(Schema.String))
  .pipe(
    Schema.transform(Schema.RedactedFromSelf(Schema.String), {
      strict: true,
      decode: (token) => (Redacted.isRedacted(token) ? token : Redacted.make(token)),
      encode: (token) => token
    }),
    Schema.filter((token) => verifyTokenProblem(Redacted.value(token)) ?? true)
  )

/** Meta calls webhooks over HTTPS. */
const CallbackUrl = Url.HttpUrl.pipe(
  Schema.filter((url) => url.startsWith("https://") || "must be an https URL (Meta delivers webhooks over HTTPS)")
)

/**
 * The WABA (default `META_WABA_ID`).
 *
 * @since 0.1.0
 * @category requests
 */
export const WabaRequest = Schema.Struct({ wabaId: Schema.optional(Wire.WabaId) })

/**
 * Subscribes the token's app to a WABA's webhooks; with `overrideCallbackUrl` (and its
 * `verifyToken`, both or neither) they go to that URL instead of the app's.
 *
 * @since 0.1.0
 * @category requests
 */
export const SubscribeRequest = Schema.Struct({
  wabaId: Schema.optional(Wire.WabaId),
  overrideCallbackUrl: Schema.optional(CallbackUrl),
  verifyToken: Schema.optional(VerifyToken)
}).pipe(
  Schema.filter((request) => {
    if (request.overrideCallbackUrl !== undefined && request.verifyToken === undefined) {
      return { path: ["verifyToken"], message: "is required with overrideCallbackUrl (Meta sends it to the URL)" }
    }
    if (request.overrideCallbackUrl === undefined && request.verifyToken !== undefined) {
      return { path: ["overrideCallbackUrl"], message: "is required with verifyToken" }
    }
    return true
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The apps subscribed to the WABA's webhooks. */
  readonly list: (
    request?: typeof WabaRequest.Encoded
  ) => Effect.Effect<ReadonlyArray<Subscription>, AdminError.AdminError>
  /** Subscribes the token's app (again, with another callback URL, when one is given). */
  readonly subscribe: (request?: typeof SubscribeRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
  /** Unsubscribes the token's app. */
  readonly unsubscribe: (request?: typeof WabaRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaWebhooks extends Context.Tag("@wa-admin/meta/MetaWebhooks")<MetaWebhooks, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const onWaba = operationsOn(client, "wabaId")
  const read = client.call(Endpoints.listSubscriptions)
  const write = client.call(Endpoints.subscribe)
  const remove = client.call(Endpoints.unsubscribe)
  const list = onWaba.make("webhooks.list", WabaRequest, (_, wabaId) => read({ wabaId }))
  const subscribe = onWaba.make(
    "webhooks.subscribe",
    SubscribeRequest,
    ({ overrideCallbackUrl, verifyToken }, wabaId) => Effect.asVoid(write({ wabaId, overrideCallbackUrl, verifyToken }))
  )
  const unsubscribe = onWaba.make("webhooks.unsubscribe", WabaRequest, (_, wabaId) => Effect.asVoid(remove({ wabaId })))
  return {
    list: (request) => list(request ?? {}),
    subscribe: (request) => subscribe(request ?? {}),
    unsubscribe: (request) => unsubscribe(request ?? {})
  }
}

/**
 * The `MetaWebhooks` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `MetaWebhooks` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(MetaWebhooks, make)

/**
 * The accessors: each method of the service in context (`MetaWebhooks.subscribe()`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const { list, subscribe, unsubscribe } = Accessors.make(MetaWebhooks)
