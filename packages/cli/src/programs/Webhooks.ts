/**
 * What `wa-admin webhooks subscriptions …` does once its flags are parsed (loaded when one of
 * them runs; the Meta adapter is loaded only when the chosen provider is Meta).
 *
 * @since 0.2.0
 */
import { MetaProvider, MetaWebhooks } from "@wa-admin/meta"
import { Effect, Schema, Stream } from "effect"
import type * as Webhooks from "../commands/Webhooks.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { compact } from "./internal.js"

const meta = Extension.make({ provider: MetaProvider, module: { MetaWebhooks }, layer: MetaLayer.layer })

const origin = (operation: string) => ({ provider: "meta", operation: `webhooks.subscriptions.${operation}` })

/**
 * The JSON form of a subscription.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SubscriptionJson = Schema.Struct({
  appId: Schema.String,
  name: Schema.optional(Schema.String),
  link: Schema.optional(Schema.String),
  overrideCallbackUrl: Schema.optional(Schema.String)
})

type Subscription = typeof SubscriptionJson.Type

const withService = <A, E, R>(use: (service: MetaWebhooks.Service) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(MetaWebhooks.MetaWebhooks, use)

/**
 * `wa-admin webhooks subscriptions list`
 *
 * @since 0.2.0
 * @category programs
 */
export const list = (config: Webhooks.ByWaba) =>
  Extension.run(meta, config, "webhooks.subscriptions.list", ({ MetaWebhooks }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaWebhooks.WabaRequest, origin("list"))(
        compact({ wabaId: Extension.optional(config.wabaId) })
      )
      const subscriptions = yield* withService((service) => service.list(request))
      yield* Extension.table(
        Stream.fromIterable(subscriptions),
        SubscriptionJson,
        Render.columns<Subscription>([
          { title: "APP ID", width: 18, value: (subscription) => subscription.appId },
          { title: "NAME", width: 24, value: (subscription) => subscription.name ?? "" },
          { title: "CALLBACK", width: 0, value: (subscription) => subscription.overrideCallbackUrl ?? "(the app's)" }
        ]),
        "(no subscribed apps)"
      )
    }))

/**
 * `wa-admin webhooks subscriptions add`
 *
 * @since 0.2.0
 * @category programs
 */
export const subscribe = (config: Webhooks.Subscribe) =>
  Extension.run(meta, config, "webhooks.subscriptions.add", ({ MetaWebhooks }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaWebhooks.SubscribeRequest, origin("add"))(
        compact({
          wabaId: Extension.optional(config.wabaId),
          overrideCallbackUrl: Extension.optional(config.callbackUrl),
          verifyToken: Extension.optional(config.verifyToken)
        })
      )
      yield* withService((service) => service.subscribe(request))
      yield* Output.text(
        request.overrideCallbackUrl === undefined
          ? "Subscribed: the WABA's webhooks go to the app's callback URL."
          : `Subscribed: the WABA's webhooks go to ${request.overrideCallbackUrl}.`
      )
    }))

/**
 * `wa-admin webhooks subscriptions remove`
 *
 * @since 0.2.0
 * @category programs
 */
export const unsubscribe = (config: Webhooks.ByWaba) =>
  Extension.run(meta, config, "webhooks.subscriptions.remove", ({ MetaWebhooks }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaWebhooks.WabaRequest, origin("remove"))(
        compact({ wabaId: Extension.optional(config.wabaId) })
      )
      yield* withService((service) => service.unsubscribe(request))
      yield* Output.text("Unsubscribed: the app no longer receives the WABA's webhooks.")
    }))
