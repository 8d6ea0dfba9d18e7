import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile } from "@wa-admin/core"
import { DescriptorChecks, EmulatorHost } from "@wa-admin/core/testing"
import { Effect, Stream } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { MetaEmulator } from "../src/emulator/index.js"
import {
  MetaAdmin,
  MetaAutomation,
  MetaCommerce,
  MetaFlows,
  MetaMedia,
  MetaNumbers,
  MetaProvider,
  MetaQrCodes,
  MetaTemplates,
  MetaWaba,
  MetaWebhooks
} from "../src/index.js"

DescriptorChecks.run({
  descriptor: MetaProvider,
  load: () => import("../src/emulator/index.js"),
  // A phone number id the emulator does not know is its answer (Graph's 803 → NotFound).
  probe: Effect.flip(BusinessProfile.get({ number: "999999999999999" })).pipe(
    Effect.map((error) => error._tag === "NotFound" && error.provider === "meta")
  )
})

describe("MetaAdmin.layerConfig", () => {
  it.scoped("provides every extension, the WABA, number and business taken from the environment", () =>
    Effect.gen(function*() {
      const emulator = yield* Effect.orDie(MetaEmulator.make({}))
      const directory = yield* Effect.acquireRelease(
        Effect.sync(() => mkdtempSync(join(tmpdir(), "meta-provider-"))),
        (path) => Effect.sync(() => rmSync(path, { recursive: true, force: true }))
      )
      const { credentials } = emulator
      const program = Effect.gen(function*() {
        yield* Effect.all([
          MetaMedia.MetaMedia,
          MetaNumbers.MetaNumbers,
          MetaFlows.MetaFlows,
          MetaQrCodes.MetaQrCodes,
          MetaCommerce.MetaCommerce,
          MetaAutomation.MetaAutomation,
          MetaWebhooks.MetaWebhooks,
          MetaWaba.MetaWaba,
          MetaTemplates.MetaTemplates
        ])
        const waba = yield* MetaWaba.info()
        const owned = yield* Stream.runCollect(MetaWaba.owned())
        const numbers = yield* Stream.runCollect(MetaNumbers.list())
        yield* MetaCommerce.get()
        return { waba: waba.wabaId, owned: [...owned].map((info) => info.wabaId), numbers: [...numbers].length }
      })
      const configured = EmulatorHost.configuredFrom(MetaAdmin.layerConfig, {
        ...emulator.environment,
        META_QUOTA_DIR: directory
      })
      const result = yield* program.pipe(Effect.provide(configured))
      assert.deepStrictEqual(result, { waba: credentials.wabaId, owned: [credentials.wabaId], numbers: 1 })
      const paths = (yield* emulator.requests).map((request) => request.path)
      assert.include(paths, `/${credentials.graphVersion}/${credentials.phoneNumberId}/whatsapp_commerce_settings`)
      assert.include(paths, `/${credentials.graphVersion}/${credentials.businessId}/owned_whatsapp_business_accounts`)
    }))
})
