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

Cli.main(process.argv).pipe(
  Effect.provide(Layer.merge(NodeContext.layer, Providers.layer)),
  NodeRuntime.runMain({ disablePrettyLogger: true, teardown: Cli.teardown })
)
