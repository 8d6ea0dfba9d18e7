/**
 * `wa-admin flows …` — WhatsApp Flows on WOZTELL (the `WoztellFlows` extension) or Meta
 * (`MetaFlows`): list, inspect, preview, show screens (WOZTELL), create or clone, update
 * metadata, replace the flow JSON, copy from another WABA (Meta), delete, publish and deprecate.
 * Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import type * as Programs from "../programs/Flows.js"
import {
  commandGroup,
  fileLimits,
  fileText,
  type FlagsOf,
  optionalText,
  pageSize,
  repeatedText,
  text
} from "./internal.js"

const categoryChoices =
  "SIGN_UP, SIGN_IN, APPOINTMENT_BOOKING, LEAD_GENERATION, CONTACT_US, CUSTOMER_SUPPORT, SURVEY, OTHER"

const flowId = text("flow-id", "The flow's id (as `flows list` or `flows create` printed it).")

const endpointUrl = optionalText(
  "endpoint-url",
  "The https URL of the flow's data endpoint (leave out for flows whose JSON version is below 3.0).",
  "url"
)

const listFlags = {
  pageSize: pageSize("flows", ", default 25")
}

const byFlow = { flowId }

const createFlags = {
  name: text("name", "The new flow's name.", "name"),
  categories: repeatedText(
    "category",
    `A category of the flow (repeatable, at least one): ${categoryChoices}.`,
    "category"
  ),
  cloneFlowId: optionalText("clone-flow-id", "Start from a copy of this flow (its JSON and screens)."),
  endpointUrl
}

const updateFlags = {
  flowId,
  name: optionalText("name", "The flow's new name.", "name"),
  categories: repeatedText(
    "category",
    `The flow's new categories (repeatable; replaces them all): ${categoryChoices}.`,
    "category"
  ),
  endpointUrl
}

const setJsonFlags = {
  flowId,
  file: fileText("file", fileLimits.flowJson).pipe(
    Options.withDescription(
      "A JSON file holding the flow JSON, as WhatsApp Manager's flow builder shows it: " +
        "{ \"version\": \"3.1\", \"screens\": [ … ] }."
    )
  )
}

const migrateFlags = {
  sourceWabaId: text("source-waba-id", "The WABA (of the same business) whose flows to copy.", "id"),
  wabaId: optionalText("waba-id", "The WABA the copies go to (default: META_WABA_ID).", "id"),
  names: repeatedText("name", "A flow to copy, by name (repeatable; default: every flow).", "name")
}

const flags = {
  list: listFlags,
  get: byFlow,
  preview: byFlow,
  screens: byFlow,
  create: createFlags,
  update: updateFlags,
  "set-json": setJsonFlags,
  migrate: migrateFlags,
  delete: byFlow,
  publish: byFlow,
  deprecate: byFlow
}

/** The flags of each command of the group, parsed (`Flags["get"]`: those of its `get`). */
export type Flags = FlagsOf<typeof flags>

const action = <Operation extends "delete" | "publish" | "deprecate">(
  operation: Operation,
  done: string,
  description: string
) => [operation, (flows: typeof Programs) => flows.action(operation, done), description] as const

/**
 * `wa-admin flows …` (WOZTELL and Meta).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "flows",
  description: "WOZTELL and Meta: WhatsApp Flows — list, inspect, create, edit, publish and deprecate them.",
  extension: true,
  commands: [
    ["list", "List the flows, page by page as they arrive. Under --json: one flow per line."],
    ["get", "Show a flow's status, categories, JSON version and preview link. Its validation errors are listed too."],
    ["preview", "Print a link to preview the flow, and when the link expires."],
    ["screens", "Show the flow's screens and each one's example data (its screen payload)."],
    ["create", "Create a draft flow, or clone one (--clone-flow-id). Its id is printed."],
    ["update", "Change a flow's name, categories or endpoint URL (at least one)."],
    [
      "set-json",
      (flows) => flows.setJson,
      "Replace a draft flow's JSON from a file. Meta's validation errors are printed; the JSON is saved either " +
      "way, and publishing needs none."
    ],
    [
      "migrate",
      "Meta: copy flows from another WABA of the business. The copies are drafts with the same names; each " +
      "copy's id is printed, and each flow Meta could not copy with its reason."
    ],
    action("delete", "deleted", "Delete a draft flow."),
    action("publish", "published", "Publish a draft flow whose JSON has no validation errors."),
    action("deprecate", "deprecated", "Deprecate a published flow (it can no longer be sent).")
  ],
  programs: () => import("../programs/Flows.js"),
  flags
})
