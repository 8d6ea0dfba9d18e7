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
import type * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Vocabulary from "@wa-admin/core/Vocabulary"
import {
  commandGroup,
  fileLimits,
  fileText,
  type FlagsOf,
  optionalText,
  pageSize,
  repeatedText,
  text,
  wabaId
} from "./internal.js"
import * as Migrate from "./Migrate.js"

/**
 * The statuses `templates list --status` takes (those of the providers' documents).
 *
 * @since 0.1.0
 * @category options
 */
export const statuses = Vocabulary.templateStatuses

/**
 * The categories `templates list --category` and `templates create --category` take.
 *
 * @since 0.1.0
 * @category options
 */
export const categories = Vocabulary.templateCategories

/**
 * The quality scores `templates list --quality-score` takes.
 *
 * @since 0.1.0
 * @category options
 */
export const qualityScores = ["GREEN", "YELLOW", "RED", "UNKNOWN"] as const

const name = optionalText("name", "The template name: lowercase letters, digits and underscores.", "name")
const language = optionalText("language", "The language code, e.g. en_US, es or pt_BR.", "code")
const requiredName = text("name", "The template name.", "name")
const requiredLanguage = text("language", "The language code of the version, e.g. en_US.", "code")

const componentOptions = {
  body: optionalText("body", "The body text, with {{1}}, {{2}} … parameters."),
  bodyExamples: repeatedText(
    "body-example",
    "An example value for the next body parameter (repeatable: one per parameter, in order)."
  ),
  headerText: optionalText("header-text", "A text header (at most 60 characters)."),
  headerFormat: optionalText(
    "header-format",
    "A media header instead of text: image, video, document or location.",
    "format"
  ),
  headerExample: optionalText("header-example", "An example for a media header (a media URL or handle)."),
  footer: optionalText("footer", "The footer text (at most 60 characters)."),
  quickReplies: repeatedText("quick-reply", "A quick-reply button's text (repeatable)."),
  urlButtons: repeatedText("url-button", "A URL button as TEXT=URL (repeatable).", "text=url"),
  phoneButtons: repeatedText("phone-button", "A call button as TEXT=+E164 (repeatable).", "text=+e164")
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
  wabaId,
  status: repeatedText("status", `Only templates in these statuses (repeatable): ${statuses.join(", ")}.`, "status"),
  category: repeatedText("category", `Only these categories (repeatable): ${categories.join(", ")}.`, "category"),
  language: repeatedText("language", "Only these language codes, e.g. en_US (repeatable).", "code"),
  qualityScore: repeatedText(
    "quality-score",
    `Only these quality scores (repeatable): ${qualityScores.join(", ")}.`,
    "score"
  ),
  name: optionalText("name", "Only names containing this text."),
  content: optionalText("content", "Only templates whose content contains this text."),
  pageSize: pageSize("templates")
}

const getFlags = { wabaId, name: requiredName, language: requiredLanguage }

const createFlags = {
  wabaId,
  name,
  language,
  category: optionalText("category", `The category: ${categories.join(", ")}.`, "category"),
  ...componentOptions,
  file
}

const editFlags = {
  wabaId,
  name,
  language,
  id: optionalText("id", "The template's id at the provider (looked up by name and language when absent).", "id"),
  ...componentOptions,
  file
}

const removeFlags = {
  wabaId,
  name: requiredName,
  language: optionalText("language", "The language version to delete.", "code"),
  allLanguages: Options.boolean("all-languages").pipe(
    Options.withDescription("Delete every language version of the name (instead of --language).")
  )
}

const exportFlags = {
  wabaId,
  file: Options.file("file").pipe(
    Options.withDescription("The JSON file to write (format wa-admin/templates, version 1); replaced if it exists.")
  )
}

const importFlags = {
  wabaId,
  // A path, not `Options.file`: the program reads it and names the flag when it cannot.
  file: text("file", "The file written by templates export (format wa-admin/templates, version 1).", "file"),
  ...Migrate.applyOptions
}

const flags = {
  list: listFlags,
  get: getFlags,
  create: createFlags,
  edit: editFlags,
  delete: removeFlags,
  export: exportFlags,
  import: importFlags
}

/** The flags of each command of the group, parsed (`Flags["get"]`: those of its `get`). */
export type Flags = FlagsOf<typeof flags>

/**
 * `wa-admin templates …`
 *
 * @since 0.1.0
 * @category commands
 */
export const command = commandGroup({
  name: "templates",
  description: "List, read, create, edit and delete message templates; export them to a file and import them from one.",
  commands: [
    ["list", "List template language versions, page by page as they arrive. Under --json: one template per line."],
    ["get", "Show one language version of a template."],
    [
      "create",
      "Create a template language version from flags and/or a --file. Flags (--name, --language, --category, " +
      "--body …) override the file's fields."
    ],
    ["edit", "Replace a language version's components with those of flags and/or a --file."],
    [
      "delete",
      (templates) => templates.remove,
      "Delete one language version of a template, or all of them with --all-languages."
    ],
    [
      "export",
      (templates) => templates.exportTemplates,
      "Write every template of a WABA to a portable JSON file. Each language version is written with its status; " +
      "`templates import` reads the file back, on any provider."
    ],
    [
      "import",
      (templates) => templates.importTemplates,
      "Create the templates of an exported file on a WABA. A migration whose source is the file: plan, then " +
      "apply; --dry-run, --journal and --on-quota work as in `migrate templates`."
    ]
  ],
  programs: () => import("../programs/Templates.js"),
  flags
})
