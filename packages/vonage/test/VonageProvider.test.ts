import { BusinessProfile } from "@wa-admin/core"
import { DescriptorChecks } from "@wa-admin/core/testing"
import { Effect } from "effect"
import { VonageProvider } from "../src/index.js"

DescriptorChecks.run({
  descriptor: VonageProvider,
  load: () => import("../src/emulator/index.js"),
  // An unknown deployment is the emulator's answer.
  probe: Effect.flip(BusinessProfile.get({ number: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab" })).pipe(
    Effect.map((error) => error._tag === "NotFound" && error.provider === "vonage")
  )
})
