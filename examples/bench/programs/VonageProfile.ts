/**
 * The smallest useful program with wa-admin: read one number's business profile on Vonage,
 * credentials from the environment. Bundled by the bench to weigh what wa-admin adds.
 */
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { BusinessProfile } from "@wa-admin/core"
import { VonageBusinessProfile, VonageClient } from "@wa-admin/vonage"
import { Config, Console, Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const number = yield* Config.string("VONAGE_DEPLOYMENT_ID")
  const profile = yield* BusinessProfile.get({ number })
  yield* Console.log(JSON.stringify(profile))
})

program.pipe(
  Effect.provide(
    VonageBusinessProfile.layer.pipe(
      Layer.provide(VonageClient.layerConfig()),
      Layer.provide(NodeHttpClient.layerUndici)
    )
  ),
  NodeRuntime.runMain
)
