/**
 * What `wa-admin flows …` does once its flags are parsed (loaded when one of them runs; the
 * WOZTELL adapter is loaded only when the chosen provider is WOZTELL).
 *
 * @since 0.1.0
 */
import { WoztellAdmin, WoztellFlows, WoztellProvider } from "@wa-admin/woztell"
import { DateTime, Effect, Schema } from "effect"
import type * as Flows from "../commands/Flows.js"
import * as Extension from "../internal/extension.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { compact } from "./internal.js"

const extension = Extension.make({
  provider: WoztellProvider,
  module: { WoztellFlows },
  layer: WoztellAdmin.layerConfig
})

const origin = (operation: string) => ({ provider: "woztell", operation: `flows.${operation}` })

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

/**
 * `wa-admin flows list`
 *
 * @since 0.1.0
 * @category programs
 */
export const list = (config: Flows.List) =>
  Extension.run(extension, config, "flows.list", ({ WoztellFlows }) =>
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
    }))

/**
 * `wa-admin flows get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = (config: Flows.ByFlow) =>
  Extension.run(extension, config, "flows.get", ({ WoztellFlows }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(WoztellFlows.FlowRef, origin("detail"))({ flowId: config.flowId })
      const flow = yield* WoztellFlows.detail(request)
      yield* Output.value(WoztellFlows.FlowDetail, flow, renderDetail)
    }))

/**
 * `wa-admin flows preview`
 *
 * @since 0.1.0
 * @category programs
 */
export const preview = (config: Flows.ByFlow) =>
  Extension.run(extension, config, "flows.preview", ({ WoztellFlows }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(WoztellFlows.FlowRef, origin("preview"))({ flowId: config.flowId })
      const link = yield* WoztellFlows.preview(request)
      yield* Output.value(WoztellFlows.FlowPreview, link, (value) => Render.fields(previewRows(value)))
    }))

/**
 * `wa-admin flows screens`
 *
 * @since 0.1.0
 * @category programs
 */
export const screens = (config: Flows.ByFlow) =>
  Extension.run(extension, config, "flows.screens", ({ WoztellFlows }) =>
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
export const create = (config: Flows.Create) =>
  Extension.run(extension, config, "flows.create", ({ WoztellFlows }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(WoztellFlows.CreateRequest, origin("create"))(
        compact({
          name: config.name,
          categories: config.categories,
          cloneFlowId: Extension.optional(config.cloneFlowId),
          endpointUrl: Extension.optional(config.endpointUrl)
        })
      )
      const id = yield* WoztellFlows.create(request)
      yield* Output.value(
        CreatedFlow,
        { id },
        (created) => Render.fields([["flow id", created.id], ["status", "DRAFT"]])
      )
    }))

/**
 * `wa-admin flows update`
 *
 * @since 0.1.0
 * @category programs
 */
export const update = (config: Flows.Update) =>
  Extension.run(extension, config, "flows.update", ({ WoztellFlows }) =>
    Effect.gen(function*() {
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

/**
 * `wa-admin flows set-json`
 *
 * @since 0.1.0
 * @category programs
 */
export const setJson = (config: Flows.SetJson) =>
  Extension.run(extension, config, "flows.set-json", ({ WoztellFlows }) =>
    Effect.gen(function*() {
      const json = yield* Extension.jsonObject(config.file, "json", origin("updateJson"))
      const request = yield* Extension.input(WoztellFlows.UpdateJsonRequest, origin("updateJson"))({
        flowId: config.flowId,
        json
      })
      const result = yield* WoztellFlows.updateJson(request)
      yield* Output.value(WoztellFlows.FlowJsonResult, result, renderJsonResult(request.flowId))
    }))

/**
 * `wa-admin flows delete|publish|deprecate`; `done` completes the confirmation ("Flow … deleted.").
 *
 * @since 0.1.0
 * @category programs
 */
export const action = (operation: "delete" | "publish" | "deprecate", done: string) => (config: Flows.ByFlow) =>
  Extension.run(extension, config, `flows.${operation}`, ({ WoztellFlows }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(WoztellFlows.FlowRef, origin(operation))({ flowId: config.flowId })
      yield* (operation === "delete"
        ? WoztellFlows.remove(request)
        : operation === "publish"
        ? WoztellFlows.publish(request)
        : WoztellFlows.deprecate(request))
      yield* Output.text(`Flow ${request.flowId} ${done}.`)
    }))
