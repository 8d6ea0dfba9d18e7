import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert, describe, it } from "@effect/vitest"
import type { Provider } from "@wa-admin/core/adapter"
import { Effect, Fiber, Layer, Ref, Stream } from "effect"
import * as Cli from "../src/Cli.js"
import * as Providers from "../src/Providers.js"
import { capturingConsole, testProvider } from "./harness.js"

/** A provider whose "emulator" records where it was started and whether it was stopped. */
const withEmulator = Effect.gen(function*() {
  const started = yield* Ref.make<ReadonlyArray<Provider.EmulatorOptions>>([])
  const stopped = yield* Ref.make(false)
  const provider: Provider.Descriptor = {
    ...testProvider("acme", Layer.die("not used")),
    emulator: (options) =>
      Effect.acquireRelease(
        Effect.as(Ref.update(started, (all) => [...all, options]), {
          url: `http://${options.host}:${options.port === 0 ? 40123 : options.port}/v1`,
          environment: { ACME_BASE_URL: `http://${options.host}:40123/v1`, ACME_TOKEN: "emulator's 'token'" },
          activity: Stream.make("code 123456 sent by sms to +447700900123")
        }),
        () => Ref.set(stopped, true)
      )
  }
  return { started, stopped, registry: Providers.layerOf([provider]) }
})

/** Runs `wa-admin ...args` until it has printed `until`, then interrupts it (Ctrl+C). */
const runUntilPrinted = (registry: Layer.Layer<Providers.Registry>, until: string, ...args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const captured = capturingConsole()
    const fiber = yield* Cli.run(["node", "wa-admin", ...args]).pipe(
      Effect.withConsole(captured.console),
      Effect.provide(Layer.merge(NodeContext.layer, registry)),
      Effect.fork
    )
    for (let turn = 0; turn < 1000 && !captured.stdout().includes(until); turn++) yield* Effect.sleep("5 millis")
    yield* Fiber.interrupt(fiber)
    return { stdout: captured.stdout(), stderr: captured.stderr() }
  })

describe("wa-admin emulator", () => {
  it.live("starts the provider's emulator, prints how to use it, and stops it when interrupted", () =>
    Effect.gen(function*() {
      const { registry, started, stopped } = yield* withEmulator
      const output = yield* runUntilPrinted(registry, "+447700900123", "emulator", "acme", "--port", "8089")
      assert.deepStrictEqual(yield* Ref.get(started), [{ host: "127.0.0.1", port: 8089 }])
      assert.include(output.stdout, "acme emulator listening on http://127.0.0.1:8089/v1")
      assert.include(output.stdout, "export WA_ADMIN_PROVIDER=acme")
      assert.include(output.stdout, "export ACME_BASE_URL='http://127.0.0.1:40123/v1'")
      assert.include(output.stdout, `export ACME_TOKEN='emulator'\\''s '\\''token'\\'''`)
      assert.include(output.stdout, "code 123456 sent by sms to +447700900123")
      assert.isTrue(yield* Ref.get(stopped))
    }))

  it.live("--json prints the URL and environment as one JSON object", () =>
    Effect.gen(function*() {
      const { registry } = yield* withEmulator
      const output = yield* runUntilPrinted(registry, "}", "emulator", "acme", "--json")
      assert.deepStrictEqual(JSON.parse(output.stdout), {
        provider: "acme",
        url: "http://127.0.0.1:40123/v1",
        environment: { ACME_BASE_URL: "http://127.0.0.1:40123/v1", ACME_TOKEN: "emulator's 'token'" }
      })
    }))
})
