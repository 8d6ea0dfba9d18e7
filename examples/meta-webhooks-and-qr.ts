/**
 * Two of Meta's extensions beyond the port:
 *
 * - **webhooks** (`MetaWebhooks`): subscribe the token's app to a WABA's webhooks, sending them to
 *   another callback URL than the app's (`override_callback_uri`) with the verify token Meta
 *   echoes to it; list the subscribed apps; unsubscribe. The verify token is read as a secret
 *   (`Config.redacted`) and is never printed nor put in a URL.
 * - **QR codes** (`MetaQrCodes`): create a QR code that opens a chat with the number, its message
 *   pre-filled, with an SVG image; list the number's codes; delete the code.
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/meta-webhooks-and-qr.ts
 *
 * Without `META_ACCESS_TOKEN` it runs against the in-process Meta emulator. Against Meta (the
 * WABA is `META_WABA_ID`, the number `META_PHONE_NUMBER_ID`):
 *
 *   META_ACCESS_TOKEN=… META_APP_ID=… META_WABA_ID=102290129340398 META_PHONE_NUMBER_ID=106540352242922 \
 *   WA_ADMIN_WEBHOOK_URL=https://hooks.example.com/whatsapp WA_ADMIN_VERIFY_TOKEN=… \
 *   node_modules/.bin/tsx examples/meta-webhooks-and-qr.ts
 *
 * The WABA is left as it was found where Meta allows: the app is unsubscribed at the end, or —
 * when it was subscribed before the run — subscribed again to its own callback URL (an earlier
 * override is not restored: Meta never shows its verify token). The QR code the run creates is
 * deleted. `WA_ADMIN_QR_MESSAGE` sets the code's pre-filled message.
 */
import { MetaAdmin, MetaProvider, MetaQrCodes, MetaWebhooks } from "@wa-admin/meta"
import type { MetaEmulator } from "@wa-admin/meta/emulator"
import { Chunk, Config, Console, Effect, Option, Stream } from "effect"
import * as Example from "./support/Example.js"

const settings = Config.all({
  appId: Config.option(Config.string("META_APP_ID")),
  webhookUrl: Config.string("WA_ADMIN_WEBHOOK_URL"),
  verifyToken: Config.redacted("WA_ADMIN_VERIFY_TOKEN"),
  qrMessage: Config.string("WA_ADMIN_QR_MESSAGE").pipe(Config.withDefault("Hi! I'd like to order for pickup"))
})

const describeSubscription = (subscription: MetaWebhooks.Subscription): string =>
  `  app ${subscription.appId}${subscription.name === undefined ? "" : ` (${subscription.name})`} → ${
    subscription.overrideCallbackUrl ?? "the app's own callback URL"
  }`

const printSubscriptions = (title: string) =>
  Effect.flatMap(MetaWebhooks.list(), (subscriptions) =>
    Effect.as(
      Effect.zipRight(
        Console.log(`${title}:${subscriptions.length === 0 ? " (none)" : ""}`),
        Effect.forEach(subscriptions, (subscription) => Console.log(describeSubscription(subscription)), {
          discard: true
        })
      ),
      subscriptions
    ))

const listQrCodes = Effect.map(Stream.runCollect(MetaQrCodes.list()), Chunk.toReadonlyArray)

/** What the program answers: the subscriptions and QR codes as each step left them. */
export interface Result {
  readonly subscribedBefore: ReadonlyArray<MetaWebhooks.Subscription>
  readonly subscribed: ReadonlyArray<MetaWebhooks.Subscription>
  readonly subscribedAfter: ReadonlyArray<MetaWebhooks.Subscription>
  readonly created: MetaQrCodes.QrCode
  readonly listed: ReadonlyArray<MetaQrCodes.QrCode>
  readonly remaining: ReadonlyArray<MetaQrCodes.QrCode>
}

/** Subscribes the app to the WABA's webhooks with an override URL, lists, unsubscribes; creates, lists and deletes a QR code. */
export const program: Example.Program<Result> = Effect.gen(function*() {
  const { appId, webhookUrl, verifyToken, qrMessage } = yield* settings
  const ours = (subscription: MetaWebhooks.Subscription) =>
    Option.match(appId, { onNone: () => true, onSome: (id) => subscription.appId === id })

  const subscribedBefore = yield* printSubscriptions("Apps subscribed to the WABA's webhooks")
  yield* MetaWebhooks.subscribe({ overrideCallbackUrl: webhookUrl, verifyToken })
  yield* Console.log(`Subscribed the app, its webhooks sent to ${webhookUrl} (with the verify token)`)
  const subscribed = yield* printSubscriptions("Apps subscribed now")
  const wasSubscribed = subscribedBefore.some(ours)
  if (wasSubscribed) {
    yield* MetaWebhooks.subscribe()
    yield* Console.log("The app was subscribed before: subscribed again to its own callback URL")
  } else {
    yield* MetaWebhooks.unsubscribe()
    yield* Console.log("Unsubscribed the app")
  }
  const subscribedAfter = yield* printSubscriptions("Apps subscribed at the end")

  const created = yield* MetaQrCodes.create({ prefilledMessage: qrMessage, imageFormat: "SVG" })
  yield* Console.log(`\nQR code ${created.code}: "${created.prefilledMessage}"`)
  yield* Console.log(`  opens ${created.deepLinkUrl}`)
  yield* Console.log(`  image ${created.imageUrl ?? "(none)"}`)
  const listed = yield* listQrCodes
  yield* Console.log(`The number's QR codes: ${listed.map((qr) => qr.code).join(", ") || "(none)"}`)
  yield* MetaQrCodes.remove({ code: created.code })
  const remaining = yield* listQrCodes
  yield* Console.log(
    `Deleted ${created.code}; the number's QR codes now: ${remaining.map((qr) => qr.code).join(", ") || "(none)"}`
  )
  return { subscribedBefore, subscribed, subscribedAfter, created, listed, remaining }
}).pipe(Effect.provide(MetaAdmin.layerConfig))

/** The settings of the demo: where the webhooks go, and the verify token (a secret: never printed). */
export const demoSettings = {
  WA_ADMIN_WEBHOOK_URL: "https://hooks.acme-bakery.example/whatsapp",
  WA_ADMIN_VERIFY_TOKEN: "vt-8c1f2a9e4b7d4e0f9a3c",
  WA_ADMIN_QR_MESSAGE: "Hi! I'd like to order for pickup"
} as const

/** The program against the Meta emulator. */
export const demo: Example.Demo<{ readonly emulator: MetaEmulator.Emulator; readonly result: Result }> = Effect.gen(
  function*() {
    const { emulator, environment } = yield* Example.meta()
    const result = yield* program.pipe(Example.withEnvironment({ ...environment, ...demoSettings }))
    return { emulator, result }
  }
)

if (Example.isMain(import.meta.url)) {
  Example.main(Example.accountVariables(MetaProvider), { real: program, demo })
}
