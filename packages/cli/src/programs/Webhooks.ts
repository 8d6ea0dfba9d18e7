/**
 * What `wa-admin webhooks subscriptions …` does once its flags are parsed (loaded when one of
 * them runs; the Meta adapter is loaded only when the chosen provider is Meta).
 *
 * @since 0.2.0
 */
import { MetaProvider, MetaWebhooks } from "@wa-admin/meta"
import type { Effect } from "effect"
import type * as Webhooks from "../commands/Webhooks.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import type * as Output from "../Output.js"
import * as Render from "../Render.js"

const meta = Extension.make({ provider: MetaProvider, module: { MetaWebhooks }, layer: MetaLayer.layer })

const command = Extension.serviceCommands(meta, "webhooks.subscriptions", MetaWebhooks.MetaWebhooks)

type Subscription = MetaWebhooks.Subscription

/** A command on the WABA's subscriptions that takes only the WABA (`--waba-id`). */
const onWaba = <E extends Output.Failure, R>(
  operation: "list" | "remove",
  use: (webhooks: MetaWebhooks.Service, request: typeof MetaWebhooks.WabaRequest.Encoded) => Effect.Effect<void, E, R>
) =>
  command(
    `webhooks.subscriptions.${operation}`,
    operation,
    (module) => module.MetaWebhooks.WabaRequest,
    (config: Webhooks.Flags["list"]) => ({ wabaId: config.wabaId }),
    use
  )

/**
 * `wa-admin webhooks subscriptions list`
 *
 * @since 0.2.0
 * @category programs
 */
export const list = onWaba("list", (webhooks, request) =>
  Extension.listed(
    webhooks.list(request),
    MetaWebhooks.Subscription,
    Render.columns<Subscription>([
      { title: "APP ID", width: 18, value: (subscription) => subscription.appId },
      { title: "NAME", width: 24, value: (subscription) => subscription.name ?? "" },
      { title: "CALLBACK", width: 0, value: (subscription) => subscription.overrideCallbackUrl ?? "(the app's)" }
    ]),
    "(no subscribed apps)"
  ))

/**
 * `wa-admin webhooks subscriptions add`
 *
 * @since 0.2.0
 * @category programs
 */
export const subscribe = command(
  "webhooks.subscriptions.add",
  "add",
  (module) => module.MetaWebhooks.SubscribeRequest,
  (config: Webhooks.Flags["add"]) => ({
    wabaId: config.wabaId,
    overrideCallbackUrl: config.callbackUrl,
    verifyToken: config.verifyToken
  }),
  (webhooks, request) =>
    Extension.done(
      webhooks.subscribe(request),
      request.overrideCallbackUrl === undefined
        ? "Subscribed: the WABA's webhooks go to the app's callback URL."
        : `Subscribed: the WABA's webhooks go to ${request.overrideCallbackUrl}.`
    )
)

/**
 * `wa-admin webhooks subscriptions remove`
 *
 * @since 0.2.0
 * @category programs
 */
export const unsubscribe = onWaba(
  "remove",
  (webhooks, request) =>
    Extension.done(webhooks.unsubscribe(request), "Unsubscribed: the app no longer receives the WABA's webhooks.")
)
