import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle } from "@wa-admin/core"
import { Endpoint } from "@wa-admin/core/adapter"
import { ConfigProvider, Context, Effect, Layer, Option, Redacted, TestClock } from "effect"
import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose"
import { createPrivateKey } from "node:crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { VonageEmulator } from "../src/emulator/index.js"
import { VonageClient } from "../src/index.js"
import { expectTag, harness, keys, otherKeys, provisioning, refusedFirstToken } from "./support.js"

/** A deployment id of the documented form (a UUID) that the emulator does not hold. */
const unknownDeployment = "00000000-0000-4000-8000-000000000000"

/** A deployment's status, as an endpoint of the kit: the client's own calls are made of these. */
const status = Endpoint.make({
  operation: "numbers.status",
  method: "GET",
  path: "/deployments/{id}",
  idempotent: true
})

const bearer = (headers: Readonly<Record<string, string>>) => (headers["authorization"] ?? "").replace(/^Bearer /, "")

describe("VonageClient", () => {
  describe("JWT authentication", () => {
    it.scoped("one signature serves many calls, with the documented claims", () =>
      Effect.gen(function*() {
        const { emulator, client, context } = yield* harness()
        const { id } = yield* NumberLifecycle.provision(provisioning()).pipe(Effect.provide(context))
        yield* Effect.all(
          Array.from({ length: 10 }, () => NumberLifecycle.status({ id }).pipe(Effect.provide(context))),
          { concurrency: 5 }
        )
        assert.strictEqual(yield* client.signatures, 1)
        const tokens = new Set((yield* emulator.requests).map((request) => bearer(request.headers)))
        assert.strictEqual(tokens.size, 1)
        const [token = ""] = tokens
        assert.deepStrictEqual(decodeProtectedHeader(token), { alg: "RS256", typ: "JWT" })
        const claims = decodeJwt(token)
        assert.strictEqual(claims["application_id"], emulator.credentials.applicationId)
        assert.strictEqual(claims.nbf, claims.iat)
        assert.strictEqual((claims.exp ?? 0) - (claims.iat ?? 0), 15 * 60)
        assert.isString(claims.jti)
      }))

    it.scoped("the token is reused until about a minute before it expires, then signed again", () =>
      Effect.gen(function*() {
        const { emulator, client, context } = yield* harness()
        const { id } = yield* NumberLifecycle.provision(provisioning()).pipe(Effect.provide(context))
        yield* TestClock.adjust("13 minutes")
        yield* NumberLifecycle.status({ id }).pipe(Effect.provide(context))
        assert.strictEqual(yield* client.signatures, 1)
        yield* TestClock.adjust("1 minute")
        yield* NumberLifecycle.status({ id }).pipe(Effect.provide(context))
        assert.strictEqual(yield* client.signatures, 2)
        const tokens = (yield* emulator.requests).map((request) => bearer(request.headers))
        assert.strictEqual(tokens[0], tokens[1])
        assert.notStrictEqual(tokens[1], tokens[2])
        assert.strictEqual(decodeJwt(tokens[2] ?? "").iat, 14 * 60)
      }))

    it.scoped("the token lifetime is configurable", () =>
      Effect.gen(function*() {
        const { emulator, context } = yield* harness({ client: { tokenTtl: "5 minutes" } })
        yield* NumberLifecycle.status({ id: unknownDeployment }).pipe(Effect.provide(context), Effect.ignore)
        const [request] = yield* emulator.requests
        const claims = decodeJwt(bearer(request?.headers ?? {}))
        assert.strictEqual((claims.exp ?? 0) - (claims.iat ?? 0), 300)
      }))

    it.scoped("a 401 leads to exactly one re-signature and one retry", () =>
      Effect.gen(function*() {
        const { emulator, client, context } = yield* harness({ http: refusedFirstToken })
        const registration = yield* NumberLifecycle.provision(provisioning()).pipe(Effect.provide(context))
        assert.strictEqual(registration.state, "pending")
        assert.strictEqual(yield* client.signatures, 2)
        const requests = yield* emulator.requests
        assert.deepStrictEqual(
          requests.map((request) => bearer(request.headers) === "revoked.token.value"),
          [true, false]
        )
        assert.lengthOf(yield* emulator.effects, 1)
      }))

    it.scoped("a key the provider does not accept is Unauthorized after one retry (unauthorized)", () =>
      Effect.gen(function*() {
        const { emulator, client, context } = yield* harness({ client: { privateKey: otherKeys.privateKey } })
        const error = yield* NumberLifecycle.status({ id: unknownDeployment }).pipe(
          Effect.provide(context),
          Effect.flip
        )
        const unauthorized = expectTag(error, "Unauthorized")
        assert.strictEqual(unauthorized.problem?.code, "unauthorized")
        assert.strictEqual(unauthorized.problem?.status, 401)
        assert.isFalse(unauthorized.retryable)
        assert.lengthOf(yield* emulator.requests, 2)
        assert.strictEqual(yield* client.signatures, 2)
        const tokens = (yield* emulator.requests).map((request) => bearer(request.headers))
        for (const token of tokens) assert.notInclude(JSON.stringify(unauthorized), token)
      }))

    it.scoped("a ready-made token is sent as is, never signed, and a 401 with it is final", () =>
      Effect.gen(function*() {
        const applicationId = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
        const token = yield* Effect.promise(() =>
          new SignJWT({ application_id: applicationId })
            .setProtectedHeader({ alg: "RS256" })
            .setIssuedAt(0)
            .setExpirationTime(3600)
            .sign(createPrivateKey(keys.privateKey))
        )
        const { emulator, client, context } = yield* harness({
          emulator: { applicationId },
          client: { token: Redacted.make(token) }
        })
        yield* NumberLifecycle.provision(provisioning()).pipe(Effect.provide(context))
        assert.strictEqual(bearer((yield* emulator.requests)[0]?.headers ?? {}), token)
        assert.strictEqual(yield* client.signatures, 0)
        assert.isTrue(Option.isNone(client.applicationId))

        yield* TestClock.adjust("2 hours")
        yield* emulator.clearRequests
        const error = yield* NumberLifecycle.status({ id: unknownDeployment }).pipe(
          Effect.provide(context),
          Effect.flip
        )
        assert.strictEqual(expectTag(error, "Unauthorized").problem?.code, "unauthorized")
        assert.lengthOf(yield* emulator.requests, 1)
      }))
  })

  describe("errors", () => {
    it.scoped("a request body that is not JSON is refused by Vonage as InvalidInput (invalid-json)", () =>
      Effect.gen(function*() {
        const { emulator, client, context } = yield* harness()
        const { id } = yield* NumberLifecycle.provision(provisioning()).pipe(Effect.provide(context))
        // A verify without its body: what Vonage answers to a request that is not JSON.
        const bodiless = Endpoint.make({
          operation: "numbers.verify",
          method: "POST",
          path: "/deployments/{id}/verify",
          idempotent: false
        })
        const error = yield* client.call(bodiless)({ id }).pipe(Effect.flip)
        const invalid = expectTag(error, "InvalidInput")
        assert.strictEqual(invalid.source, "provider")
        assert.strictEqual(invalid.problem?.code, "invalid-json")
        assert.strictEqual(invalid.problem?.status, 400)
        assert.strictEqual(invalid.issues[0].field, "(input)")
        assert.strictEqual(invalid.issues[0].rule, invalid.problem?.detail)
        assert.strictEqual((yield* emulator.requests)[1]?.bodyText, "")
      }))
  })

  describe("configuration", () => {
    const withEnv = (env: Record<string, string>) =>
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

    const build = (env: Record<string, string>) =>
      Layer.build(VonageClient.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici))).pipe(
        withEnv(env),
        Effect.map((context) => Context.get(context, VonageClient.VonageClient))
      )

    const configError = (env: Record<string, string>) => Effect.map(Effect.flip(build(env)), (error) => String(error))

    it.scoped("the application id and a PEM key from the environment sign tokens the provider accepts", () =>
      Effect.gen(function*() {
        const emulator = yield* VonageEmulator.make({ publicKey: keys.publicKey })
        const client = yield* build({
          VONAGE_APPLICATION_ID: emulator.credentials.applicationId,
          VONAGE_PRIVATE_KEY: keys.privateKey.replaceAll("\n", "\\n"),
          VONAGE_WHATSAPP_MANAGER_URL: emulator.url,
          VONAGE_JWT_TTL: "600"
        })
        const response = yield* client.call(status)({ id: unknownDeployment }).pipe(
          Effect.flip
        )
        assert.strictEqual(response._tag, "NotFound")
        const claims = decodeJwt(bearer((yield* emulator.requests)[0]?.headers ?? {}))
        assert.strictEqual((claims.exp ?? 0) - (claims.iat ?? 0), 600)
        assert.deepStrictEqual(client.applicationId, Option.some(emulator.credentials.applicationId))
      }))

    it.scoped("the key can come from a file, and the base URL defaults to Vonage's", () =>
      Effect.gen(function*() {
        const directory = mkdtempSync(join(tmpdir(), "wa-admin-vonage-"))
        const path = join(directory, "private.key")
        writeFileSync(path, keys.privateKey)
        const client = yield* build({ VONAGE_APPLICATION_ID: "app", VONAGE_PRIVATE_KEY_PATH: path })
        assert.strictEqual(client.baseUrl, "https://api.nexmo.com/v0.1/whatsapp-manager")
        assert.strictEqual(client.templatesUrl, "https://api.nexmo.com/v2/whatsapp-manager")
        assert.strictEqual(client.templateApi.baseUrl, "https://api.nexmo.com/v2/whatsapp-manager")
        assert.strictEqual(yield* client.signatures, 0)
      }))

    it.scoped("a ready-made VONAGE_JWT needs nothing else", () =>
      Effect.gen(function*() {
        const client = yield* build({ VONAGE_JWT: "header.payload.signature" })
        assert.isTrue(Option.isNone(client.applicationId))
      }))

    const refusedConfigurations: ReadonlyArray<{
      readonly title: string
      readonly environment: Record<string, string>
      readonly named: ReadonlyArray<string>
      readonly notShown?: string
    }> = [
      {
        title: "a missing application id is a ConfigError naming VONAGE_APPLICATION_ID",
        environment: { VONAGE_PRIVATE_KEY: keys.privateKey },
        named: ["VONAGE_APPLICATION_ID", "VONAGE_JWT"]
      },
      {
        title: "a missing key is a ConfigError naming both ways to give one",
        environment: { VONAGE_APPLICATION_ID: "app" },
        named: ["VONAGE_PRIVATE_KEY", "VONAGE_PRIVATE_KEY_PATH"]
      },
      {
        title: "an unreadable key file is a ConfigError naming the variable and the file",
        environment: { VONAGE_APPLICATION_ID: "app", VONAGE_PRIVATE_KEY_PATH: "/no/such/private.key" },
        named: ["VONAGE_PRIVATE_KEY_PATH", "/no/such/private.key", "ENOENT"]
      },
      {
        title: "a key that is not PEM is a ConfigError that does not show the key",
        environment: { VONAGE_APPLICATION_ID: "app", VONAGE_PRIVATE_KEY: "not-a-key-secret-value" },
        named: ["VONAGE_PRIVATE_KEY", "PEM"],
        notShown: "not-a-key-secret-value"
      }
    ]
    for (const { environment, named, notShown, title } of refusedConfigurations) {
      it.scoped(title, () =>
        Effect.gen(function*() {
          const message = yield* configError(environment)
          for (const name of named) assert.include(message, name)
          if (notShown !== undefined) assert.notInclude(message, notShown)
        }))
    }

    it.scoped("a VONAGE_JWT or application id that cannot travel is a ConfigError naming it, before any request, never showing it", () =>
      Effect.gen(function*() {
        const emulator = yield* VonageEmulator.make({ publicKey: keys.publicKey })
        const url = { VONAGE_WHATSAPP_MANAGER_URL: emulator.url }
        const cases = [
          ["VONAGE_JWT", { VONAGE_JWT: "header.pay\rload.signature-secret" }, "carriage return"],
          ["VONAGE_JWT", { VONAGE_JWT: "header.pay\nload.signature-secret" }, "line feed"],
          ["VONAGE_JWT", { VONAGE_JWT: "header.payload.signature-secret\u0000" }, "NUL"],
          ["VONAGE_JWT", { VONAGE_JWT: "header.payload.sïgnature-secret-€" }, "Latin-1"],
          ["VONAGE_APPLICATION_ID", {
            VONAGE_APPLICATION_ID: "aaaa-secret\u0007-id",
            VONAGE_PRIVATE_KEY: keys.privateKey
          }, "application id"],
          [
            "VONAGE_APPLICATION_ID",
            { VONAGE_APPLICATION_ID: "aaaa secret id", VONAGE_PRIVATE_KEY: keys.privateKey },
            "application id"
          ],
          [
            "VONAGE_APPLICATION_ID",
            { VONAGE_APPLICATION_ID: "аaaa-secret-id", VONAGE_PRIVATE_KEY: keys.privateKey },
            "application id"
          ]
        ] as const
        for (const [variable, env, expected] of cases) {
          const message = yield* configError({ ...env, ...url })
          assert.include(message, variable)
          assert.include(message, expected)
          assert.notInclude(message, "secret")
        }
        assert.lengthOf(yield* emulator.requests, 0)
      }))

    it.scoped("a VONAGE_JWT with a line ending around it is trimmed and works", () =>
      Effect.gen(function*() {
        const client = yield* build({ VONAGE_JWT: "header.payload.signature\r\n" })
        assert.isTrue(Option.isNone(client.applicationId))
      }))

    it.scoped("an invalid base URL or token lifetime is a ConfigError naming it", () =>
      Effect.gen(function*() {
        const env = { VONAGE_APPLICATION_ID: "app", VONAGE_PRIVATE_KEY: keys.privateKey }
        assert.include(
          yield* configError({ ...env, VONAGE_WHATSAPP_MANAGER_URL: "api.nexmo.com" }),
          "VONAGE_WHATSAPP_MANAGER_URL"
        )
        assert.include(yield* configError({ ...env, VONAGE_JWT_TTL: "soon" }), "VONAGE_JWT_TTL")
        const templates = yield* configError({ ...env, VONAGE_TEMPLATES_URL: "ftp://api.nexmo.com/v2" })
        assert.include(templates, "VONAGE_TEMPLATES_URL")
        assert.notInclude(templates, "VONAGE_WHATSAPP_MANAGER_URL")
      }))

    it.scoped("VONAGE_TEMPLATES_URL sets the template API's base URL on its own (a trailing / dropped)", () =>
      Effect.gen(function*() {
        const client = yield* build({
          VONAGE_APPLICATION_ID: "app",
          VONAGE_PRIVATE_KEY: keys.privateKey,
          VONAGE_TEMPLATES_URL: "https://templates.example/v2/whatsapp-manager/"
        })
        assert.strictEqual(client.templatesUrl, "https://templates.example/v2/whatsapp-manager")
        assert.strictEqual(client.baseUrl, "https://api.nexmo.com/v0.1/whatsapp-manager")
      }))
  })
})
