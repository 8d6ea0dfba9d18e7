import { NumberLifecycle } from "@wa-admin/core"
import { DescriptorChecks } from "@wa-admin/core/testing"
import { Effect, Logger, LogLevel } from "effect"
import { KaleyraProvider } from "../src/index.js"

/** A one-page PDF, the business certificate the activation asks for. */
const pdf = new TextEncoder().encode("%PDF-1.4\n% a business certificate\n%%EOF\n")

DescriptorChecks.run({
  descriptor: KaleyraProvider,
  load: () => import("../src/emulator/index.js"),
  // The emulator activates the number.
  probe: NumberLifecycle.provision({
    phoneNumber: "+447700900456",
    displayName: "The Bakery",
    providerOptions: {
      kaleyra: {
        business: {
          id: "1234567890",
          name: "The Bakery Ltd",
          certificate: { fileName: "certificate.pdf", bytes: pdf }
        }
      }
    }
  }).pipe(
    Logger.withMinimumLogLevel(LogLevel.Error),
    Effect.map((activation) => activation.provider === "kaleyra" && activation.phoneNumber?.e164 === "+447700900456")
  )
})
