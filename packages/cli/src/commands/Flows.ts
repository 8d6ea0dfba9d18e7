/**
 * `wa-admin flows …` — WOZTELL's WhatsApp Flows (the `WoztellFlows` extension): list, inspect,
 * preview, show screens, create or clone, update metadata, replace the flow JSON, delete,
 * publish and deprecate. Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { WoztellFlows } from "@wa-admin/woztell"
import { DateTime, Effect, Schema } from "effect"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Extension from "../internal/extension.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { compact, groupHandler } from "./internal.js"

const extension = Extension.woztell<WoztellFlows.WoztellFlows>(({ WoztellFlows }) => WoztellFlows.layer)

const origin = (operation: string) => ({ provider: "woztell", operation: `flows.${operation}` })

const categoryChoices = "SIGN_UP, SIGN_IN, APPOINTMENT_BOOKING, LEAD_GENERATION, CONTACT_US, CUSTOMER_SUPPORT, SURVEY, OTHER"

const flowId = Options.text("flow-id").pipe(
  Options.withDescription("The flow's id (as `flows list` or `flows create` printed it).")
)

const endpointUrl = Options.text("endpoint-url").pipe(
  Options.withPseudoName("url"),
  Options.withDescription(
    "The https URL of the flow's data endpoint (leave out for flows whose JSON version is below 3.0)."
  ),
  Options.optional
)

/**
 * The JSON form of `flows create`: the new flow's id.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreatedFlow = Schema.Struct({ id: Schema.String })

const instant = (value: DateTime.Utc | undefined) => (value === undefined ? undefined : DateTime.formatIso(value))

const previewRows = (preview: WoztellFlows.FlowPreview | undefined) =>
  [
    ["preview", preview?.url],
    ["preview expires", instant(preview?.expiresAt)]
  ] as const

const compactJson = (text: string | undefined): string | undefined => {
  if (text === undefined) return undefined
  try {
    return JSON.stringify(JSON.parse(text))
  } catch {
    return text
  }
}

const renderScreen = (screen: WoztellFlows.FlowScreen) =>
  [
    ["screen", `${screen.id}${screen.label === undefined ? "" : ` — ${screen.label}`}`],
    ["  data", compactJson(screen.data)]
  ] as const

const renderValidationError = (error: WoztellFlows.FlowValidationError): string => {
  const at = error.lineStart === undefined
    ? ""
    : ` (line ${error.lineStart}${error.columnStart === undefined ? "" : `, column ${error.columnStart}`})`
  return `${error.error === undefined ? "" : `${error.error}: `}${error.message}${at}`
}

const wabaLabel = (waba: { readonly id: string; readonly name?: string | undefined }) =>
  waba.name === undefined ? waba.id : `${waba.id} (${waba.name})`

const renderDetail = (flow: WoztellFlows.FlowDetail): string =>
  Render.fields([
    ["flow id", flow.id],
    ["name", flow.name],
    ["status", flow.status],
    ["categories", flow.categories.join(", ")],
    ["JSON version", flow.jsonVersion],
    ...previewRows(flow.preview),
    ["WABA", flow.waba === undefined ? undefined : wabaLabel(flow.waba)],
    ["application", flow.application?.name],
    ["validation", flow.validationErrors.length === 0 ? "no errors" : `${flow.validationErrors.length} error(s)`],
    ...flow.validationErrors.map((error) => ["  error", renderValidationError(error)] as const)
  ])

const renderScreens = (payload: WoztellFlows.FlowScreenPayload): string => {
  const table = Render.fields([["first screen", payload.id], ...payload.screens.flatMap(renderScreen)])
  return table.length === 0 ? "(no screens)" : table
}

const renderJsonResult = (flowId: string) => (result: WoztellFlows.FlowJsonResult): string =>
  result.validationErrors.length === 0
    ? `Flow JSON of ${flowId} saved: no validation errors, ready to publish.`
    : [
      `Flow JSON of ${flowId} saved with ${result.validationErrors.length} validation error(s); publishing needs none:`,
      ...result.validationErrors.map((error) => `  - ${renderValidationError(error)}`)
    ].join("\n")

const list = Command.make(
  "list",
  {
    ...GlobalOptions.options,
    pageSize: Options.integer("page-size").pipe(
      Options.withDescription("How many flows to fetch per page (1 to 100, default 25)."),
      Options.optional
    )
  },
  (config) =>
    Extension.run(extension, config, "flows.list", ({ WoztellFlows }) =>
      Effect.gen(function* () {
        const request = yield* Extension.input(WoztellFlows.ListRequest, origin("list"))(
          compact({ pageSize: Extension.optional(config.pageSize) })
        )
        yield* Extension.table(
          WoztellFlows.list(request),
          WoztellFlows.FlowSummary,
          Render.columns<WoztellFlows.FlowSummary>([
            { title: "FLOW ID", width: 18, value: (flow) => flow.id },
            { title: "STATUS", width: 10, value: (flow) => flow.status ?? "" },
            { title: "SCREENS", width: 7, value: (flow) => String(flow.screens.length) },
            { title: "LABEL", width: 0, value: (flow) => flow.label ?? "" }
          ]),
          "(no flows)"
        )
      }))
).pipe(Command.withDescription("List the flows, page by page as they arrive (under --json: one flow per line)."))

const get = Command.make("get", { ...GlobalOptions.options, flowId }, (config) =>
  Extension.run(extension, config, "flows.get", ({ WoztellFlows }) =>
    Effect.gen(function* () {
      const request = yield* Extension.input(WoztellFlows.FlowRef, origin("detail"))({ flowId: config.flowId })
      const flow = yield* WoztellFlows.detail(request)
      yield* Output.value(WoztellFlows.FlowDetail, flow, renderDetail)
    }))).pipe(
    Command.withDescription("Show a flow: name, status, categories, JSON version, preview link and validation errors.")
  )

const preview = Command.make("preview", { ...GlobalOptions.options, flowId }, (config) =>
  Extension.run(extension, config, "flows.preview", ({ WoztellFlows }) =>
    Effect.gen(function* () {
      const request = yield* Extension.input(WoztellFlows.FlowRef, origin("preview"))({ flowId: config.flowId })
      const link = yield* WoztellFlows.preview(request)
      yield* Output.value(WoztellFlows.FlowPreview, link, (value) => Render.fields(previewRows(value)))
    }))).pipe(Command.withDescription("Print a link to preview the flow, and when the link expires."))

const screens = Command.make("screens", { ...GlobalOptions.options, flowId }, (config) =>
  Extension.run(extension, config, "flows.screens", ({ WoztellFlows }) =>
    Effect.gen(function* () {
      const request = yield* Extension.input(WoztellFlows.FlowRef, origin("screenPayload"))({ flowId: config.flowId })
      const payload = yield* WoztellFlows.screenPayload(request)
      yield* Output.value(WoztellFlows.FlowScreenPayload, payload, renderScreens)
    }))).pipe(Command.withDescription("Show the flow's screens and the example data of each (its screen payload)."))

const create = Command.make(
  "create",
  {
    ...GlobalOptions.options,
    name: Options.text("name").pipe(Options.withDescription("The new flow's name.")),
    categories: Options.text("category").pipe(
      Options.withDescription(`A category of the flow (repeatable, at least one): ${categoryChoices}.`),
      Options.repeated
    ),
    cloneFlowId: Options.text("clone-flow-id").pipe(
      Options.withDescription("Start from a copy of this flow (its JSON and screens)."),
      Options.optional
    ),
    endpointUrl
  },
  (config) =>
    Extension.run(extension, config, "flows.create", ({ WoztellFlows }) =>
      Effect.gen(function* () {
        const request = yield* Extension.input(WoztellFlows.CreateRequest, origin("create"))(
          compact({
            name: config.name,
            categories: config.categories,
            cloneFlowId: Extension.optional(config.cloneFlowId),
            endpointUrl: Extension.optional(config.endpointUrl)
          })
        )
        const id = yield* WoztellFlows.create(request)
        yield* Output.value(CreatedFlow, { id }, (created) => Render.fields([["flow id", created.id], ["status", "DRAFT"]]))
      }))
).pipe(Command.withDescription("Create a flow (a draft), or clone one with --clone-flow-id; prints its id."))

const update = Command.make(
  "update",
  {
    ...GlobalOptions.options,
    flowId,
    name: Options.text("name").pipe(Options.withDescription("The flow's new name."), Options.optional),
    categories: Options.text("category").pipe(
      Options.withDescription(`The flow's new categories (repeatable; replaces them all): ${categoryChoices}.`),
      Options.repeated
    ),
    endpointUrl
  },
  (config) =>
    Extension.run(extension, config, "flows.update", ({ WoztellFlows }) =>
      Effect.gen(function* () {
        const request = yield* Extension.input(WoztellFlows.UpdateMetadataRequest, origin("updateMetadata"))(
          compact({
            flowId: config.flowId,
            name: Extension.optional(config.name),
            categories: Extension.nonEmpty(config.categories),
            endpointUrl: Extension.optional(config.endpointUrl)
          })
        )
        yield* WoztellFlows.updateMetadata(request)
        yield* Output.text(`Flow ${request.flowId} updated.`)
      }))
).pipe(Command.withDescription("Change a flow's name, categories or endpoint URL (at least one)."))

const setJson = Command.make(
  "set-json",
  {
    ...GlobalOptions.options,
    flowId,
    file: Options.fileText("file").pipe(
      Options.withDescription(
        "A JSON file holding the flow JSON, as WhatsApp Manager's flow builder shows it: " +
          "{ \"version\": \"3.1\", \"screens\": [ … ] }."
      )
    )
  },
  (config) =>
    Extension.run(extension, config, "flows.set-json", ({ WoztellFlows }) =>
      Effect.gen(function* () {
        const json = yield* Extension.jsonObject(config.file, "json", origin("updateJson"))
        const request = yield* Extension.input(WoztellFlows.UpdateJsonRequest, origin("updateJson"))({
          flowId: config.flowId,
          json
        })
        const result = yield* WoztellFlows.updateJson(request)
        yield* Output.value(WoztellFlows.FlowJsonResult, result, renderJsonResult(request.flowId))
      }))
).pipe(
  Command.withDescription(
    "Replace a draft flow's JSON from a file; prints the validation errors Meta found " +
      "(the JSON is saved either way; publishing needs none)."
  )
)

const action = (operation: "delete" | "publish" | "deprecate", done: string, description: string) =>
  Command.make(operation, { ...GlobalOptions.options, flowId }, (config) =>
    Extension.run(extension, config, `flows.${operation}`, ({ WoztellFlows }) =>
      Effect.gen(function* () {
        const request = yield* Extension.input(WoztellFlows.FlowRef, origin(operation))({ flowId: config.flowId })
        yield* (operation === "delete"
          ? WoztellFlows.remove(request)
          : operation === "publish"
          ? WoztellFlows.publish(request)
          : WoztellFlows.deprecate(request))
        yield* Output.text(`Flow ${request.flowId} ${done}.`)
      }))).pipe(Command.withDescription(description))

/**
 * `wa-admin flows …` (WOZTELL only).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "flows",
  {},
  groupHandler(
    "flows",
    ["list", "get", "preview", "screens", "create", "update", "set-json", "delete", "publish", "deprecate"]
  )
).pipe(
  Command.withDescription(
    "WOZTELL only: WhatsApp Flows — list, inspect, create, edit, publish and deprecate them " +
      "(other providers answer Unsupported, exit 10)."
  ),
  Command.withSubcommands([
    list,
    get,
    preview,
    screens,
    create,
    update,
    setJson,
    action("delete", "deleted", "Delete a draft flow."),
    action("publish", "published", "Publish a draft flow whose JSON has no validation errors."),
    action("deprecate", "deprecated", "Deprecate a published flow (it can no longer be sent).")
  ])
)
