/**
 * What `wa-admin flows …` does once its flags are parsed (loaded when one of them runs): WOZTELL's
 * flows (`WoztellFlows`) or Meta's (`MetaFlows`), by the provider chosen. The shapes of the two
 * are the same (Meta's document is the source of both), so each command prints them alike.
 *
 * @since 0.1.0
 */
import { Flow } from "@wa-admin/core"
import { MetaFlows, MetaProvider } from "@wa-admin/meta"
import { WoztellFlows, WoztellProvider } from "@wa-admin/woztell"
import { DateTime, Effect, Schema } from "effect"
import type * as Flows from "../commands/Flows.js"
import type * as GlobalOptions from "../GlobalOptions.js"
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

const previewRows = (preview: Flow.FlowPreview | undefined) =>
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

const renderValidationError = (error: Flow.FlowValidationError): string => {
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

const renderJsonResult = (flowId: string) => (result: Flow.FlowJsonResult): string =>
  result.validationErrors.length === 0
    ? `Flow JSON of ${flowId} saved: no validation errors, ready to publish.`
    : [
      `Flow JSON of ${flowId} saved with ${result.validationErrors.length} validation error(s); publishing needs none:`,
      ...result.validationErrors.map((error) => `  - ${renderValidationError(error)}`)
    ].join("\n")

type ServicesOf<X> = X extends Extension.Extension<infer _Module, infer Services> ? Services : never

/**
 * `flows <name>` on WOZTELL or on Meta, whichever `--provider` chooses: each provider's program
 * with its module.
 */
const onEither = <EW extends Output.Failure, RW, EM extends Output.Failure, RM>(
  config: GlobalOptions.Globals,
  name: string,
  onWoztell: (module: typeof woztell.module) => Effect.Effect<void, EW, RW>,
  onMeta: (module: typeof meta.module) => Effect.Effect<void, EM, RM>
) => {
  const variants: ReadonlyArray<
    Extension.Variant<EW | EM, Exclude<RW, ServicesOf<typeof woztell>> | Exclude<RM, ServicesOf<typeof meta>>>
  > = [Extension.variant(woztell, onWoztell), Extension.variant(meta, onMeta)]
  return Extension.runAmong(variants, config, `flows.${name}`)
}

/** The flow `request` names, `done` (`Flow 123 updated.`). */
const flowDone = <E, R>(effect: Effect.Effect<unknown, E, R>, request: { readonly flowId: string }, done: string) =>
  Extension.done(effect, `Flow ${request.flowId} ${done}.`)

/**
 * `wa-admin flows list`
 *
 * @since 0.1.0
 * @category programs
 */
export const list = (config: Flows.Flags["list"]) => {
  const raw = compact({ pageSize: Extension.optional(config.pageSize) })
  return onEither(
    config,
    "list",
    ({ WoztellFlows }) =>
      Extension.requested(WoztellFlows.ListRequest, origin("list"), raw, (request) =>
        Extension.table(
          WoztellFlows.list(request),
          WoztellFlows.FlowSummary,
          Render.columns<WoztellFlows.FlowSummary>([
            { title: "FLOW ID", width: 18, value: (flow) => flow.id },
            { title: "STATUS", width: 10, value: (flow) => flow.status ?? "" },
            { title: "SCREENS", width: 7, value: (flow) => String(flow.screens.length) },
            { title: "LABEL", width: 0, value: (flow) => flow.label ?? "" }
          ]),
          "(no flows)"
        )),
    ({ MetaFlows }) =>
      Extension.requested(
        MetaFlows.ListRequest,
        metaOrigin("list"),
        raw,
        (request) =>
          Effect.flatMap(MetaFlows.MetaFlows, (flows) =>
            Extension.table(
              flows.list(request),
              MetaFlows.FlowDetail,
              Render.columns<MetaFlows.FlowDetail>([
                { title: "FLOW ID", width: 18, value: (flow) => flow.id },
                { title: "STATUS", width: 10, value: (flow) => flow.status },
                { title: "ERRORS", width: 7, value: (flow) => String(flow.validationErrors.length) },
                { title: "NAME", width: 0, value: (flow) => flow.name }
              ]),
              "(no flows)"
            ))
      )
  )
}

/**
 * `wa-admin flows get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = (config: Flows.Flags["get"]) =>
  onEither(
    config,
    "get",
    ({ WoztellFlows }) =>
      Extension.requested(WoztellFlows.FlowRef, origin("detail"), { flowId: config.flowId }, (request) =>
        Extension.shown(WoztellFlows.detail(request), WoztellFlows.FlowDetail, renderDetail)),
    ({ MetaFlows }) =>
      Extension.requested(MetaFlows.FlowRef, metaOrigin("get"), { flowId: config.flowId }, (request) =>
        Extension.shown(MetaFlows.get(request), MetaFlows.FlowDetail, renderDetail))
  )

const renderPreview = (preview: Flow.FlowPreview) => Render.fields(previewRows(preview))

/**
 * `wa-admin flows preview`
 *
 * @since 0.1.0
 * @category programs
 */
export const preview = (config: Flows.Flags["get"]) =>
  onEither(
    config,
    "preview",
    ({ WoztellFlows }) =>
      Extension.requested(WoztellFlows.FlowRef, origin("preview"), { flowId: config.flowId }, (request) =>
        Extension.shown(WoztellFlows.preview(request), Flow.FlowPreview, renderPreview)),
    ({ MetaFlows }) =>
      Extension.requested(MetaFlows.PreviewRequest, metaOrigin("preview"), { flowId: config.flowId }, (request) =>
        Extension.shown(
          Effect.flatMap(MetaFlows.MetaFlows, (flows) =>
            flows.preview(request)),
          Flow.FlowPreview,
          renderPreview
        ))
  )

/**
 * `wa-admin flows screens`
 *
 * @since 0.1.0
 * @category programs
 */
export const screens = (config: Flows.Flags["get"]) =>
  Extension.run(
    woztell,
    config,
    "flows.screens",
    ({ WoztellFlows }) =>
      Extension.requested(WoztellFlows.FlowRef, origin("screenPayload"), { flowId: config.flowId }, (request) =>
        Extension.shown(WoztellFlows.screenPayload(request), WoztellFlows.FlowScreenPayload, renderScreens))
  )

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
  const created = <E, R>(id: Effect.Effect<string, E, R>) =>
    Extension.shown(
      Effect.map(id, (id) => ({ id })),
      CreatedFlow,
      (flow) => Render.fields([["flow id", flow.id], ["status", "DRAFT"]])
    )
  return onEither(
    config,
    "create",
    ({ WoztellFlows }) =>
      Extension.requested(
        WoztellFlows.CreateRequest,
        origin("create"),
        raw,
        (request) => created(WoztellFlows.create(request))
      ),
    ({ MetaFlows }) =>
      Extension.requested(
        MetaFlows.CreateRequest,
        metaOrigin("create"),
        raw,
        (request) => created(Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.create(request)))
      )
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
  return onEither(
    config,
    "update",
    ({ WoztellFlows }) =>
      Extension.requested(
        WoztellFlows.UpdateMetadataRequest,
        origin("updateMetadata"),
        raw,
        (request) => flowDone(WoztellFlows.updateMetadata(request), request, "updated")
      ),
    ({ MetaFlows }) =>
      Extension.requested(
        MetaFlows.UpdateMetadataRequest,
        metaOrigin("updateMetadata"),
        raw,
        (request) =>
          flowDone(Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.updateMetadata(request)), request, "updated")
      )
  )
}

/**
 * `wa-admin flows set-json`
 *
 * @since 0.1.0
 * @category programs
 */
export const setJson = (config: Flows.Flags["set-json"]) =>
  onEither(
    config,
    "set-json",
    ({ WoztellFlows }) =>
      Effect.flatMap(Extension.jsonObject(config.file, "json", origin("updateJson")), (json) =>
        Extension.requested(WoztellFlows.UpdateJsonRequest, origin("updateJson"), { flowId: config.flowId, json }, (
          request
        ) =>
          Extension.shown(
            WoztellFlows.updateJson(request),
            Flow.FlowJsonResult,
            renderJsonResult(request.flowId)
          ))),
    ({ MetaFlows }) =>
      // Meta takes the file as it is (its validation errors point at its lines), once it holds a JSON object.
      Effect.zipRight(
        Extension.jsonObject(config.file, "json", metaOrigin("updateJson")),
        Extension.requested(
          MetaFlows.UpdateJsonRequest,
          metaOrigin("updateJson"),
          { flowId: config.flowId, json: config.file[1] },
          (request) =>
            Extension.shown(
              Effect.flatMap(MetaFlows.MetaFlows, (flows) =>
                flows.updateJson(request)),
              Flow.FlowJsonResult,
              renderJsonResult(request.flowId)
            )
        )
      )
  )

/**
 * `wa-admin flows delete|publish|deprecate`; `done` completes the confirmation ("Flow … deleted.").
 *
 * @since 0.1.0
 * @category programs
 */
export const action = (operation: "delete" | "publish" | "deprecate", done: string) => (config: Flows.Flags["get"]) =>
  onEither(
    config,
    operation,
    ({ WoztellFlows }) =>
      Extension.requested(WoztellFlows.FlowRef, origin(operation), { flowId: config.flowId }, (request) =>
        flowDone(
          operation === "delete"
            ? WoztellFlows.remove(request)
            : operation === "publish"
            ? WoztellFlows.publish(request)
            : WoztellFlows.deprecate(request),
          request,
          done
        )),
    ({ MetaFlows }) =>
      Extension.requested(
        MetaFlows.FlowRef,
        metaOrigin(operation),
        { flowId: config.flowId },
        (request) => flowDone(Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows[operation](request)), request, done)
      )
  )

/**
 * `wa-admin flows migrate` (Meta)
 *
 * @since 0.2.0
 * @category programs
 */
export const migrate = (config: Flows.Flags["migrate"]) =>
  Extension.run(meta, config, "flows.migrate", ({ MetaFlows }) =>
    Extension.requested(
      MetaFlows.MigrateRequest,
      metaOrigin("migrate"),
      compact({
        wabaId: Extension.optional(config.wabaId),
        sourceWabaId: config.sourceWabaId,
        names: Extension.nonEmpty(config.names)
      }),
      (request) =>
        Extension.shown(
          Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.migrate(request)),
          MetaFlows.FlowMigration,
          (done) =>
            [
              `${done.migrated.length} copied, ${done.failed.length} not copied`,
              ...done.migrated.map((flow) => `  copied      ${flow.sourceName}  ${flow.sourceId} → ${flow.migratedId}`),
              ...done.failed.map((flow) =>
                `  not copied  ${flow.sourceName}${flow.errorMessage === undefined ? "" : `: ${flow.errorMessage}`}${
                  flow.errorCode === undefined ? "" : ` (${flow.errorCode})`
                }`
              )
            ].join("\n")
        )
    ))
