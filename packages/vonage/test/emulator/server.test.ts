import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle } from "@wa-admin/core"
import { EmulatorEnvironment } from "@wa-admin/core/testing"
import { Effect, Exit, Scope } from "effect"
import * as Net from "node:net"
import { VonageEmulator } from "../../src/emulator/index.js"
import { VonageAdmin } from "../../src/index.js"
import { deploymentRequest, harness } from "./harness.js"

const freePort = Effect.async<number>((resume) => {
  const server = Net.createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

const reachable = (url: string) => Effect.promise(() => fetch(url).then(() => true, () => false))

describe("VonageEmulator server", () => {
  it.effect("listens on the port asked for, and stops when its scope closes", () =>
    Effect.gen(function*() {
      const port = yield* freePort
      const scope = yield* Scope.make()
      const emulator = yield* Scope.extend(VonageEmulator.make({ port }), scope)
      assert.strictEqual(emulator.url, `http://127.0.0.1:${port}/v0.1/whatsapp-manager`)
      assert.isTrue(yield* reachable(`${emulator.url}/deployments/x`))
      yield* Scope.close(scope, Exit.void)
      assert.isFalse(yield* reachable(`${emulator.url}/deployments/x`))
    }))

  it.scoped("is available as a service through its layer", () =>
    Effect.gen(function*() {
      const emulator = yield* VonageEmulator.VonageEmulator
      assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+\/v0\.1\/whatsapp-manager$/)
      assert.strictEqual(emulator.credentials.applicationId, "layered-app")
      assert.deepStrictEqual(yield* emulator.deployments, [])
    }).pipe(Effect.provide(VonageEmulator.layer({ applicationId: "layered-app" }))))

  it.scoped("emulators are independent of one another", () =>
    Effect.gen(function*() {
      const first = yield* harness()
      const second = yield* harness()
      assert.notStrictEqual(first.emulator.url, second.emulator.url)
      assert.strictEqual((yield* first.call("POST", "/deployments", { json: deploymentRequest() })).status, 202)
      assert.strictEqual((yield* second.call("POST", "/deployments", { json: deploymentRequest() })).status, 202)
      const firstToken = yield* first.token()
      assert.strictEqual(
        (yield* second.call("GET", "/deployments/x", { authorization: `Bearer ${firstToken}` })).status,
        401
      )
      assert.strictEqual((yield* first.emulator.deployments).length, 1)
      assert.strictEqual((yield* second.emulator.requests).length, 2)
    }))

  EmulatorEnvironment.run({
    make: VonageEmulator.make(),
    names: ["VONAGE_APPLICATION_ID", "VONAGE_PRIVATE_KEY", "VONAGE_TEMPLATES_URL", "VONAGE_WHATSAPP_MANAGER_URL"],
    layerConfig: VonageAdmin.layerConfig,
    call: () =>
      NumberLifecycle.provision({
        phoneNumber: "+447700900001",
        wabaId: "123456789123",
        verificationMethod: "sms",
        providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
      }),
    reached: (emulator, { id }) =>
      Effect.gen(function*() {
        assert.deepStrictEqual(yield* emulator.effects, [{ operation: "createDeployment", key: id }])
      })
  })

  it.scoped("leaves the private key out of the environment when it was not generated", () =>
    Effect.gen(function*() {
      const h = yield* harness()
      assert.deepStrictEqual(h.emulator.environment, {
        VONAGE_WHATSAPP_MANAGER_URL: h.emulator.url,
        VONAGE_TEMPLATES_URL: h.emulator.templatesUrl,
        VONAGE_APPLICATION_ID: h.emulator.credentials.applicationId
      })
    }))
})
