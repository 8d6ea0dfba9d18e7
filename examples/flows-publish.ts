/**
 * WhatsApp Flows through WOZTELL (`WoztellFlows`, a WOZTELL extension beyond the port): create a
 * flow, upload its JSON, read the validation errors Meta reports, fix the JSON, publish.
 *
 * Run it:
 *
 *   node_modules/.bin/tsx examples/flows-publish.ts
 *
 * Without WOZTELL credentials it runs against the in-process WOZTELL emulator. Against WOZTELL
 * (flows authenticate with the signed context, so its four variables are needed):
 *
 *   WOZTELL_ACCESS_TOKEN=… WOZTELL_CHANNEL_ID=… WOZTELL_APP_ID=… \
 *   WOZTELL_APP_INTEGRATION_ID=… WOZTELL_APP_INTEGRATION_SIGNATURE=… \
 *   node_modules/.bin/tsx examples/flows-publish.ts
 */
import { Flow } from "@wa-admin/core"
import * as SampleFlows from "@wa-admin/core/testing/SampleFlows"
import { WoztellAdmin, WoztellFlows, WoztellProvider } from "@wa-admin/woztell"
import type { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Console, Effect } from "effect"
import * as Example from "./support/Example.js"

/** The choices of the form (the newsletter-preferences flow of WOZTELL's Flows document). */
const options = ["Special offers and promotions", "Changes to my subscription", "News and events"]

/** A first draft with two mistakes: a screen id with a hyphen, and no terminal screen. */
const draft = SampleFlows.preferences({ screenId: "UPDATE-PREFERENCES", options, terminal: false })

/** The same flow, fixed. */
const fixed = SampleFlows.preferences({ screenId: "UPDATE_PREFERENCES", options })

/** Where in the JSON an error points, when Meta says (`pointers: [{ path }]`). */
const pathsOf = (pointers: ReadonlyArray<unknown> = []): ReadonlyArray<string> =>
  pointers.flatMap((pointer) =>
    typeof pointer === "object" && pointer !== null && "path" in pointer && typeof pointer.path === "string"
      ? [pointer.path]
      : []
  )

/** What the program answers: the flow, the errors Meta found in the draft, and its status at the end. */
export interface Result {
  readonly flowId: string
  readonly draftErrors: ReadonlyArray<Flow.FlowValidationError>
  readonly status: string
}

/** Creates the flow, shows what Meta finds wrong with the draft, fixes it and publishes. */
export const program: Example.Program<Result> = Effect.gen(function*() {
  const flowId = yield* WoztellFlows.create({ name: "Newsletter preferences", categories: ["SIGN_UP", "OTHER"] })
  yield* Console.log(`Created flow ${flowId}`)

  const first = yield* WoztellFlows.updateJson({ flowId, json: draft })
  yield* Console.log(`Uploaded the draft JSON: ${first.validationErrors.length} validation error(s)`)
  for (const error of first.validationErrors) {
    const at = pathsOf(error.pointers)
    yield* Console.log(
      `  ${error.error ?? "ERROR"}: ${error.message}${at.length === 0 ? "" : ` (at ${at.join(", ")})`}`
    )
  }

  const second = yield* WoztellFlows.updateJson({ flowId, json: fixed })
  yield* Console.log(`Uploaded the fixed JSON: ${second.validationErrors.length} validation error(s)`)
  if (second.validationErrors.length > 0) {
    return yield* Effect.dieMessage("the fixed flow JSON still has validation errors")
  }

  yield* WoztellFlows.publish({ flowId })
  const published = yield* WoztellFlows.detail({ flowId })
  yield* Console.log(
    `Flow ${published.id} "${published.name}" is ${published.status} (JSON ${published.jsonVersion ?? "?"})`
  )
  if (published.preview !== undefined) yield* Console.log(`Preview: ${published.preview.url}`)
  return { flowId, draftErrors: first.validationErrors, status: published.status }
}).pipe(Effect.provide(WoztellAdmin.layerConfig))

/** The program against the WOZTELL emulator. */
export const demo: Example.Demo<{ readonly emulator: WoztellEmulator.Emulator; readonly result: Result }> = Effect.gen(
  function*() {
    const { emulator, environment } = yield* Example.woztell()
    const result = yield* program.pipe(Example.withEnvironment(environment))
    return { emulator, result }
  }
)

if (Example.isMain(import.meta.url)) {
  Example.main(Example.accountVariables(WoztellProvider), { real: program, demo })
}
