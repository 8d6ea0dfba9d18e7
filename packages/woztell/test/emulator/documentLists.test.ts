/**
 * The emulator keeps its own flow categories, copied from the document, so that it checks the
 * adapter rather than agrees with it: core's `CloudApi.FlowCategory` (which the WOZTELL adapter
 * sends and accepts) must list exactly what the emulator accepts.
 */
import { describe, expect, it } from "@effect/vitest"
import { CloudApi } from "@wa-admin/core/adapter"
import { flowCategories } from "../../src/emulator/internal/flows.js"

describe("the emulator's document lists against core's CloudApi", () => {
  it("flow categories: CloudApi.FlowCategory is what the emulator accepts", () => {
    expect([...CloudApi.FlowCategory.literals].sort()).toEqual([...flowCategories].sort())
  })
})
