/**
 * WhatsApp Flows of a WABA, as the document describes them: list, create (or clone), migrate
 * between WABAs, a flow's fields (its preview URL among them), its metadata, its flow JSON asset
 * (uploaded as a file; the answer lists validation errors), publish (irreversible; the flow and
 * its assets become immutable), deprecate (only a published flow) and delete (only a draft).
 *
 * The emulator checks a flow JSON as far as its outline goes — it must parse, have a `version`
 * and a non-empty `screens` array of screens with an `id` and a `layout` — and reports what it
 * finds the way the document shows validation errors; a flow with validation errors cannot be
 * published.
 *
 * @internal
 */
import { CloudApi } from "@wa-admin/core/adapter"
import { Effect } from "effect"
import { randomKey } from "./assets.js"
import type { Action, Context } from "./context.js"
import { managing } from "./context.js"
import type { Field } from "./fields.js"
import { pick, requestedFields } from "./fields.js"
import type { Call, GraphError, Reply } from "./graph.js"
import { invalidParameter, notFound, ok, success } from "./graph.js"
import { formFile, formText, isObject, isWebUrl, jsonArrayField, multipartBody } from "./input.js"
import { page, pageBody } from "./paging.js"
import type { Flow, FlowValidationError, Waba } from "./state.js"
import { flowsOf, freshId, nextSeq, nodeOf, record } from "./state.js"

/** The flow categories, as core lists them (checked against the documents by the package's tests). */
export const flowCategories: ReadonlyArray<string> = CloudApi.FlowCategory.literals

/** The fields a flow answers (`?fields=`), as core lists them from the document (checked by the package's tests). */
export const flowFields: ReadonlyArray<string> = CloudApi.flowFields

const defaultFlowFields = ["id", "name", "categories", "status", "validation_errors"]

/** How long a preview URL works. */
const previewMillis = 30 * 24 * 60 * 60 * 1000

const schemaError = (error: string, message: string): FlowValidationError => ({
  error,
  error_type: "JSON_SCHEMA_ERROR",
  message
})

/** What is wrong with a flow JSON, as validation errors. */
export const validateFlowJson = (
  text: string
): { readonly value: unknown; readonly errors: ReadonlyArray<FlowValidationError> } => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : "it does not parse"
    return {
      value: undefined,
      errors: [{
        error: "INVALID_JSON",
        error_type: "JSON_PARSE_ERROR",
        message: `The flow JSON is not valid JSON: ${reason}`
      }]
    }
  }
  if (!isObject(value)) {
    return { value, errors: [schemaError("INVALID_PROPERTY_TYPE", "The value at \"$root\" must be an object.")] }
  }
  const errors: Array<FlowValidationError> = []
  if (typeof value["version"] !== "string") {
    errors.push(schemaError("MISSING_REQUIRED_PROPERTY", "The property \"version\" is required at \"$root\"."))
  }
  const screens = value["screens"]
  if (!Array.isArray(screens) || screens.length === 0) {
    errors.push(
      schemaError("MISSING_REQUIRED_PROPERTY", "The property \"screens\" is required at \"$root\" and cannot be empty.")
    )
  } else {
    screens.forEach((screen, index) => {
      if (!isObject(screen) || typeof screen["id"] !== "string") {
        errors.push(
          schemaError("MISSING_REQUIRED_PROPERTY", `The property "id" is required at "$root/screens/${index}".`)
        )
      }
      if (!isObject(screen) || !isObject(screen["layout"])) {
        errors.push(
          schemaError("MISSING_REQUIRED_PROPERTY", `The property "layout" is required at "$root/screens/${index}".`)
        )
      }
    })
  }
  return { value, errors }
}

const summary = (flow: Flow) => ({
  id: flow.id,
  name: flow.name,
  status: flow.status,
  categories: flow.categories,
  validation_errors: flow.validationErrors
})

/** `GET /{WABA-ID}/flows`. */
export const listFlows = managing<"waba">((context, call, waba) =>
  Effect.map(
    page(call, context.settings.graphUrl, "flows", flowsOf(context.state, waba), (flow) => flow.seq, {
      defaultSize: 25,
      maxSize: 100
    }),
    (found) => ok(pageBody(found, summary))
  )
)

const categoriesOf = (text: string | undefined): Effect.Effect<ReadonlyArray<string> | undefined, GraphError> =>
  Effect.flatMap(jsonArrayField(text, "categories"), (value) => {
    if (value === undefined) return Effect.succeed(undefined)
    if (value.length === 0 || value.some((item) => typeof item !== "string" || !flowCategories.includes(item))) {
      return Effect.fail(
        invalidParameter(`Invalid parameter: categories must be a JSON array of ${flowCategories.join(", ")}`)
      )
    }
    return Effect.succeed(value.filter((item): item is string => typeof item === "string"))
  })

const endpointOf = (text: string | undefined): Effect.Effect<string | undefined, GraphError> =>
  text === undefined || isWebUrl(text)
    ? Effect.succeed(text)
    : Effect.fail(invalidParameter("Invalid parameter: endpoint_uri must be an http(s) URL"))

const nameOf = (text: string | undefined): Effect.Effect<string | undefined, GraphError> =>
  text === undefined || (text.trim() !== "" && text.length <= 200)
    ? Effect.succeed(text)
    : Effect.fail(invalidParameter("Invalid parameter: name must have 1 to 200 characters"))

/** A flow in a WABA. */
export const storeFlow = (
  context: Context,
  waba: Waba,
  fields: {
    readonly name: string
    readonly categories: ReadonlyArray<string>
    readonly endpointUri: string | undefined
    readonly json: Flow["json"]
    readonly validationErrors: ReadonlyArray<FlowValidationError>
  }
): Flow => {
  const flow: Flow = {
    kind: "flow",
    id: freshId(context.state),
    wabaId: waba.id,
    seq: nextSeq(context.state),
    name: fields.name,
    categories: fields.categories,
    status: "DRAFT",
    endpointUri: fields.endpointUri,
    json: fields.json,
    validationErrors: fields.validationErrors,
    preview: undefined
  }
  context.state.nodes.set(flow.id, flow)
  waba.flowIds.push(flow.id)
  return flow
}

/** The multipart form of a flow's creation or metadata change, and the metadata it gives (each checked). */
const metadataForm = (call: Call) =>
  Effect.gen(function*() {
    const form = yield* multipartBody(call)
    return {
      form,
      name: yield* nameOf(formText(form, "name")),
      categories: yield* categoriesOf(formText(form, "categories")),
      endpointUri: yield* endpointOf(formText(form, "endpoint_uri"))
    }
  })

/** `POST /{WABA-ID}/flows`: `name`, `categories` (JSON array text), `endpoint_uri`, `clone_flow_id`. */
export const createFlow = managing<"waba">((context, call, waba) =>
  Effect.gen(function*() {
    const { categories, endpointUri, form, name } = yield* metadataForm(call)
    if (name === undefined) return yield* Effect.fail(invalidParameter("(#100) The parameter name is required"))
    if (categories === undefined) {
      return yield* Effect.fail(invalidParameter("(#100) The parameter categories is required"))
    }
    const cloneId = formText(form, "clone_flow_id")
    const original = cloneId === undefined ? undefined : nodeOf(context.state, cloneId, "flow")
    if (cloneId !== undefined && (original === undefined || original.wabaId !== waba.id)) {
      return yield* Effect.fail(
        invalidParameter(`(#100) clone_flow_id ${cloneId} is not a flow of this WhatsApp Business Account`)
      )
    }
    const flow = storeFlow(context, waba, {
      name,
      categories,
      endpointUri: endpointUri ?? original?.endpointUri,
      json: original?.json,
      validationErrors: original?.validationErrors ?? []
    })
    record(context.state, "createFlow", flow.id)
    return ok({ id: flow.id })
  })
)

/**
 * `POST /{WABA-ID}/migrate_flows`: copies the flows named in `source_flow_names` (JSON array
 * text; all when left out) from `source_waba_id` as drafts with the same names; a name the
 * source does not have is a failure with the document's code 4233041.
 */
export const migrateFlows = managing<"waba">((context, call, destination) =>
  Effect.gen(function*() {
    const form = yield* multipartBody(call)
    const sourceId = formText(form, "source_waba_id")
    if (sourceId === undefined || sourceId === "") {
      return yield* Effect.fail(invalidParameter("(#100) The parameter source_waba_id is required"))
    }
    const source = nodeOf(context.state, sourceId, "waba")
    if (source === undefined) return yield* Effect.fail(notFound("WhatsApp Business Account not found"))
    if (!source.accessible) {
      return yield* Effect.fail(
        invalidParameter("(#100) source_waba_id is not a WhatsApp Business Account the app can access")
      )
    }
    const names = yield* jsonArrayField(formText(form, "source_flow_names"), "source_flow_names")
    if (names?.some((name) => typeof name !== "string") === true) {
      return yield* Effect.fail(
        invalidParameter("Invalid parameter: source_flow_names must be a JSON array of names")
      )
    }
    const sourceFlows = flowsOf(context.state, source)
    const wanted = names === undefined ? sourceFlows.map((flow) => flow.name) : names.map(String)
    const migrated: Array<
      { readonly source_name: string; readonly source_id: string; readonly migrated_id: string }
    > = []
    const failed: Array<
      { readonly source_name: string; readonly error_code: string; readonly error_message: string }
    > = []
    for (const name of new Set(wanted)) {
      const matching = sourceFlows.filter((flow) => flow.name === name)
      if (matching.length === 0) {
        failed.push({
          source_name: name,
          error_code: "4233041",
          error_message: "Flows Migration Error: Flow name not found in source WABA."
        })
      }
      for (const original of matching) {
        const copy = storeFlow(context, destination, {
          name: original.name,
          categories: original.categories,
          endpointUri: original.endpointUri,
          json: original.json,
          validationErrors: original.validationErrors
        })
        record(context.state, "migrateFlow", copy.id)
        migrated.push({ source_name: original.name, source_id: original.id, migrated_id: copy.id })
      }
    }
    return ok({ migrated_flows: migrated, failed_flows: failed })
  })
)

const previewOf = (flow: Flow, field: Field | undefined, now: number) => {
  const invalidate = field?.modifiers.get("invalidate") === "true"
  if (flow.preview === undefined || invalidate || now >= flow.preview.expiresAt) {
    flow.preview = {
      url: `https://business.facebook.com/wa/manage/flows/${flow.id}/preview/?token=${randomKey()}`,
      expiresAt: now + previewMillis
    }
  }
  return {
    preview_url: flow.preview.url,
    expires_at: new Date(flow.preview.expiresAt).toISOString().replace(/\.\d{3}Z$/, "+0000")
  }
}

/** `GET /{Flow-ID}` with `fields` (the preview URL is `fields=preview`, `preview.invalidate(true)` renews it). */
export const getFlow = managing<"flow">((context, call, flow) =>
  Effect.map(requestedFields(call.query, flowFields, defaultFlowFields), (fields) => {
    const waba = nodeOf(context.state, flow.wabaId, "waba")
    const value = flow.json?.value
    const json = isObject(value) ? value : {}
    const preview = fields.find((field) => field.name === "preview")
    return ok(pick(fields, {
      ...summary(flow),
      preview: preview === undefined ? undefined : previewOf(flow, preview, call.now),
      json_version: typeof json["version"] === "string" ? json["version"] : undefined,
      data_api_version: typeof json["data_api_version"] === "string" ? json["data_api_version"] : undefined,
      data_channel_uri: flow.endpointUri,
      health_status: {
        can_send_message: flow.status === "PUBLISHED" ? "AVAILABLE" : "BLOCKED",
        entities: [{
          entity_type: "FLOW",
          id: flow.id,
          can_send_message: flow.status === "PUBLISHED" ? "AVAILABLE" : "BLOCKED"
        }]
      },
      whatsapp_business_account: waba === undefined ? undefined : {
        id: waba.id,
        name: waba.name,
        message_template_namespace: waba.namespace,
        timezone_id: waba.timezoneId
      },
      application: {
        id: context.settings.app.id,
        name: context.settings.app.name,
        link: `https://www.facebook.com/games/?app_id=${context.settings.app.id}`
      }
    }, ["id"]))
  })
)

const immutable = (flow: Flow): GraphError =>
  invalidParameter(`(#100) The flow is ${flow.status} and cannot be changed`, { userTitle: "Flow can't be updated" })

/** `POST /{Flow-ID}`: `name`, `categories`, `endpoint_uri` of a draft. */
export const updateFlowMetadata = managing<"flow">((context, call, flow) =>
  Effect.gen(function*() {
    const { categories, endpointUri, name } = yield* metadataForm(call)
    if (name === undefined && categories === undefined && endpointUri === undefined) {
      return yield* Effect.fail(invalidParameter("(#100) Give name, categories or endpoint_uri"))
    }
    if (flow.status !== "DRAFT") return yield* Effect.fail(immutable(flow))
    if (name !== undefined) flow.name = name
    if (categories !== undefined) flow.categories = categories
    if (endpointUri !== undefined) flow.endpointUri = endpointUri
    record(context.state, "updateFlowMetadata", flow.id)
    return success
  })
)

/**
 * A change of a flow that Graph answers with `success`: refused with what `refusal` finds wrong
 * with the flow, if anything; else `change` alters the flow, and the call is recorded as `event`.
 */
const flowChange = (
  context: Context,
  refusal: (flow: Flow) => GraphError | undefined,
  event: string,
  change: (flow: Flow) => void
): Action<"flow"> => ({
  permissions: ["whatsapp_business_management"],
  handle: (_call, flow) =>
    Effect.suspend((): Effect.Effect<Reply, GraphError> => {
      const refused = refusal(flow)
      if (refused !== undefined) return Effect.fail(refused)
      change(flow)
      record(context.state, event, flow.id)
      return Effect.succeed(success)
    })
})

/** Graph's refusal of a change a flow takes only in `status`, or `undefined` when it is in it. */
const unlessIn = (status: Flow["status"], message: string, userTitle: string) => (flow: Flow) =>
  flow.status === status ? undefined : invalidParameter(message, { userTitle })

/** `DELETE /{Flow-ID}`: only a draft. */
export const deleteFlow = (context: Context): Action<"flow"> =>
  flowChange(
    context,
    unlessIn("DRAFT", "(#100) Only a DRAFT flow can be deleted", "Flow can't be deleted"),
    "deleteFlow",
    (flow) => context.state.nodes.delete(flow.id)
  )

/** `GET /{Flow-ID}/assets`: the flow JSON asset and its download URL. */
export const listAssets = managing<"flow">((context, _call, flow) =>
  Effect.sync(() => {
    if (flow.json === undefined) return ok({ data: [] })
    const url = context.settings.assets.put(`flow/${flow.id}/${randomKey()}`, {
      contentType: "application/json",
      bytes: new TextEncoder().encode(flow.json.text),
      requiresToken: false
    })
    return ok({ data: [{ name: "flow.json", asset_type: "FLOW_JSON", download_url: url }] })
  })
)

/** The largest flow JSON file. */
const maxFlowJsonBytes = 10 * 1024 * 1024

/** `POST /{Flow-ID}/assets`: `file` (the flow JSON), `name`, `asset_type=FLOW_JSON`. */
export const updateFlowJson = managing<"flow">((context, call, flow) =>
  Effect.gen(function*() {
    const form = yield* multipartBody(call)
    if (formText(form, "asset_type") !== "FLOW_JSON") {
      return yield* Effect.fail(invalidParameter("(#100) The parameter asset_type must be FLOW_JSON"))
    }
    const file = formFile(form, "file")
    if (file === undefined) return yield* Effect.fail(invalidParameter("(#100) The parameter file is required"))
    if (file.length > maxFlowJsonBytes) {
      return yield* Effect.fail(invalidParameter("(#100) The flow JSON file must be at most 10 MB"))
    }
    if (flow.status !== "DRAFT") return yield* Effect.fail(immutable(flow))
    const text = new TextDecoder().decode(file)
    const checked = validateFlowJson(text)
    flow.json = { text, value: checked.value }
    flow.validationErrors = checked.errors
    record(context.state, "updateFlowJson", flow.id)
    return ok({ success: true, validation_errors: checked.errors })
  })
)

/** `POST /{Flow-ID}/publish`: a draft with a flow JSON free of validation errors. */
export const publishFlow = (context: Context): Action<"flow"> =>
  flowChange(
    context,
    (flow) => {
      if (flow.status !== "DRAFT") return immutable(flow)
      if (flow.json === undefined) {
        return invalidParameter("(#100) Upload the flow JSON before publishing", {
          userTitle: "Flow can't be published"
        })
      }
      return flow.validationErrors.length > 0
        ? invalidParameter("(#100) The flow JSON has validation errors", { userTitle: "Flow can't be published" })
        : undefined
    },
    "publishFlow",
    (flow) => {
      flow.status = "PUBLISHED"
    }
  )

/** `POST /{Flow-ID}/deprecate`: only a published flow. */
export const deprecateFlow = (context: Context): Action<"flow"> =>
  flowChange(
    context,
    unlessIn("PUBLISHED", "(#100) Only a PUBLISHED flow can be deprecated", "Flow can't be deprecated"),
    "deprecateFlow",
    (flow) => {
      flow.status = "DEPRECATED"
    }
  )
