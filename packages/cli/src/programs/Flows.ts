/**
 * What `wa-admin flows …` does once its flags are parsed (loaded when one of them runs): WOZTELL's
 * flows (`WoztellFlows`) or Meta's (`MetaFlows`), by the provider chosen. The shapes of the two
 * are the same (Meta's document is the source of both), so each command prints them alike.
 *
 * @since 0.1.0
 */
import { MetaFlows, MetaProvider } from "@wa-admin/meta"
import { WoztellFlows, WoztellProvider } from "@wa-admin/woztell"
import { DateTime, Effect, Schema } from "effect"
import type * as Flows from "../commands/Flows.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import * as WoztellLayer from "../internal/woztell.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { compact } from "./internal.js"

const woztell = Extension.make({
  provider: WoztellProvider,
  module: { WoztellFlows },
  layer: WoztellLayer.layer
})

const meta = Extension.make({ provider: MetaProvider, module: { MetaFlows }, layer: MetaLayer.layer })

const origin = (operation: string, provider = "woztell") => ({ provider, operation: `flows.${operation}` })

const metaOrigin = (operation: string) => origin(operation, "meta")

/**
 * The JSON form of `flows create`: the new flow's id.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreatedFlow = Schema.Struct({ id: Schema.String })

const instant = (value: DateTime.Utc | undefined) => (value === undefined ? undefined : DateTime.formatIso(value))

const previewRows = (preview: WoztellFlows.FlowPreview | MetaFlows.FlowPreview | undefined) =>
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

const renderValidationError = (error: WoztellFlows.FlowValidationError | MetaFlows.FlowValidationError): string => {
  const at = error.lineStart === undefined
    ? ""
    : ` (line ${error.lineStart}${error.columnStart === undefined ? "" : `, column ${error.columnStart}`})`
  return `${error.error === undefined ? "" : `${error.error}: `}${error.message}${at}`
}

const wabaLabel = (waba: { readonly id: string; readonly name?: string | undefined }) =>
  waba.name === undefined ? waba.id : `${waba.id} (${waba.name})`

const renderDetail = (flow: WoztellFlows.FlowDetail | MetaFlows.FlowDetail): string =>
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

const renderJsonResult = (flowId: string) => (result: WoztellFlows.FlowJsonResult | MetaFlows.FlowJsonResult): string =>
  result.validationErrors.length === 0
    ? `Flow JSON of ${flowId} saved: no validation errors, ready to publish.`
    : [
      `Flow JSON of ${flowId} saved with ${result.validationErrors.length} validation error(s); publishing needs none:`,
      ...result.validationErrors.map((error) => `  - ${renderValidationError(error)}`)
    ].join("\n")

/**
 * `wa-admin flows list`
 *
 * @since 0.1.0
 * @category programs
 */
export const list = (config: Flows.Flags["list"]) =>
  Extension.runAmong(
    [
      Extension.variant(woztell, ({ WoztellFlows }) =>
        Effect.gen(function*() {
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
        })),
      Extension.variant(meta, ({ MetaFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(MetaFlows.ListRequest, metaOrigin("list"))(
            compact({ pageSize: Extension.optional(config.pageSize) })
          )
          const flows = yield* MetaFlows.MetaFlows
          yield* Extension.table(
            flows.list(request),
            MetaFlows.FlowDetail,
            Render.columns<MetaFlows.FlowDetail>([
              { title: "FLOW ID", width: 18, value: (flow) => flow.id },
              { title: "STATUS", width: 10, value: (flow) => flow.status },
              { title: "ERRORS", width: 7, value: (flow) => String(flow.validationErrors.length) },
              { title: "NAME", width: 0, value: (flow) => flow.name }
            ]),
            "(no flows)"
          )
        }))
    ],
    config,
    "flows.list"
  )

/**
 * `wa-admin flows get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = (config: Flows.Flags["get"]) =>
  Extension.runAmong(
    [
      Extension.variant(woztell, ({ WoztellFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(WoztellFlows.FlowRef, origin("detail"))({ flowId: config.flowId })
          const flow = yield* WoztellFlows.detail(request)
          yield* Output.value(WoztellFlows.FlowDetail, flow, renderDetail)
        })),
      Extension.variant(meta, ({ MetaFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(MetaFlows.FlowRef, metaOrigin("get"))({ flowId: config.flowId })
          const flow = yield* MetaFlows.get(request)
          yield* Output.value(MetaFlows.FlowDetail, flow, renderDetail)
        }))
    ],
    config,
    "flows.get"
  )

/**
 * `wa-admin flows preview`
 *
 * @since 0.1.0
 * @category programs
 */
export const preview = (config: Flows.Flags["get"]) =>
  Extension.runAmong(
    [
      Extension.variant(woztell, ({ WoztellFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(WoztellFlows.FlowRef, origin("preview"))({ flowId: config.flowId })
          const link = yield* WoztellFlows.preview(request)
          yield* Output.value(WoztellFlows.FlowPreview, link, (value) => Render.fields(previewRows(value)))
        })),
      Extension.variant(meta, ({ MetaFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(MetaFlows.PreviewRequest, metaOrigin("preview"))({
            flowId: config.flowId
          })
          const link = yield* Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.preview(request))
          yield* Output.value(MetaFlows.FlowPreview, link, (value) => Render.fields(previewRows(value)))
        }))
    ],
    config,
    "flows.preview"
  )

/**
 * `wa-admin flows screens`
 *
 * @since 0.1.0
 * @category programs
 */
export const screens = (config: Flows.Flags["get"]) =>
  Extension.run(woztell, config, "flows.screens", ({ WoztellFlows }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(WoztellFlows.FlowRef, origin("screenPayload"))({ flowId: config.flowId })
      const payload = yield* WoztellFlows.screenPayload(request)
      yield* Output.value(WoztellFlows.FlowScreenPayload, payload, renderScreens)
    }))

/**
 * `wa-admin flows create`
 *
 * @since 0.1.0
 * @category programs
 */
export const create = (config: Flows.Flags["create"]) => {
  const raw = compact({
    name: config.name,
    categories: config.categories,
    cloneFlowId: Extension.optional(config.cloneFlowId),
    endpointUrl: Extension.optional(config.endpointUrl)
  })
  const created = (id: string) =>
    Output.value(CreatedFlow, { id }, (flow) => Render.fields([["flow id", flow.id], ["status", "DRAFT"]]))
  return Extension.runAmong(
    [
      Extension.variant(woztell, ({ WoztellFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(WoztellFlows.CreateRequest, origin("create"))(raw)
          yield* created(yield* WoztellFlows.create(request))
        })),
      Extension.variant(meta, ({ MetaFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(MetaFlows.CreateRequest, metaOrigin("create"))(raw)
          yield* created(yield* Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.create(request)))
        }))
    ],
    config,
    "flows.create"
  )
}

/**
 * `wa-admin flows update`
 *
 * @since 0.1.0
 * @category programs
 */
export const update = (config: Flows.Flags["update"]) => {
  const raw = compact({
    flowId: config.flowId,
    name: Extension.optional(config.name),
    categories: Extension.nonEmpty(config.categories),
    endpointUrl: Extension.optional(config.endpointUrl)
  })
  return Extension.runAmong(
    [
      Extension.variant(woztell, ({ WoztellFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(WoztellFlows.UpdateMetadataRequest, origin("updateMetadata"))(raw)
          yield* WoztellFlows.updateMetadata(request)
          yield* Output.text(`Flow ${request.flowId} updated.`)
        })),
      Extension.variant(meta, ({ MetaFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(MetaFlows.UpdateMetadataRequest, metaOrigin("updateMetadata"))(raw)
          yield* Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.updateMetadata(request))
          yield* Output.text(`Flow ${request.flowId} updated.`)
        }))
    ],
    config,
    "flows.update"
  )
}

/**
 * `wa-admin flows set-json`
 *
 * @since 0.1.0
 * @category programs
 */
export const setJson = (config: Flows.Flags["set-json"]) =>
  Extension.runAmong(
    [
      Extension.variant(woztell, ({ WoztellFlows }) =>
        Effect.gen(function*() {
          const json = yield* Extension.jsonObject(config.file, "json", origin("updateJson"))
          const request = yield* Extension.input(WoztellFlows.UpdateJsonRequest, origin("updateJson"))({
            flowId: config.flowId,
            json
          })
          const result = yield* WoztellFlows.updateJson(request)
          yield* Output.value(WoztellFlows.FlowJsonResult, result, renderJsonResult(request.flowId))
        })),
      Extension.variant(meta, ({ MetaFlows }) =>
        Effect.gen(function*() {
          // Meta takes the file as it is (its validation errors point at its lines), once it holds a JSON object.
          yield* Extension.jsonObject(config.file, "json", metaOrigin("updateJson"))
          const request = yield* Extension.input(MetaFlows.UpdateJsonRequest, metaOrigin("updateJson"))({
            flowId: config.flowId,
            json: config.file[1]
          })
          const result = yield* Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.updateJson(request))
          yield* Output.value(MetaFlows.FlowJsonResult, result, renderJsonResult(request.flowId))
        }))
    ],
    config,
    "flows.set-json"
  )

/**
 * `wa-admin flows delete|publish|deprecate`; `done` completes the confirmation ("Flow … deleted.").
 *
 * @since 0.1.0
 * @category programs
 */
export const action = (operation: "delete" | "publish" | "deprecate", done: string) => (config: Flows.Flags["get"]) =>
  Extension.runAmong(
    [
      Extension.variant(woztell, ({ WoztellFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(WoztellFlows.FlowRef, origin(operation))({ flowId: config.flowId })
          yield* (operation === "delete"
            ? WoztellFlows.remove(request)
            : operation === "publish"
            ? WoztellFlows.publish(request)
            : WoztellFlows.deprecate(request))
          yield* Output.text(`Flow ${request.flowId} ${done}.`)
        })),
      Extension.variant(meta, ({ MetaFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(MetaFlows.FlowRef, metaOrigin(operation))({ flowId: config.flowId })
          yield* Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows[operation](request))
          yield* Output.text(`Flow ${request.flowId} ${done}.`)
        }))
    ],
    config,
    `flows.${operation}`
  )

/**
 * `wa-admin flows migrate` (Meta)
 *
 * @since 0.2.0
 * @category programs
 */
export const migrate = (config: Flows.Flags["migrate"]) =>
  Extension.run(meta, config, "flows.migrate", ({ MetaFlows }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaFlows.MigrateRequest, metaOrigin("migrate"))(
        compact({
          wabaId: Extension.optional(config.wabaId),
          sourceWabaId: config.sourceWabaId,
          names: Extension.nonEmpty(config.names)
        })
      )
      const migration = yield* Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.migrate(request))
      yield* Output.value(MetaFlows.FlowMigration, migration, (done) =>
        [
          `${done.migrated.length} copied, ${done.failed.length} not copied`,
          ...done.migrated.map((flow) => `  copied      ${flow.sourceName}  ${flow.sourceId} → ${flow.migratedId}`),
          ...done.failed.map((flow) =>
            `  not copied  ${flow.sourceName}${flow.errorMessage === undefined ? "" : `: ${flow.errorMessage}`}${
              flow.errorCode === undefined ? "" : ` (${flow.errorCode})`
            }`
          )
        ].join("\n"))
    }))
