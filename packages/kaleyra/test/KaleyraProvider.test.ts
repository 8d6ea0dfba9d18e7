import { NumberLifecycle } from "@wa-admin/core"
import { DescriptorChecks } from "@wa-admin/core/testing"
import { Effect, Logger, LogLevel } from "effect"
import { KaleyraProvider } from "../src/index.js"
import { files, provisionRequest } from "./support.js"

/** An activation with a one-page PDF as the business certificate the activation asks for. */
const request = provisionRequest({ fileName: "certificate.pdf", bytes: files.pdf })

DescriptorChecks.run({
  descriptor: KaleyraProvider,
  load: () => import("../src/emulator/index.js"),
  // The emulator activates the number.
  probe: NumberLifecycle.provision(request).pipe(
    Logger.withMinimumLogLevel(LogLevel.Error),
    Effect.map((activation) =>
      activation.provider === "kaleyra" && activation.phoneNumber?.e164 === request.phoneNumber
    )
  )
})
