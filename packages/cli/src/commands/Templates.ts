/**
 * `wa-admin templates list|get|create|edit|delete|export|import` — the message template port.
 *
 * A template is given as flags for the common case (`--body`, `--body-example`, `--header-text`,
 * `--footer`, `--quick-reply` …) and/or as a `--file` holding a `TemplateDraft` as JSON; a flag
 * replaces the file's component of the same kind.
 *
 * `export` writes every template of a WABA to a portable, versioned JSON file
 * (`TemplateMigration.TemplateFile`: format `wa-admin/templates`, version 1); `import` is a
 * template migration whose source is such a file (plan, then apply, journaled; see `migrate`).
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as GlobalOptions from "../GlobalOptions.js"
import { fileLimits, fileText, groupHandler, lazy } from "./internal.js"
import * as Migrate from "./Migrate.js"

const programs = lazy(() => import("../programs/Templates.js"))

const optionalText = (name: string, description: string) =>
  Options.text(name).pipe(Options.withDescription(description), Options.optional)

const repeatedText = (name: string, description: string) =>
  Options.text(name).pipe(Options.withDescription(description), Options.repeated)

const wabaId = optionalText(
  "waba-id",
  "The WhatsApp Business Account id (digits); default from the provider's environment, if any."
)
const name = optionalText("name", "The template name: lowercase letters, digits and underscores.")
const language = optionalText("language", "The language code, e.g. en_US, es or pt_BR.")
const requiredName = Options.text("name").pipe(Options.withDescription("The template name."))
const requiredLanguage = Options.text("language").pipe(
  Options.withDescription("The language code of the version, e.g. en_US.")
)

const componentOptions = {
  body: optionalText("body", "The body text, with {{1}}, {{2}} … parameters."),
  bodyExamples: repeatedText(
    "body-example",
    "An example value for the next body parameter (repeatable: one per parameter, in order)."
  ),
  headerText: optionalText("header-text", "A text header (at most 60 characters)."),
  headerFormat: optionalText("header-format", "A media header instead of text: image, video, document or location."),
  headerExample: optionalText("header-example", "An example for a media header (a media URL or handle)."),
  footer: optionalText("footer", "The footer text (at most 60 characters)."),
  quickReplies: repeatedText("quick-reply", "A quick-reply button's text (repeatable)."),
  urlButtons: Options.text("url-button").pipe(
    Options.withPseudoName("text=url"),
    Options.withDescription("A URL button as TEXT=URL (repeatable)."),
    Options.repeated
  ),
  phoneButtons: Options.text("phone-button").pipe(
    Options.withPseudoName("text=+e164"),
    Options.withDescription("A call button as TEXT=+E164 (repeatable)."),
    Options.repeated
  )
} as const

/** The component flags of `templates create` and `templates edit`, parsed. */
export type ComponentFlags = Command.Command.ParseConfig<typeof componentOptions>

const file = fileText("file", fileLimits.templateDraft).pipe(
  Options.withDescription(
    "A JSON file holding the template (a TemplateDraft: name, language, category, components); flags override its fields."
  ),
  Options.optional
)

const listFlags = {
  ...GlobalOptions.options,
  wabaId,
  status: repeatedText("status", "Only these statuses, e.g. APPROVED, PENDING, REJECTED (repeatable)."),
  category: repeatedText("category", "Only these categories, e.g. MARKETING, UTILITY, AUTHENTICATION (repeatable)."),
  language: repeatedText("language", "Only these language codes, e.g. en_US (repeatable)."),
  qualityScore: repeatedText("quality-score", "Only these quality scores: GREEN, YELLOW, RED, UNKNOWN (repeatable)."),
  name: optionalText("name", "Only names containing this text."),
  content: optionalText("content", "Only templates whose content contains this text."),
  pageSize: Options.integer("page-size").pipe(
    Options.withDescription("How many templates to fetch per page (1 to 100)."),
    Options.optional
  )
}

/** The flags of `templates list`, parsed. */
export type List = Command.Command.ParseConfig<typeof listFlags>

const list = Command.make("list", listFlags, programs((templates) => templates.list)).pipe(
  Command.withDescription(
    "List template language versions, page by page as they arrive (under --json: one template per line)."
  )
)

const getFlags = { ...GlobalOptions.options, wabaId, name: requiredName, language: requiredLanguage }

/** The flags of `templates get`, parsed. */
export type Get = Command.Command.ParseConfig<typeof getFlags>

const get = Command.make("get", getFlags, programs((templates) => templates.get)).pipe(
  Command.withDescription("Show one language version of a template.")
)

const createFlags = {
  ...GlobalOptions.options,
  wabaId,
  name,
  language,
  category: optionalText("category", "The category: MARKETING, UTILITY, AUTHENTICATION, TRANSACTIONAL or OTP."),
  ...componentOptions,
  file
}

/** The flags of `templates create`, parsed. */
export type Create = Command.Command.ParseConfig<typeof createFlags>

const create = Command.make("create", createFlags, programs((templates) => templates.create)).pipe(
  Command.withDescription(
    "Create a template language version from flags (--name, --language, --category, --body …) and/or --file."
  )
)

const editFlags = {
  ...GlobalOptions.options,
  wabaId,
  name,
  language,
  id: optionalText("id", "The template's id at the provider (looked up by name and language when absent)."),
  ...componentOptions,
  file
}

/** The flags of `templates edit`, parsed. */
export type Edit = Command.Command.ParseConfig<typeof editFlags>

const edit = Command.make("edit", editFlags, programs((templates) => templates.edit)).pipe(
  Command.withDescription(
    "Replace the components of one language version with those given by flags and/or --file."
  )
)

const removeFlags = {
  ...GlobalOptions.options,
  wabaId,
  name: requiredName,
  language: optionalText("language", "The language version to delete."),
  allLanguages: Options.boolean("all-languages").pipe(
    Options.withDescription("Delete every language version of the name (instead of --language).")
  )
}

/** The flags of `templates delete`, parsed. */
export type Remove = Command.Command.ParseConfig<typeof removeFlags>

const remove = Command.make("delete", removeFlags, programs((templates) => templates.remove)).pipe(
  Command.withDescription("Delete one language version of a template, or every language with --all-languages.")
)

const exportFlags = {
  ...GlobalOptions.options,
  wabaId,
  file: Options.file("file").pipe(
    Options.withDescription("The JSON file to write (format wa-admin/templates, version 1); replaced if it exists.")
  )
}

/** The flags of `templates export`, parsed. */
export type Export = Command.Command.ParseConfig<typeof exportFlags>

const exportTemplates = Command.make("export", exportFlags, programs((templates) => templates.exportTemplates)).pipe(
  Command.withDescription(
    "Write every template of a WABA (each language version, with its status) to a portable JSON file for templates import."
  )
)

const importFlags = {
  ...GlobalOptions.options,
  wabaId,
  file: Options.file("file", { exists: "yes" }).pipe(
    Options.withDescription("The file written by templates export (format wa-admin/templates, version 1).")
  ),
  ...Migrate.applyOptions
}

/** The flags of `templates import`, parsed. */
export type Import = Command.Command.ParseConfig<typeof importFlags>

const importTemplates = Command.make("import", importFlags, programs((templates) => templates.importTemplates)).pipe(
  Command.withDescription(
    "Create the templates of a file written by templates export on a WABA: a migration whose source is the file " +
      "(plan, then apply; --dry-run, --journal and --on-quota as in migrate templates)."
  )
)

/**
 * `wa-admin templates …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "templates",
  {},
  groupHandler("templates", ["list", "get", "create", "edit", "delete", "export", "import"])
).pipe(
  Command.withDescription(
    "List, read, create, edit and delete message templates; export them to a file and import them from one."
  ),
  Command.withSubcommands([list, get, create, edit, remove, exportTemplates, importTemplates])
)
