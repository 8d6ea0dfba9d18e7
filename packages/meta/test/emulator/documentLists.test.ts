/**
 * The emulators keep their own lists, copied from the documents, so that they check the adapters
 * rather than agree with them: core's `CloudApi` (which the Meta adapter sends and accepts) must
 * list exactly what the emulator accepts.
 */
import { describe, expect, it } from "@effect/vitest"
import { CloudApi } from "@wa-admin/core/adapter"
import { permissionTasks } from "../../src/emulator/internal/accounts.js"
import { flowCategories, flowFields } from "../../src/emulator/internal/flows.js"

const sorted = (list: ReadonlyArray<string>) => [...list].sort()

describe("the emulators' document lists against core's CloudApi", () => {
  it("flow categories: CloudApi.FlowCategory is what the Meta emulator accepts", () => {
    expect(sorted(CloudApi.FlowCategory.literals)).toEqual(sorted(flowCategories))
  })

  it("flow fields: CloudApi.flowFields is what the Meta emulator answers for a flow", () => {
    expect(sorted(CloudApi.flowFields)).toEqual(sorted(flowFields))
  })

  it("WABA permission tasks: CloudApi.WabaPermissionTask is what the Meta emulator accepts", () => {
    expect(sorted(CloudApi.WabaPermissionTask.literals)).toEqual(sorted(permissionTasks))
  })
})
