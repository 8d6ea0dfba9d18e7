/**
 * What every handler works with: the state, the emulator's settings, and the guard every Graph
 * endpoint passes through (the object the path names, its access, the token's permissions, the
 * rate limits and the usage headers).
 *
 * @internal
 */
import type { EmulatorHost } from "@wa-admin/core/testing"
import { Effect } from "effect"
import * as Crypto from "node:crypto"
import type { Assets } from "./assets.js"
import type { Call, GraphError, Reply } from "./graph.js"
import {
  applicationPermission,
  expiredToken,
  invalidParameter,
  invalidToken,
  missingPermission,
  missingToken,
  noAccess,
  nonexistingField,
  notFound,
  unsupported,
  withHeaders
} from "./graph.js"
import type { App, Node, Permission, State } from "./state.js"
import { accessible, nodeTypeNames, wabaOf } from "./state.js"
import type { Usage } from "./usage.js"

/** How Meta's review of a template ends. */
export type ReviewDecision =
  | { readonly status: "APPROVED" }
  | { readonly status: "REJECTED"; readonly reason: string }

/** A template as the review sees it. */
export interface ReviewedTemplate {
  readonly id: string
  readonly wabaId: string
  readonly name: string
  readonly language: string
  readonly category: string
  readonly components: ReadonlyArray<unknown>
}

/** The account's credentials. */
export interface Auth {
  readonly accessToken: string
  readonly appSecret: string | undefined
  /** When the token expires (epoch milliseconds), if it does. */
  tokenExpiresAt: number | undefined
}

/** The emulator's configuration and the few things that change outside the state. */
export interface Settings {
  readonly graphVersion: string
  readonly auth: Auth
  readonly app: App
  /** The business the token's system user belongs to (its WABAs are `SELF_OWNED`). */
  readonly businessId: string
  readonly permissions: ReadonlySet<Permission>
  readonly reviewMillis: number
  readonly codeTtlMillis: number
  readonly maxVerifyAttempts: number
  readonly templateCreationsPerHour: number
  readonly maxNumbersPerWaba: number
  readonly review: (template: ReviewedTemplate) => ReviewDecision
  readonly usage: Usage
  readonly assets: Assets
  /** `http://HOST:PORT`, known once the host listens. */
  graphUrl: string
}

/** The state and the settings. */
export interface Context {
  readonly state: State
  readonly settings: Settings
  /** Brings the Clock-driven transitions (reviews) up to `now`. */
  readonly advance: (now: number) => void
}

const sameText = (left: string, right: string): boolean => {
  const a = Buffer.from(left)
  const b = Buffer.from(right)
  return a.length === b.length && Crypto.timingSafeEqual(a, b)
}

/** The `appsecret_proof` for a token: hex HMAC-SHA256 of the token keyed by the app secret. */
export const appSecretProof = (token: string, appSecret: string): string =>
  Crypto.createHmac("sha256", appSecret).update(token).digest("hex")

/** The token of an `Authorization: Bearer <token>` (or Graph's `OAuth <token>`) header. */
export const bearerToken = (header: string | undefined): string | undefined =>
  header === undefined ? undefined : /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header)?.[1]

/** Whether a header carries the account's token. */
export const carriesToken = (header: string | undefined, auth: Auth): boolean => {
  const token = bearerToken(header)
  return token !== undefined && sameText(token, auth.accessToken)
}

/**
 * Why a request is not authenticated, or `undefined`: the access token must come as
 * `Authorization: Bearer <token>` (the document's only security scheme; Graph's `OAuth <token>`
 * form is accepted too), be the account's and not expired; with an app secret configured, the
 * query must carry its `appsecret_proof`. A token in the URL (`access_token`) is not read.
 */
export const authenticate = (call: Call, auth: Auth): GraphError | undefined => {
  const token = bearerToken(call.headers["authorization"])
  if (token === undefined) return missingToken
  if (!sameText(token, auth.accessToken)) return invalidToken
  if (auth.tokenExpiresAt !== undefined && call.now >= auth.tokenExpiresAt) {
    return expiredToken(auth.tokenExpiresAt)
  }
  if (auth.appSecret !== undefined) {
    const proof = call.query["appsecret_proof"]
    if (proof === undefined || proof === "") {
      return invalidParameter("API calls from the server require an appsecret_proof argument")
    }
    if (!sameText(proof.toLowerCase(), appSecretProof(token, auth.appSecret))) {
      return invalidParameter("Invalid appsecret_proof provided in the API argument")
    }
  }
  return undefined
}

/** What a node is called in "not found" and "no access" answers. */
const nouns: Record<Node["kind"], string> = {
  business: "Business",
  waba: "WhatsApp Business Account",
  phone: "Phone number",
  template: "Message template",
  flow: "Flow",
  media: "Media",
  upload: "Upload session",
  app: "Application"
}

/** What one kind of node does for a method: the permissions it needs (any of) and the handler. */
export interface Action<K extends Node["kind"]> {
  readonly permissions: ReadonlyArray<Permission>
  readonly handle: (call: Call, node: Extract<Node, { readonly kind: K }>) => Effect.Effect<Reply, GraphError>
}

/**
 * An action of the management API (every one needs `whatsapp_business_management`), made for
 * the emulator's context: `handle` gets the context, the call and the node its `:id` names.
 */
export const managing = <K extends Node["kind"]>(
  handle: (
    context: Context,
    call: Call,
    node: Extract<Node, { readonly kind: K }>
  ) => Effect.Effect<Reply, GraphError>
) =>
(context: Context): Action<K> => ({
  permissions: ["whatsapp_business_management"],
  handle: (call, node) => handle(context, call, node)
})

/** The actions of a route by the kind of node its `:id` names. */
export type Actions = { readonly [K in Node["kind"]]?: Action<K> }

const permitted = (settings: Settings, permissions: ReadonlyArray<Permission>): GraphError | undefined => {
  if (permissions.some((permission) => settings.permissions.has(permission))) return undefined
  return permissions.includes("business_management")
    ? applicationPermission("business_management")
    : missingPermission(permissions)
}

/**
 * A Graph endpoint: the token is checked by the host; here the id in the path must name an
 * object (404, code 803), of a kind the route serves (an edge the node does not have: 400, code
 * 100; a method the node does not support: 400, code 100, subcode 33), shared with the token
 * (403, code 200), the token must hold a permission the action needs (403, code 200 or 10),
 * and the app and the WABA must be within their rate limits (429). The usage headers go with
 * every answer, failures included.
 */
export const endpoint = (
  context: Context,
  actions: Actions,
  edge?: string
): EmulatorHost.Handler<GraphError> =>
(call) =>
  Effect.suspend(() => {
    const { settings, state } = context
    context.advance(call.now)
    const id = call.params["id"] ?? ""
    const kinds = Object.keys(actions) as ReadonlyArray<Node["kind"]>
    const node = state.nodes.get(id)
    const wabaId = node === undefined ? undefined : node.kind === "business" ? node.id : wabaOf(state, node)?.id
    const refuse = (error: GraphError) => Effect.fail(withHeaders(error, settings.usage.headers(call.now, wabaId)))
    if (node === undefined) {
      const only = kinds.length === 1 ? kinds[0] : undefined
      return refuse(notFound(only === undefined ? `Object with ID '${id}' does not exist` : `${nouns[only]} not found`))
    }
    const action = actions[node.kind] as Action<typeof node.kind> | undefined
    if (action === undefined) {
      return refuse(
        edge === undefined ? unsupported(call.method, id) : nonexistingField(edge, nodeTypeNames[node.kind])
      )
    }
    if (!accessible(state, node)) return refuse(noAccess(nouns[node.kind]))
    const refused = permitted(settings, action.permissions)
    if (refused !== undefined) return refuse(refused)
    const throttled = settings.usage.take(call.now, wabaId, call.path)
    if (throttled !== undefined) return Effect.fail(throttled)
    return action.handle(call, node as never).pipe(
      Effect.map((reply): Reply => ({
        ...reply,
        headers: { ...settings.usage.headers(call.now, wabaId), ...reply.headers }
      })),
      Effect.mapError((error) => withHeaders(error, settings.usage.headers(call.now, wabaId)))
    )
  })
