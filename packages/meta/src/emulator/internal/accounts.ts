/**
 * The accounts around the numbers: a business's owned and client WABAs, a WABA's details, the
 * apps subscribed to its webhooks (`/subscribed_apps`) and the users assigned to it
 * (`/assigned_users`), as the document describes them.
 *
 * @internal
 */
import { CloudApi } from "@wa-admin/core/adapter"
import { Effect } from "effect"
import type { Action, Context } from "./context.js"
import { managing } from "./context.js"
import { pick, requestedFields } from "./fields.js"
import type { Call, GraphError, Reply } from "./graph.js"
import { invalidParameter, notFound, ok, success, unprocessable } from "./graph.js"
import { formBody, isWebUrl, jsonBody, optionalText } from "./input.js"
import { page, pageBody } from "./paging.js"
import type { Business, Waba } from "./state.js"
import { displayNumber, nodeOf, numbersOf, record, templatesOf } from "./state.js"

const wabasOf = (context: Context, ids: ReadonlyArray<string>): ReadonlyArray<Waba> =>
  ids.flatMap((id) => {
    const waba = nodeOf(context.state, id, "waba")
    return waba === undefined ? [] : [waba]
  })

/** The order of WABAs in a business's lists: the order they were seeded or shared. */
const ranked = (wabas: ReadonlyArray<Waba>) => wabas.map((waba, rank) => ({ waba, rank }))

/** The fields `GET /{WABA-ID}` answers, with their values. */
const wabaFieldValues = (context: Context, waba: Waba): Record<string, unknown> => ({
  id: waba.id,
  name: waba.name,
  timezone_id: waba.timezoneId,
  message_template_namespace: waba.namespace,
  account_review_status: waba.accountReviewStatus,
  business_verification_status: waba.businessVerificationStatus,
  country: waba.country,
  primary_business_location: waba.country,
  currency: waba.currency,
  ownership_type: waba.businessId === context.settings.businessId ? "SELF_OWNED" : "CLIENT_OWNED"
})

/** A WABA's fields and edges, as the business's listings answer them. */
const wabaValues = (context: Context, waba: Waba): Record<string, unknown> => ({
  ...wabaFieldValues(context, waba),
  on_behalf_of_business_info: (() => {
    const owner = nodeOf(context.state, waba.businessId, "business")
    return owner === undefined ? undefined : { id: owner.id, name: owner.name }
  })(),
  subscribed_apps: Array.from(waba.subscriptions.values(), (subscription) => ({
    id: subscription.appId,
    name: subscription.name
  })),
  message_templates: templatesOf(context.state, waba).map((template) => ({
    id: template.id,
    name: template.name,
    status: template.status
  })),
  phone_numbers: numbersOf(context.state, waba).map((phone) => ({
    id: phone.id,
    display_phone_number: displayNumber(phone),
    verified_name: phone.verifiedName
  }))
})

const businessTypes = (
  call: Call,
  allowed: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<string> | undefined, GraphError> => {
  const text = call.query["business_type"]
  if (text === undefined || text === "") return Effect.succeed(undefined)
  const values = text.replace(/^\[|\]$/g, "").split(",").map((value) => value.trim().replace(/^"|"$/g, ""))
  return values.every((value) => allowed.includes(value))
    ? Effect.succeed(values)
    : Effect.fail(invalidParameter(`Invalid parameter: business_type must be among ${allowed.join(", ")}`))
}

/** A Graph id (digits) the caller gave, else Graph's invalid parameter with `message`. */
const numericId = (value: string | undefined, message: string): Effect.Effect<string, GraphError> =>
  value !== undefined && /^\d+$/.test(value) ? Effect.succeed(value) : Effect.fail(invalidParameter(message))

const findId = (call: Call): Effect.Effect<string | undefined, GraphError> => {
  const find = call.query["find"]
  return find === undefined
    ? Effect.succeed(undefined)
    : numericId(find, "Invalid parameter: find must be a WhatsApp Business Account ID")
}

/** `GET /{Business-ID}/owned_whatsapp_business_accounts`: `business_type`, `find`, `first`/`after`, `last`/`before`. */
export const ownedWabas = (context: Context): Action<"business"> => ({
  permissions: ["business_management"],
  handle: (call, business) =>
    Effect.gen(function*() {
      const types = yield* businessTypes(call, ["ENTERPRISE", "SMB"])
      const find = yield* findId(call)
      const wabas = wabasOf(context, business.ownedWabaIds).filter((waba) =>
        (types === undefined || types.includes(waba.businessType)) && (find === undefined || waba.id === find)
      )
      const found = yield* page(call, context.settings.graphUrl, "owned_wabas", ranked(wabas), (item) => item.rank, {
        sizeParameters: ["first", "last"],
        defaultSize: 25,
        maxSize: 100
      })
      return ok(pageBody(found, ({ waba }) => ({
        id: waba.id,
        name: waba.name,
        message_template_namespace: waba.namespace,
        timezone_id: waba.timezoneId
      })))
    })
})

const clientFields = [
  "id",
  "name",
  "account_review_status",
  "ownership_type",
  "subscribed_apps",
  "business_verification_status",
  "country",
  "currency",
  "timezone_id",
  "on_behalf_of_business_info",
  "message_templates",
  "phone_numbers"
]

/** `GET /{Business-ID}/client_whatsapp_business_accounts`: fields, `business_type`, `find`, `limit`/`after`/`before`. */
export const clientWabas = (context: Context): Action<"business"> => ({
  permissions: ["business_management"],
  handle: (call, business: Business) =>
    Effect.gen(function*() {
      const fields = yield* requestedFields(call.query, clientFields, ["id", "name", "currency", "timezone_id"])
      const types = yield* businessTypes(call, ["STANDARD", "PREMIUM", "ENTERPRISE"])
      const find = yield* findId(call)
      const wabas = wabasOf(context, business.clientWabaIds).filter((waba) =>
        (types === undefined || types.includes(waba.businessType)) && (find === undefined || waba.id === find)
      )
      const found = yield* page(call, context.settings.graphUrl, "client_wabas", ranked(wabas), (item) => item.rank, {
        defaultSize: 25,
        maxSize: 100
      })
      return ok(pageBody(found, ({ waba }) =>
        pick(fields, { ...wabaValues(context, waba), ownership_type: "CLIENT_OWNED" }, ["id", "name"])))
    })
})

/** `GET /{WABA-ID}`: fields (`id` and `name` by default). */
export const getWaba = (context: Context): Action<"waba"> => ({
  permissions: ["whatsapp_business_management"],
  handle: (call, waba) => {
    const values = wabaFieldValues(context, waba)
    return Effect.map(
      requestedFields(call.query, Object.keys(values), ["id", "name"]),
      (fields) => ok(pick(fields, values, ["id", "name"]))
    )
  }
})

const appData = (fields: ReadonlyArray<{ readonly name: string }>, appId: string, name: string) =>
  pick(fields.map((field) => ({ name: field.name, modifiers: new Map() })), {
    id: appId,
    name,
    link: `https://www.facebook.com/games/?app_id=${appId}`
  }, ["id", "name"])

/** `GET /{WABA-ID}/subscribed_apps`: `{ data: [{ whatsapp_business_api_data, override_callback_uri }] }`. */
export const listSubscriptions: Action<"waba"> = {
  permissions: ["whatsapp_business_management"],
  handle: (call, waba) =>
    Effect.map(requestedFields(call.query, ["id", "name", "link"], ["id", "name", "link"]), (fields) =>
      ok({
        data: Array.from(waba.subscriptions.values(), (subscription) => ({
          whatsapp_business_api_data: appData(fields, subscription.appId, subscription.name),
          ...(subscription.overrideCallbackUri === undefined
            ? {}
            : { override_callback_uri: subscription.overrideCallbackUri })
        }))
      }))
}

const localHosts = ["localhost", "127.0.0.1", "[::1]"]

/**
 * `POST /{WABA-ID}/subscribed_apps`: subscribes the token's app, with `override_callback_uri`
 * (HTTPS; plain HTTP only for a local development host) and the `verify_token` it needs. The
 * emulator does not call the URI.
 */
export const subscribe = managing<"waba">((context, call, waba) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, ["override_callback_uri", "verify_token"])
    const uri = yield* optionalText(body["override_callback_uri"], "override_callback_uri")
    const verifyToken = yield* optionalText(body["verify_token"], "verify_token", { maxLength: 256 })
    if (uri !== undefined) {
      const url = isWebUrl(uri) ? new URL(uri) : undefined
      if (url === undefined || (url.protocol !== "https:" && !localHosts.includes(url.hostname))) {
        return yield* Effect.fail(invalidParameter("Invalid callback URI format"))
      }
      if (verifyToken === undefined || verifyToken === "") {
        return yield* Effect.fail(invalidParameter("(#100) verify_token is required with override_callback_uri"))
      }
    }
    const app = context.settings.app
    waba.subscriptions.set(app.id, {
      appId: app.id,
      name: app.name,
      overrideCallbackUri: uri,
      verifyToken: uri === undefined ? undefined : verifyToken
    })
    record(context.state, "subscribeApp", `${waba.id}/${app.id}`)
    return uri === undefined ? success : ok({
      success: true,
      data: [{
        override_callback_uri: uri,
        whatsapp_business_api_data: appData([{ name: "link" }], app.id, app.name)
      }]
    })
  })
)

/** `DELETE /{WABA-ID}/subscribed_apps`: unsubscribes the token's app. */
export const unsubscribe = managing<"waba">((context, _call, waba) =>
  Effect.suspend((): Effect.Effect<Reply, GraphError> => {
    if (!waba.subscriptions.delete(context.settings.app.id)) {
      return Effect.fail(notFound("WhatsApp Business Account not found or not subscribed"))
    }
    record(context.state, "unsubscribeApp", `${waba.id}/${context.settings.app.id}`)
    return Effect.succeed(success)
  })
)

/**
 * The document's `WhatsAppBusinessAccountPermissionTask` values, as core lists them (checked
 * against the document by the package's tests).
 */
export const permissionTasks: ReadonlyArray<string> = CloudApi.WabaPermissionTask.literals

const ownerOf = (context: Context, waba: Waba): Business | undefined =>
  nodeOf(context.state, waba.businessId, "business")

/** `GET /{WABA-ID}/assigned_users?business=`: fields (`id`, `name` by default), paging and `summary.total_count`. */
export const listAssignedUsers = managing<"waba">((context, call, waba) =>
  Effect.gen(function*() {
    const businessId = call.query["business"]
    if (businessId === undefined || businessId === "") {
      return yield* Effect.fail(invalidParameter("The parameter business is required to specify a business"))
    }
    const owner = ownerOf(context, waba)
    if (owner === undefined || owner.id !== businessId) {
      return yield* Effect.fail(
        invalidParameter(`Invalid parameter: business ${businessId} does not own this WhatsApp Business Account`)
      )
    }
    const fields = yield* requestedFields(call.query, ["id", "name", "business", "user_type"], ["id", "name"])
    const users = Array.from(waba.assignedUsers.keys()).flatMap((id) => {
      const user = owner.users.get(id)
      return user === undefined ? [] : [user]
    })
    const found = yield* page(
      call,
      context.settings.graphUrl,
      "assigned_users",
      users.map((user, rank) => ({ user, rank })),
      (item) => item.rank,
      {
        defaultSize: 25,
        maxSize: 100
      }
    )
    return ok({
      data: found.data.map(({ user }) =>
        pick(fields, {
          id: user.id,
          name: user.name,
          business: { id: owner.id, name: owner.name },
          user_type: user.userType
        }, [
          "id",
          "name"
        ])
      ),
      ...(found.paging === undefined ? {} : { paging: found.paging }),
      summary: { total_count: users.length }
    })
  })
)

const tasksOf = (form: URLSearchParams): Effect.Effect<ReadonlyArray<string>, GraphError> => {
  const repeated = [...form.getAll("tasks"), ...form.getAll("tasks[]")]
  let tasks: Array<unknown> = repeated
  const only = repeated[0]
  if (repeated.length === 1 && only !== undefined && only.trim().startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(only.replace(/'/g, "\""))
      tasks = Array.isArray(parsed) ? parsed : [parsed]
    } catch {
      return Effect.fail(invalidParameter("Invalid parameter: tasks must be a JSON array of permission tasks"))
    }
  }
  if (tasks.length === 0) return Effect.fail(invalidParameter("(#100) The parameter tasks is required"))
  if (tasks.length > 16 || tasks.some((task) => typeof task !== "string" || !permissionTasks.includes(task))) {
    return Effect.fail(invalidParameter(`Invalid parameter: tasks must be 1 to 16 of ${permissionTasks.join(", ")}`))
  }
  return Effect.succeed(tasks.filter((task): task is string => typeof task === "string"))
}

/** The form of a call on a WABA's users, and the user it names (`user`, a Graph id). */
const userForm = (call: Call): Effect.Effect<{ readonly form: URLSearchParams; readonly user: string }, GraphError> =>
  Effect.flatMap(formBody(call), (form) =>
    Effect.map(
      numericId(form.get("user") ?? undefined, "Invalid parameter: user must be a valid user ID"),
      (user) => ({ form, user })
    ))

/** `POST /{WABA-ID}/assigned_users` (form: `user`, `tasks`): a user of the owning business. */
export const assignUser = (context: Context): Action<"waba"> => ({
  permissions: ["business_management"],
  handle: (call, waba) =>
    Effect.gen(function*() {
      const { form, user } = yield* userForm(call)
      const tasks = yield* tasksOf(form)
      if (ownerOf(context, waba)?.users.has(user) !== true) {
        return yield* Effect.fail(invalidParameter("Invalid parameter: user must be a valid user ID"))
      }
      if (waba.assignedUsers.has(user)) {
        return yield* Effect.fail(unprocessable("User is already assigned to this WhatsApp Business Account"))
      }
      waba.assignedUsers.set(user, tasks)
      record(context.state, "addAssignedUser", `${waba.id}/${user}`)
      return success
    })
})

/** `DELETE /{WABA-ID}/assigned_users` (form: `user`). */
export const unassignUser = (context: Context): Action<"waba"> => ({
  permissions: ["business_management"],
  handle: (call, waba) =>
    Effect.gen(function*() {
      const { user } = yield* userForm(call)
      if (!waba.assignedUsers.delete(user)) {
        return yield* Effect.fail(notFound("User is not assigned to this WhatsApp Business Account"))
      }
      record(context.state, "removeAssignedUser", `${waba.id}/${user}`)
      return success
    })
})
