/**
 * The `wa-admin` executable.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Effect, Layer } from "effect"
import * as Cli from "./Cli.js"
import * as Providers from "./Providers.js"

// Registered before the runtime's own handlers (which interrupt the program), so that the exit
// code can tell SIGTERM (143) from Ctrl+C (130).
let signal: "SIGINT" | "SIGTERM" | undefined
process.once("SIGINT", () => {
  signal ??= "SIGINT"
})
process.once("SIGTERM", () => {
  signal ??= "SIGTERM"
})

Cli.main(process.argv).pipe(
  Effect.provide(Layer.merge(NodeContext.layer, Providers.layer)),
  NodeRuntime.runMain({ disablePrettyLogger: true, teardown: Cli.teardownOn(() => signal) })
)
