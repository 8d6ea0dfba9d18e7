import { BusinessProfile } from "@wa-admin/core"
import { DescriptorChecks } from "@wa-admin/core/testing"
import { Effect } from "effect"
import { WoztellProvider } from "../src/index.js"

DescriptorChecks.run({
  descriptor: WoztellProvider,
  load: () => import("../src/emulator/index.js"),
  // The emulator answers the profile of the number the environment names by default (nothing
  // else listens there).
  probe: Effect.gen(function*() {
    const number = yield* Effect.flatMap(Effect.fromNullable(WoztellProvider.defaults.number), (config) => config)
    return yield* BusinessProfile.get({ number }).pipe(Effect.as(true))
  })
})
