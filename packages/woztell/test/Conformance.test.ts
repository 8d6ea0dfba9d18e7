/**
 * The core conformance suite against the WOZTELL emulator, over real HTTP on 127.0.0.1.
 *
 * Documented differences declared to the suite:
 * - number lifecycle: status only (numbers are registered in WOZTELL's platform); the emulator's
 *   channel number is LIVE and VERIFIED, so `ready`;
 * - templates: WOZTELL's delete removes every language of a name (`deleteScope: "name"`); the
 *   documented categories (MARKETING, TRANSACTIONAL);
 * - media ids expire 30 days after the upload.
 *
 * Meta reviews every new or edited template (it is PENDING) and only APPROVED, REJECTED or
 * PAUSED templates can be edited, as the emulator enforces. The suite cannot wait for a review,
 * so the fixture plays Meta's reviewer: after each create or edit through the adapter, it
 * approves that template in the emulator. The adapter's answers pass through unchanged.
 */
import { Capabilities, Templates } from "@wa-admin/core"
import { Conformance } from "@wa-admin/core/testing"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Context, Effect, Layer } from "effect"
import { adminLayer, clientOptions } from "./support.js"

const reviewedBy = (emulator: WoztellEmulator.Emulator, service: Templates.Service): Templates.Service => {
  const approve = (wabaId: string, name: string, language: string) =>
    emulator.setTemplateStatus(wabaId, name, language, "APPROVED").pipe(Effect.orDie)
  return {
    ...service,
    create: (request) =>
      Effect.tap(service.create(request), (template) => approve(request.wabaId, template.name, template.language)),
    edit: (request) => Effect.tap(service.edit(request), () => approve(request.wabaId, request.name, request.language))
  }
}

Conformance.run({
  name: "woztell",
  timeout: 60_000,
  operations: Capabilities.except(
    "numbers.provision",
    "numbers.verify",
    "numbers.resend",
    "numbers.release",
    "media.templateAsset"
  ),
  makeFixture: Effect.gen(function*() {
    const emulator = yield* WoztellEmulator.make()
    const { phoneNumberId, wabaId } = emulator.credentials
    const layer = Layer.unwrapScoped(
      Effect.map(Layer.build(adminLayer(clientOptions(emulator))), (context) =>
        Layer.succeedContext(
          Context.add(context, Templates.Templates, reviewedBy(emulator, Context.get(context, Templates.Templates)))
        ))
    )
    return {
      layer,
      requestCount: Effect.map(emulator.requests, (requests) => requests.length),
      number: phoneNumberId,
      unknownNumber: "100000000000001",
      numbers: {
        existing: { id: phoneNumberId, state: "ready" as const },
        unknownId: "100000000000001",
        stageDuration: "1 second"
      },
      media: { expiresAfter: "30 days" },
      templates: { wabaId, deleteScope: "name" as const, categories: ["MARKETING", "TRANSACTIONAL"] as const }
    }
  })
})
