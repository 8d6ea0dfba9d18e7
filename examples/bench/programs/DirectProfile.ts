/**
 * The same program written directly on effect and @effect/platform's HttpClient: sign the
 * Vonage application JWT (with jose, as wa-admin does — no hand-rolled crypto), GET the
 * profile, decode it with a schema, print it. Bundled by the bench as the baseline wa-admin's
 * size is compared with.
 */
import { HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Config, Console, Effect, Redacted, Schema } from "effect"
import { SignJWT } from "jose"
import { createPrivateKey, randomUUID } from "node:crypto"

const Profile = Schema.Struct({
  about: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  vertical: Schema.optional(Schema.String),
  websites: Schema.optional(Schema.Array(Schema.String))
})

const program = Effect.gen(function*() {
  const baseUrl = yield* Config.string("VONAGE_WHATSAPP_MANAGER_URL").pipe(
    Config.withDefault("https://api.nexmo.com/v0.1/whatsapp-manager")
  )
  const applicationId = yield* Config.string("VONAGE_APPLICATION_ID")
  const privateKey = yield* Config.redacted("VONAGE_PRIVATE_KEY")
  const number = yield* Config.string("VONAGE_DEPLOYMENT_ID")
  const now = Math.floor(Date.now() / 1000)
  const token = yield* Effect.promise(() =>
    new SignJWT({ application_id: applicationId })
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 900)
      .setJti(randomUUID())
      .sign(createPrivateKey(Redacted.value(privateKey)))
  )
  const client = yield* HttpClient.HttpClient
  const profile = yield* client
    .execute(
      HttpClientRequest.get(`${baseUrl}/deployments/${encodeURIComponent(number)}/profile`).pipe(
        HttpClientRequest.bearerToken(token),
        HttpClientRequest.acceptJson
      )
    )
    .pipe(Effect.flatMap(HttpClientResponse.filterStatusOk), Effect.flatMap(HttpClientResponse.schemaBodyJson(Profile)))
  yield* Console.log(JSON.stringify(profile))
})

program.pipe(Effect.provide(NodeHttpClient.layerUndici), NodeRuntime.runMain)
