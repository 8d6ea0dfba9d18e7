/**
 * `wa-admin flows …` — WhatsApp Flows on WOZTELL (the `WoztellFlows` extension) or Meta
 * (`MetaFlows`): list, inspect, preview, show screens (WOZTELL), create or clone, update
 * metadata, replace the flow JSON, copy from another WABA (Meta), delete, publish and deprecate.
 * Any other provider answers `Unsupported`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { fileLimits, fileText, lazy } from "./internal.js"

const programs = lazy(() => import("../programs/Flows.js"))

const categoryChoices =
  "SIGN_UP, SIGN_IN, APPOINTMENT_BOOKING, LEAD_GENERATION, CONTACT_US, CUSTOMER_SUPPORT, SURVEY, OTHER"

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

const listFlags = {
  ...GlobalOptions.options,
  pageSize: Options.integer("page-size").pipe(
    Options.withDescription("How many flows to fetch per page (1 to 100, default 25)."),
    Options.optional
  )
}

/** The flags of `flows list`, parsed. */
export type List = Command.Command.ParseConfig<typeof listFlags>

const list = Command.make("list", listFlags, programs((flows) => flows.list)).pipe(
  Command.withDescription("List the flows, page by page as they arrive. Under --json: one flow per line.")
)

const byFlow = { ...GlobalOptions.options, flowId }

/** The flags of the commands that name one flow (`flows get`, `flows publish` …), parsed. */
export type ByFlow = Command.Command.ParseConfig<typeof byFlow>

const get = Command.make("get", byFlow, programs((flows) => flows.get)).pipe(
  Command.withDescription(
    "Show a flow's status, categories, JSON version and preview link. Its validation errors are listed too."
  )
)

const preview = Command.make("preview", byFlow, programs((flows) => flows.preview)).pipe(
  Command.withDescription("Print a link to preview the flow, and when the link expires.")
)

const screens = Command.make("screens", byFlow, programs((flows) => flows.screens)).pipe(
  Command.withDescription("Show the flow's screens and each one's example data (its screen payload).")
)

const createFlags = {
  ...GlobalOptions.options,
  name: Options.text("name").pipe(Options.withPseudoName("name"), Options.withDescription("The new flow's name.")),
  categories: Options.text("category").pipe(
    Options.withPseudoName("category"),
    Options.withDescription(`A category of the flow (repeatable, at least one): ${categoryChoices}.`),
    Options.repeated
  ),
  cloneFlowId: Options.text("clone-flow-id").pipe(
    Options.withDescription("Start from a copy of this flow (its JSON and screens)."),
    Options.optional
  ),
  endpointUrl
}

/** The flags of `flows create`, parsed. */
export type Create = Command.Command.ParseConfig<typeof createFlags>

const create = Command.make("create", createFlags, programs((flows) => flows.create)).pipe(
  Command.withDescription("Create a draft flow, or clone one (--clone-flow-id). Its id is printed.")
)

const updateFlags = {
  ...GlobalOptions.options,
  flowId,
  name: Options.text("name").pipe(
    Options.withPseudoName("name"),
    Options.withDescription("The flow's new name."),
    Options.optional
  ),
  categories: Options.text("category").pipe(
    Options.withPseudoName("category"),
    Options.withDescription(`The flow's new categories (repeatable; replaces them all): ${categoryChoices}.`),
    Options.repeated
  ),
  endpointUrl
}

/** The flags of `flows update`, parsed. */
export type Update = Command.Command.ParseConfig<typeof updateFlags>

const update = Command.make("update", updateFlags, programs((flows) => flows.update)).pipe(
  Command.withDescription("Change a flow's name, categories or endpoint URL (at least one).")
)

const setJsonFlags = {
  ...GlobalOptions.options,
  flowId,
  file: fileText("file", fileLimits.flowJson).pipe(
    Options.withDescription(
      "A JSON file holding the flow JSON, as WhatsApp Manager's flow builder shows it: " +
        "{ \"version\": \"3.1\", \"screens\": [ … ] }."
    )
  )
}

/** The flags of `flows set-json`, parsed. */
export type SetJson = Command.Command.ParseConfig<typeof setJsonFlags>

const setJson = Command.make("set-json", setJsonFlags, programs((flows) => flows.setJson)).pipe(
  Command.withDescription(
    "Replace a draft flow's JSON from a file. Meta's validation errors are printed; the JSON is saved either " +
      "way, and publishing needs none."
  )
)

const migrateFlags = {
  ...GlobalOptions.options,
  sourceWabaId: Options.text("source-waba-id").pipe(
    Options.withPseudoName("id"),
    Options.withDescription("The WABA (of the same business) whose flows to copy.")
  ),
  wabaId: Options.text("waba-id").pipe(
    Options.withPseudoName("id"),
    Options.withDescription("The WABA the copies go to (default: META_WABA_ID)."),
    Options.optional
  ),
  names: Options.text("name").pipe(
    Options.withPseudoName("name"),
    Options.withDescription("A flow to copy, by name (repeatable; default: every flow)."),
    Options.repeated
  )
}

/** The flags of `flows migrate`, parsed. */
export type Migrate = Command.Command.ParseConfig<typeof migrateFlags>

const migrate = Command.make("migrate", migrateFlags, programs((flows) => flows.migrate)).pipe(
  Command.withDescription(
    "Meta: copy flows from another WABA of the business. The copies are drafts with the same names; each " +
      "copy's id is printed, and each flow Meta could not copy with its reason."
  )
)

const action = (operation: "delete" | "publish" | "deprecate", done: string, description: string) =>
  Command.make(operation, byFlow, programs((flows) => flows.action(operation, done))).pipe(
    Command.withDescription(description)
  )

/**
 * `wa-admin flows …` (WOZTELL and Meta).
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("flows").pipe(
  Command.withDescription(
    "WOZTELL and Meta: WhatsApp Flows — list, inspect, create, edit, publish and deprecate them. Other providers " +
      "answer Unsupported (exit 10)."
  ),
  Command.withSubcommands([
    list,
    get,
    preview,
    screens,
    create,
    update,
    setJson,
    migrate,
    action("delete", "deleted", "Delete a draft flow."),
    action("publish", "published", "Publish a draft flow whose JSON has no validation errors."),
    action("deprecate", "deprecated", "Deprecate a published flow (it can no longer be sent).")
  ])
)
