/**
 * Flow APIs: list, screen payload, preview, detail, create (optionally cloning), metadata and
 * JSON updates (the JSON is validated and its errors reported), delete, publish, deprecate.
 *
 * Lifecycle: DRAFT → PUBLISHED → DEPRECATED. Only drafts can be deleted or have their JSON
 * changed; only drafts without validation errors can be published; only published flows can
 * be deprecated (Meta's rules, which WOZTELL relays).
 *
 * @internal
 */
import { CloudApi } from "@wa-admin/core/adapter"
import { Effect, Option } from "effect"
import { randomUUID } from "node:crypto"
import { signedContext } from "./auth.js"
import { atomically, type Call, type Failure, type Handler, invalid, notFound, ok, type Routes } from "./http.js"
import {
  bodyFields,
  type Fields,
  isFields,
  isHttpUrl,
  optionalString,
  requiredQueryInteger,
  requiredString
} from "./input.js"
import { paginate, positionOf } from "./paging.js"
import { type Flow, type FlowValidationError, recordEffect, type State } from "./state.js"

/** The document's flow categories, as core lists them (checked against the document by documentLists.test.ts). */
export const flowCategories: ReadonlyArray<string> = CloudApi.FlowCategory.literals

/** The flow JSON Meta gives a new flow that is not a clone. */
const defaultFlowJson = (): Fields => ({
  version: "3.1",
  screens: [
    {
      id: "WELCOME_SCREEN",
      title: "Hello World",
      terminal: true,
      success: true,
      data: {},
      layout: {
        type: "SingleColumnLayout",
        children: [
          { type: "TextHeading", text: "Hello World" },
          { type: "TextBody", text: "Let's start building things!" },
          { type: "Footer", label: "Complete", "on-click-action": { name: "complete", payload: {} } }
        ]
      }
    }
  ]
})

/** Preview links stay valid this long (Meta: 30 days), then a new one is issued. */
const previewLifetimeMillis = 30 * 24 * 60 * 60 * 1000

// Flow JSON validation -------------------------------------------------------------------------

/** Every problem of a flow JSON, in Meta's validation error shape. Empty when valid. */
export const validateFlowJson = (json: Fields): ReadonlyArray<FlowValidationError> => {
  const errors: Array<FlowValidationError> = []
  const report = (error: string, message: string, path: string) =>
    errors.push({ error, error_type: "FLOW_JSON_ERROR", message, pointers: [{ path }] })
  const version = json["version"]
  if (version === undefined) report("MISSING_REQUIRED_PROPERTY", "Missing required property 'version'.", "version")
  else if (typeof version !== "string" || !/^\d+\.\d+$/.test(version)) {
    report("INVALID_PROPERTY_VALUE", "Property 'version' must be a version string such as \"3.1\".", "version")
  }
  const screens = json["screens"]
  if (screens === undefined) {
    report("MISSING_REQUIRED_PROPERTY", "Missing required property 'screens'.", "screens")
    return errors
  }
  if (!Array.isArray(screens) || screens.length === 0) {
    report("INVALID_PROPERTY_VALUE", "Property 'screens' must be a non-empty array.", "screens")
    return errors
  }
  const seen = new Set<string>()
  let terminal = false
  screens.forEach((screen: unknown, index) => {
    const at = `screens[${index}]`
    if (!isFields(screen)) return report("INVALID_PROPERTY_VALUE", `${at} must be an object.`, at)
    const id = screen["id"]
    if (id === undefined) report("MISSING_REQUIRED_PROPERTY", "Missing required property 'id'.", `${at}.id`)
    else if (typeof id !== "string" || !/^[A-Za-z_]+$/.test(id)) {
      report("INVALID_PROPERTY_VALUE", "Property 'id' may only contain letters and underscores.", `${at}.id`)
    } else if (id === "SUCCESS") {
      report("INVALID_PROPERTY_VALUE", "Screen id 'SUCCESS' is reserved.", `${at}.id`)
    } else if (seen.has(id)) {
      report("DUPLICATE_SCREEN_ID", `Screen id '${id}' is used more than once.`, `${at}.id`)
    } else {
      seen.add(id)
    }
    if (screen["terminal"] === true) terminal = true
    else if (screen["terminal"] !== undefined && typeof screen["terminal"] !== "boolean") {
      report("INVALID_PROPERTY_VALUE", "Property 'terminal' must be a boolean.", `${at}.terminal`)
    }
    const layout = screen["layout"]
    if (layout === undefined) {
      return report("MISSING_REQUIRED_PROPERTY", "Missing required property 'layout'.", `${at}.layout`)
    }
    if (!isFields(layout)) {
      return report("INVALID_PROPERTY_VALUE", "Property 'layout' must be an object.", `${at}.layout`)
    }
    if (layout["type"] !== "SingleColumnLayout") {
      report("INVALID_PROPERTY_VALUE", "Property 'type' must be 'SingleColumnLayout'.", `${at}.layout.type`)
    }
    if (!Array.isArray(layout["children"])) {
      report("MISSING_REQUIRED_PROPERTY", "Missing required property 'children'.", `${at}.layout.children`)
    }
    return errors.length
  })
  if (!terminal) report("MISSING_TERMINAL_SCREEN", "At least one screen must be terminal.", "screens")
  return errors
}

const versionOf = (flow: Flow): Option.Option<string> => {
  const version = flow.json["version"]
  return typeof version === "string" ? Option.some(version) : Option.none()
}

const belowVersion3 = (flow: Flow) => Option.exists(versionOf(flow), (version) => Number.parseFloat(version) < 3)

// Rendering ------------------------------------------------------------------------------------

/** `2024-03-08T04:52:37+0000`, the document's timestamp format. */
const formatInstant = (millis: number) => new Date(millis).toISOString().replace(/\.\d{3}Z$/, "+0000")

const previewOf = (flow: Flow, now: number) => {
  if (flow.preview === undefined || flow.preview.expiresAt <= now) {
    flow.preview = { token: randomUUID(), expiresAt: now + previewLifetimeMillis }
  }
  return {
    preview_url: `https://business.facebook.com/wa/manage/flows/${flow.id}/preview/?token=${flow.preview.token}`,
    expires_at: formatInstant(flow.preview.expiresAt)
  }
}

/** A screen's example data: each declared field's `__example__` (or ""), indented like the document. */
const screenData = (screen: Fields) => {
  const declared = screen["data"]
  const example: Record<string, unknown> = {}
  if (isFields(declared)) {
    for (const [key, value] of Object.entries(declared)) {
      example[key] = isFields(value) ? (value["__example__"] ?? "") : value
    }
  }
  return JSON.stringify(example, null, 1)
}

const screensOf = (
  flow: Flow
): ReadonlyArray<{ readonly id: string; readonly label: string; readonly data: string }> => {
  const screens = flow.json["screens"]
  if (!Array.isArray(screens)) return []
  return screens.flatMap((screen: unknown) => {
    if (!isFields(screen) || typeof screen["id"] !== "string") return []
    const id = screen["id"]
    const title = typeof screen["title"] === "string" ? screen["title"] : id
    return [{ id, label: `${title} (${id})`, data: screenData(screen) }]
  })
}

// Handlers -------------------------------------------------------------------------------------

const flowOf = (state: State, flowId: string): Effect.Effect<Flow, Failure> => {
  const flow = state.channel.flows.get(flowId)
  return flow === undefined ? Effect.fail(notFound(`Flow ${flowId} not found`)) : Effect.succeed(flow)
}

const queriedFlow = (state: State, call: Call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    return yield* flowOf(state, yield* requiredString(call.query, "flowId"))
  })

const listFlows = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    const limit = yield* requiredQueryInteger(call.query, "limit", { min: 1 })
    const position = yield* positionOf("flows", call.query)
    const flows = Array.from(state.channel.flows.values()).reverse()
    const page = paginate("flows", flows, (flow) => flow.seq, "descending", limit, position)
    return ok({
      data: page.items.map((flow) => {
        const preview = previewOf(flow, call.now)
        return {
          label: `${flow.name} (${flow.status})`,
          value: flow.id,
          status: flow.status.toLowerCase(),
          assets: screensOf(flow).map((screen) => ({ ...screen, preview })),
          triggerMatchingObject: null
        }
      }),
      paging: page.paging
    })
  })

const screenPayload = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    const flow = yield* queriedFlow(state, call)
    const preview = previewOf(flow, call.now)
    const screens = screensOf(flow)
    const first = screens[0]
    return ok({
      payload: {
        ...(first === undefined ? {} : first),
        screens: screens.map((screen) => ({ ...screen, preview }))
      }
    })
  })

const flowPreview = (state: State): Handler => (call) =>
  Effect.map(queriedFlow(state, call), (flow) => ok({ data: previewOf(flow, call.now) }))

const flowDetail = (state: State): Handler => (call) =>
  Effect.map(queriedFlow(state, call), (flow) => {
    const waba = state.channel
    return ok({
      id: flow.id,
      name: flow.name,
      categories: flow.categories,
      preview: previewOf(flow, call.now),
      status: flow.status,
      validation_errors: flow.validationErrors,
      ...Option.match(versionOf(flow), { onNone: () => ({}), onSome: (version) => ({ json_version: version }) }),
      // Not in the document's example (no endpoint set there); Meta's name for the field.
      ...(flow.endpointUrl === undefined ? {} : { endpoint_uri: flow.endpointUrl }),
      whatsapp_business_account: {
        id: waba.wabaId,
        name: waba.name,
        currency: "USD",
        timezone_id: "42",
        message_template_namespace: waba.namespace
      },
      application: { link: "https://platform.woztell.com/", name: "Woztell", id: "689996742158814" }
    })
  })

const checkCategories = (
  value: unknown,
  required: boolean
): Effect.Effect<Option.Option<ReadonlyArray<string>>, Failure> => {
  if (value === undefined && !required) return Effect.succeed(Option.none())
  if (!Array.isArray(value) || value.length === 0) {
    return Effect.fail(invalid(`categories must list at least one of ${flowCategories.join(", ")}`))
  }
  const unknown = value.find((category: unknown) => typeof category !== "string" || !flowCategories.includes(category))
  if (unknown !== undefined) {
    return Effect.fail(
      invalid(`categories contains ${JSON.stringify(unknown)}; expected any of ${flowCategories.join(", ")}`)
    )
  }
  return Effect.succeed(Option.some(value as ReadonlyArray<string>))
}

const checkEndpointUrl = (value: Option.Option<string>): Effect.Effect<Option.Option<string>, Failure> =>
  Option.isSome(value) && !isHttpUrl(value.value, true)
    ? Effect.fail(invalid("endpoint_url must be an https URL"))
    : Effect.succeed(value)

const dataOf = (body: Fields): Effect.Effect<Fields, Failure> => {
  const data = body["data"]
  return isFields(data) ? Effect.succeed(data) : Effect.fail(invalid("data is required and must be an object"))
}

const createFlow = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    const data = yield* dataOf(yield* bodyFields(call.body))
    const name = yield* requiredString(data, "name")
    const categories = yield* checkCategories(data["categories"], true)
    const cloneId = yield* optionalString(data, "clone_flow_id")
    const endpointUrl = yield* checkEndpointUrl(yield* optionalString(data, "endpoint_url"))
    const source = Option.isSome(cloneId) ? Option.some(yield* flowOf(state, cloneId.value)) : Option.none<Flow>()
    if (Option.isSome(endpointUrl) && Option.exists(source, belowVersion3)) {
      return yield* Effect.fail(
        invalid("endpoint_url cannot be set when cloning a flow with Flow JSON version below 3.0")
      )
    }
    return yield* atomically(() => {
      const json = Option.match(source, { onNone: defaultFlowJson, onSome: (flow) => structuredClone(flow.json) })
      const flow: Flow = {
        id: state.nextId(),
        seq: state.nextSeq(),
        name,
        categories: Option.getOrElse(categories, () => []),
        endpointUrl: Option.getOrUndefined(endpointUrl),
        status: "DRAFT",
        json,
        validationErrors: validateFlowJson(json),
        preview: undefined
      }
      state.channel.flows.set(flow.id, flow)
      recordEffect(state, "createFlow", flow.id)
      return Effect.succeed(ok({ id: flow.id }))
    })
  })

const updateMetadata = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    const body = yield* bodyFields(call.body)
    const flow = yield* flowOf(state, yield* requiredString(body, "flowId"))
    const data = body["data"] === undefined ? {} : yield* dataOf(body)
    const name = yield* optionalString(data, "name")
    if (Option.exists(name, (value) => value.trim() === "")) {
      return yield* Effect.fail(invalid("name must not be empty"))
    }
    const categories = yield* checkCategories(data["categories"], false)
    // The example sends endpoint_url beside data, the parameter table beside name: accept both.
    const inData = yield* optionalString(data, "endpoint_url")
    const beside = yield* optionalString(body, "endpoint_url")
    if (Option.isSome(inData) && Option.isSome(beside) && inData.value !== beside.value) {
      return yield* Effect.fail(invalid("endpoint_url is given twice with different values"))
    }
    const endpointUrl = yield* checkEndpointUrl(Option.orElse(inData, () => beside))
    if (Option.isNone(name) && Option.isNone(categories) && Option.isNone(endpointUrl)) {
      return yield* Effect.fail(invalid("nothing to update: give name, categories or endpoint_url"))
    }
    return yield* atomically(() => {
      if (flow.status === "DEPRECATED") return Effect.fail(invalid("A deprecated flow cannot be updated"))
      if (Option.isSome(endpointUrl) && belowVersion3(flow)) {
        return Effect.fail(invalid("endpoint_url cannot be set on a flow with Flow JSON version below 3.0"))
      }
      if (Option.isSome(name)) flow.name = name.value
      if (Option.isSome(categories)) flow.categories = categories.value
      if (Option.isSome(endpointUrl)) flow.endpointUrl = endpointUrl.value
      recordEffect(state, "updateFlowMetadata", flow.id)
      return Effect.succeed(ok({ success: true }))
    })
  })

const updateJson = (state: State): Handler => (call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    const body = yield* bodyFields(call.body)
    const flow = yield* flowOf(state, yield* requiredString(body, "flowId"))
    const json = structuredClone(yield* dataOf(body))
    return yield* atomically(() => {
      if (flow.status !== "DRAFT") {
        return Effect.fail(invalid(`A ${flow.status.toLowerCase()} flow cannot be modified; only drafts can`))
      }
      // An invalid JSON is still stored; its errors are reported and block publishing.
      flow.json = json
      flow.validationErrors = validateFlowJson(json)
      recordEffect(state, "updateFlowJson", flow.id)
      return Effect.succeed(ok({ success: true, validation_errors: flow.validationErrors }))
    })
  })

const transition = (
  state: State,
  operation: string,
  apply: (flow: Flow) => Effect.Effect<void, Failure>
): Handler =>
(call) =>
  Effect.gen(function*() {
    yield* signedContext(state.config, call)
    const body = yield* bodyFields(call.body)
    const flow = yield* flowOf(state, yield* requiredString(body, "flowId"))
    return yield* atomically(() =>
      Effect.map(apply(flow), () => {
        recordEffect(state, operation, flow.id)
        return ok({ success: true })
      })
    )
  })

const deleteFlow = (state: State): Handler =>
  transition(state, "deleteFlow", (flow) => {
    if (flow.status !== "DRAFT") {
      return Effect.fail(invalid(`A ${flow.status.toLowerCase()} flow cannot be deleted; only drafts can`))
    }
    state.channel.flows.delete(flow.id)
    return Effect.void
  })

const publishFlow = (state: State): Handler =>
  transition(state, "publishFlow", (flow) => {
    if (flow.status !== "DRAFT") return Effect.fail(invalid(`The flow is already ${flow.status.toLowerCase()}`))
    if (flow.validationErrors.length > 0) {
      return Effect.fail(invalid(
        `The flow JSON has ${flow.validationErrors.length} validation error(s): ${
          flow.validationErrors.map((error) => error.message).join(" ")
        }`
      ))
    }
    flow.status = "PUBLISHED"
    return Effect.void
  })

const deprecateFlow = (state: State): Handler =>
  transition(state, "deprecateFlow", (flow) => {
    if (flow.status !== "PUBLISHED") {
      return Effect.fail(invalid(`Only published flows can be deprecated; this one is ${flow.status.toLowerCase()}`))
    }
    flow.status = "DEPRECATED"
    return Effect.void
  })

/** The flow endpoints, keyed by `METHOD /path`. */
export const routes = (state: State): Routes => ({
  "GET /flow": listFlows(state),
  "GET /flow-screen-payload": screenPayload(state),
  "GET /flow-preview": flowPreview(state),
  "GET /flow-detail": flowDetail(state),
  "PUT /create-flow": createFlow(state),
  "PATCH /flow-metadata": updateMetadata(state),
  "PATCH /flow-json": updateJson(state),
  "DELETE /flow": deleteFlow(state),
  "POST /publish-flow": publishFlow(state),
  "POST /deprecate-flow": deprecateFlow(state)
})
