/**
 * The examples as scripts (`tsx examples/<name>.ts`): against the emulator when the provider's
 * variables are not set, against the configured provider when they are.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Example from "../support/Example.js"

const root = fileURLToPath(new URL("../..", import.meta.url))
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url))

/** The process environment without any provider or example setting. */
const clean = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && !/^(VONAGE|WOZTELL|KALEYRA|META|WA_ADMIN|TARGET)_/.test(entry[0])
  )
)

const script = (name: string, environment: Example.Environment) =>
  Effect.async<{ readonly code: number; readonly stdout: string; readonly stderr: string }>((resume) => {
    const child = execFile(
      tsx,
      [`examples/${name}`],
      { cwd: root, env: { ...clean, ...environment } },
      (error, stdout, stderr) =>
        resume(
          Effect.succeed({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr })
        )
    )
    return Effect.sync(() => child.kill())
  })

describe("examples as scripts", () => {
  it.scopedLive("run against the emulator out of the box, and against the configured provider when its variables are set (WOZTELL, Meta)", () =>
    Effect.gen(function*() {
      const configured = yield* Example.woztell()
      const meta = yield* Example.meta()
      const webhooks = {
        ...meta.environment,
        WA_ADMIN_WEBHOOK_URL: "https://hooks.acme-bakery.example/whatsapp",
        WA_ADMIN_VERIFY_TOKEN: "a-verify-token-from-the-environment"
      }
      const [alone, real, metaReal] = yield* Effect.all(
        [
          script("flows-publish.ts", {}),
          script("flows-publish.ts", configured.environment),
          script("meta-webhooks-and-qr.ts", webhooks)
        ],
        { concurrency: "unbounded" }
      )

      assert.strictEqual(alone.code, 0, alone.stderr)
      assert.strictEqual(
        alone.stdout.split("\n")[0],
        "WOZTELL_ACCESS_TOKEN not set: running against the in-process emulator."
      )
      assert.match(alone.stdout, /Flow \d+ "Newsletter preferences" is PUBLISHED/)

      assert.strictEqual(real.code, 0, real.stderr)
      assert.notInclude(real.stdout, "not set")
      const [flow] = yield* configured.emulator.flows
      assert.strictEqual(flow?.status, "PUBLISHED")
      assert.include(real.stdout, `Flow ${flow?.id} "Newsletter preferences" is PUBLISHED`)

      assert.strictEqual(metaReal.code, 0, metaReal.stderr)
      assert.notInclude(metaReal.stdout, "not set")
      assert.notInclude(metaReal.stdout, webhooks.WA_ADMIN_VERIFY_TOKEN)
      const subscribe = (yield* meta.emulator.requests).find(
        (request) => request.method === "POST" && request.path.endsWith("/subscribed_apps")
      )
      assert.deepStrictEqual(subscribe?.body, {
        override_callback_uri: webhooks.WA_ADMIN_WEBHOOK_URL,
        verify_token: webhooks.WA_ADMIN_VERIFY_TOKEN
      })
      assert.deepStrictEqual(
        (yield* meta.emulator.effects).map((effect) => effect.operation),
        ["subscribeApp", "unsubscribeApp", "createQrCode", "deleteQrCode"]
      )
    }))
})
