/**
 * Core's lists of the platform's vocabulary — which the Meta and WOZTELL adapters send and accept,
 * and which both emulators take — against Meta's own OpenAPI document, the witness that does not
 * share core's mistakes: a wrong, missing or extra entry in core's lists fails here.
 */
import { describe, expect, it } from "@effect/vitest"
import { Vertical } from "@wa-admin/core"
import { CloudApi } from "@wa-admin/core/adapter"
import { SpellingChecks } from "@wa-admin/core/testing"
import { verticals } from "../../src/emulator/internal/profile.js"
import type { Json } from "./harness.js"
import { document, isRecord, operations, schemaNamed } from "./openapi.js"

const sorted = (list: ReadonlyArray<string>) => [...list].sort()

const strings = (values: Json | undefined): ReadonlyArray<string> =>
  Array.isArray(values) ? values.filter((value): value is string => typeof value === "string") : []

/** The values of one of the document's enum schemas. */
const enumOf = (name: string): ReadonlyArray<string> => {
  const schema = schemaNamed(name)
  return strings(isRecord(schema) ? schema["enum"] : undefined)
}

/** Every value of a `categories` list anywhere in the document (its flow examples). */
const categoriesShown = (node: Json | undefined): ReadonlyArray<string> =>
  Array.isArray(node)
    ? node.flatMap(categoriesShown)
    : isRecord(node)
    ? Object.entries(node).flatMap(([key, value]) => [
      ...(key === "categories" ? strings(value) : []),
      ...categoriesShown(value)
    ])
    : []

/** The fields `getFlow` names in its `fields` parameter. */
const getFlowFields = (): ReadonlyArray<string> => {
  const fields = operations.get("getFlow")?.parameters.find((parameter) => parameter["name"] === "fields")
  const schema = fields?.["schema"]
  const example = isRecord(schema) ? schema["example"] : undefined
  return typeof example === "string" ? example.split(",") : []
}

/** The vertical codes of the profile answer's enum (with `UNDEFINED` and `NOT_A_BIZ`), but `UNDEFINED`, "not set". */
const answeredVerticals = enumOf("WhatsAppBusinessVertical_1").filter((code) => code !== "UNDEFINED")

SpellingChecks.run({ name: "Meta codes", spelling: Vertical.metaCodes, documented: answeredVerticals })

describe("core's platform lists against Meta's OpenAPI document", () => {
  it("vertical codes: the Meta emulator takes exactly the document's WhatsAppBusinessVertical", () => {
    expect(sorted(verticals)).toEqual(sorted(enumOf("WhatsAppBusinessVertical")))
  })

  it("flow categories: every category the document's flows show is one of CloudApi.FlowCategory", () => {
    const shown = new Set(categoriesShown(document))
    expect(shown.size).toBeGreaterThan(0)
    for (const category of shown) expect(CloudApi.FlowCategory.literals).toContain(category)
  })

  it("flow fields: CloudApi.flowFields are the fields the document's getFlow names", () => {
    expect(sorted(CloudApi.flowFields)).toEqual(sorted(getFlowFields()))
  })

  it("WABA permission tasks: CloudApi.WabaPermissionTask is the document's WhatsAppBusinessAccountPermissionTask", () => {
    expect(sorted(CloudApi.WabaPermissionTask.literals)).toEqual(
      sorted(enumOf("WhatsAppBusinessAccountPermissionTask"))
    )
  })
})
