/**
 * Human-readable renderings of the domain objects: aligned field tables and list rows.
 *
 * @since 0.1.0
 */
import { Capabilities } from "@wa-admin/core"
import type { MediaHandle, NumberLifecycle, Profile, Registration, Template } from "@wa-admin/core"
import { DateTime } from "effect"
import * as Json from "./internal/json.js"

/**
 * Label/value rows aligned in two columns; rows without a value are left out.
 *
 * @since 0.1.0
 * @category tables
 */
export const fields = (rows: ReadonlyArray<readonly [label: string, value: string | undefined]>): string => {
  const present = rows.filter((row): row is readonly [string, string] => row[1] !== undefined && row[1] !== "")
  const width = Math.max(0, ...present.map(([label]) => label.length))
  return present.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n")
}

/**
 * Columns of a streamed table: a fixed width each (the last one unbounded), so rows can be
 * printed as they arrive.
 *
 * @since 0.1.0
 * @category tables
 */
export interface Columns<A> {
  readonly header: string
  readonly row: (value: A) => string
}

/**
 * Builds streamed-table columns.
 *
 * @since 0.1.0
 * @category tables
 */
export const columns = <A>(
  definitions: ReadonlyArray<{ readonly title: string; readonly width: number; readonly value: (value: A) => string }>
): Columns<A> => {
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(definitions[index]?.width ?? 0)))
      .join("  ")
      .trimEnd()
  return {
    header: line(definitions.map((definition) => definition.title)),
    row: (value) => line(definitions.map((definition) => definition.value(value)))
  }
}

/** The longest a provider's detail is shown (it may be nested deep or be long: the JSON stays in `--json`). */
const detailLength = 200

/**
 * @since 0.1.0
 * @category renderings
 */
export const registration = (value: Registration.Registration): string =>
  fields([
    ["id", value.id],
    ["provider", value.provider],
    ["phone number", value.phoneNumber?.e164],
    ["WABA", value.wabaId],
    ["state", value.state],
    ["provider state", value.providerState],
    ["detail", value.detail],
    ...Object.entries(value.details ?? {}).map(
      (
        [key, detail]
      ): readonly [string, string] => [key, typeof detail === "string" ? detail : Json.stringify(detail, detailLength)]
    )
  ])

/**
 * One change of state, as `numbers wait` prints it.
 *
 * @since 0.1.0
 * @category renderings
 */
export const stateChange = (value: Registration.Registration): string =>
  `${value.state.padEnd(13)}  ${value.providerState}${value.detail === undefined ? "" : ` — ${value.detail}`}`

/**
 * @since 0.1.0
 * @category renderings
 */
export const codeDelivery = (value: NumberLifecycle.CodeDelivery): string =>
  fields([
    ["sent by", value.method],
    ["message", value.message]
  ])

/**
 * @since 0.1.0
 * @category renderings
 */
export const profile = (value: Profile.Profile): string => {
  const table = fields([
    ["about", value.about],
    ["address", value.address],
    ["description", value.description],
    ["email", value.email],
    ["vertical", value.vertical],
    ["websites", value.websites?.join(", ")],
    ["photo URL", value.photoUrl]
  ])
  return table.length === 0 ? "(empty profile)" : table
}

/**
 * @since 0.1.0
 * @category renderings
 */
export const photo = (value: Profile.ProfilePhoto): string =>
  value.url === undefined ? "(no profile photo)" : fields([["photo URL", value.url]])

/**
 * @since 0.1.0
 * @category renderings
 */
export const media = (value: MediaHandle.MediaHandle): string =>
  fields([
    ["media id", value.id],
    ["kind", value.kind],
    ["source", value.source],
    ["expires", value.expiresAt === undefined ? undefined : DateTime.formatIso(value.expiresAt)]
  ])

/**
 * A template header's uploaded file.
 *
 * @since 0.2.0
 * @category renderings
 */
export const templateAsset = (value: MediaHandle.TemplateAsset): string =>
  fields([
    ["handle", value.handle],
    ["kind", value.kind],
    ["type", value.mimeType],
    ["size", `${value.size.toLocaleString("en")} bytes`]
  ])

const button = (value: Template.Button): string => {
  switch (value._tag) {
    case "QUICK_REPLY":
      return `[${value.text}]`
    case "URL":
      return `[${value.text} → ${value.url}]`
    case "PHONE_NUMBER":
      return `[${value.text} ☎ ${value.phoneNumber}]`
  }
}

const component = (value: Template.Component): ReadonlyArray<readonly [string, string | undefined]> => {
  switch (value._tag) {
    case "HEADER":
      return [
        [`header (${value.format.toLowerCase()})`, value.text ?? value.example ?? ""],
        ...(value.text !== undefined && value.example !== undefined ? [["header example", value.example] as const] : [])
      ]
    case "BODY":
      return [
        ["body", value.text],
        ...(value.examples ?? []).map((row) => ["body example", row.join(" | ")] as const)
      ]
    case "FOOTER":
      return [["footer", value.text]]
    case "BUTTONS":
      return [["buttons", value.buttons.map(button).join(" ")]]
  }
}

/**
 * @since 0.1.0
 * @category renderings
 */
export const template = (value: Template.Template): string =>
  fields([
    ["name", value.name],
    ["language", value.language],
    ["category", value.category],
    ["status", value.status],
    ["id", value.id],
    ["quality", value.qualityScore],
    ["rejected because", value.rejectedReason],
    ...value.components.flatMap(component)
  ])

/**
 * The columns of `templates list`.
 *
 * @since 0.1.0
 * @category renderings
 */
export const templateColumns: Columns<Template.Template> = columns<Template.Template>([
  { title: "NAME", width: 32, value: (template) => template.name },
  { title: "LANGUAGE", width: 8, value: (template) => template.language },
  { title: "CATEGORY", width: 14, value: (template) => template.category },
  { title: "STATUS", width: 16, value: (template) => template.status },
  { title: "QUALITY", width: 7, value: (template) => template.qualityScore ?? "" },
  { title: "ID", width: 0, value: (template) => template.id ?? "" }
])

/**
 * What a provider can do: every port operation, supported or not, and its extensions.
 *
 * @since 0.1.0
 * @category renderings
 */
export const capabilities = (value: Capabilities.Service): string =>
  [
    fields([
      ["provider", value.provider],
      ["support", value.supportStatus],
      ["deprecation", value.deprecation],
      ["extensions", value.extensions.length === 0 ? "none" : value.extensions.join(", ")]
    ]),
    "",
    ...Capabilities.operations.map((operation) => {
      if (value.supports(operation)) return `✓ ${operation}`
      const reason = value.reason(operation)
      return reason === undefined ? `– ${operation}` : `– ${operation}: ${reason}`
    })
  ].join("\n")
