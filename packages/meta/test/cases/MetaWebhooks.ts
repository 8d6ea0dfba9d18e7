import { Redacted } from "effect"
import { MetaWebhooks } from "../../src/index.js"
import type { BadInputCase, EndpointCase } from "../extensions.js"
import { read, refused, succeeding } from "../extensions.js"
import { wabaId } from "../support.js"

/** A verify token the tests look for in what a user sees. */
export const verifyToken = "vt-canary-7f3a9c1e5b"

/** Each endpoint, called once with good input. */
export const cases: ReadonlyArray<EndpointCase> = [
  {
    operation: "webhooks.list",
    title: "reads the subscribed apps (nested as the document's examples, or flat as its schema)",
    run: MetaWebhooks.list(),
    answer: () => ({
      data: [
        {
          whatsapp_business_api_data: {
            id: "1234567890123456",
            name: "Business Messaging App",
            link: "https://www.facebook.com/games/?app_id=1234567890123456"
          },
          override_callback_uri: "https://hooks.example.com/whatsapp"
        },
        { id: "2345678901234567", name: "Customer Support Bot" }
      ]
    }),
    requests: [read(`/${wabaId}/subscribed_apps`)],
    decoded: [
      {
        appId: "1234567890123456",
        name: "Business Messaging App",
        link: "https://www.facebook.com/games/?app_id=1234567890123456",
        overrideCallbackUrl: "https://hooks.example.com/whatsapp"
      },
      { appId: "2345678901234567", name: "Customer Support Bot" }
    ],
    resource: "WABA"
  },
  {
    operation: "webhooks.subscribe",
    title: "subscribes the app with no body",
    run: MetaWebhooks.subscribe(),
    ...succeeding({ method: "POST", path: `/${wabaId}/subscribed_apps`, body: { json: {} } }),
    resource: "WABA"
  },
  {
    operation: "webhooks.subscribe",
    title: "overrides the callback URL with its verify token (given redacted)",
    run: MetaWebhooks.subscribe({
      wabaId: "104996122399160",
      overrideCallbackUrl: "https://hooks.example.com/whatsapp",
      verifyToken: Redacted.make(verifyToken)
    }),
    ...succeeding({
      method: "POST",
      path: "/104996122399160/subscribed_apps",
      body: { json: { override_callback_uri: "https://hooks.example.com/whatsapp", verify_token: verifyToken } }
    }),
    resource: "WABA"
  },
  {
    operation: "webhooks.unsubscribe",
    title: "unsubscribes the app",
    run: MetaWebhooks.unsubscribe(),
    ...succeeding({ method: "DELETE", path: `/${wabaId}/subscribed_apps`, body: { none: true } }),
    resource: "WABA",
    stateAt422: true
  }
]

/** Bad requests, each refused before anything is sent. */
export const badInput: ReadonlyArray<BadInputCase> = [
  refused("a WABA id of letters", "webhooks.list", ["wabaId"], MetaWebhooks.list({ wabaId: "waba" })),
  refused("no WABA configured nor given", "webhooks.unsubscribe", ["wabaId"], MetaWebhooks.unsubscribe(), {
    unconfigured: true
  }),
  refused(
    "a callback URL without its verify token",
    "webhooks.subscribe",
    ["verifyToken"],
    MetaWebhooks.subscribe({ overrideCallbackUrl: "https://hooks.example.com/whatsapp" })
  ),
  refused(
    "a verify token without a callback URL",
    "webhooks.subscribe",
    ["overrideCallbackUrl"],
    MetaWebhooks.subscribe({ verifyToken })
  ),
  refused("an http callback URL, a verify token with a line break", "webhooks.subscribe", [
    "overrideCallbackUrl",
    "verifyToken"
  ], MetaWebhooks.subscribe({ overrideCallbackUrl: "http://hooks.example.com", verifyToken: "a\nb" })),
  refused(
    "a verify token over 256 characters",
    "webhooks.subscribe",
    ["verifyToken"],
    MetaWebhooks.subscribe({ overrideCallbackUrl: "https://hooks.example.com", verifyToken: "x".repeat(257) })
  )
]
