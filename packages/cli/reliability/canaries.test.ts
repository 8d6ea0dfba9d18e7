/**
 * Secret canaries: high-entropy fake secrets for every credential the adapters hold — a real
 * generated RSA private key used as the Vonage key, the JWTs the adapter signs with it, a
 * ready-made `VONAGE_JWT`, the Vonage account API key, a WOZTELL access token, signature and
 * signed context, a Kaleyra API key — each containing `-`, `.`, `%`, `+` and `/`.
 *
 * A broad set of operations and failures runs against the emulators (configured through a
 * `ConfigProvider` holding the canaries, as users configure them) and against a fake
 * `HttpClient` whose odd answers echo back every secret the request carried (wrong
 * credentials, provider errors, invalid input, decode failures, redirects, transport errors),
 * through the library and through the command line run in-process. Everything a user or an
 * operator could see is captured: every log line at the most verbose level, every span (name,
 * attributes, events, status), every error rendered every way (`Cause.pretty`, `JSON.stringify`,
 * `message`, `String`, `inspect`, `stack`, the encoded `AdminError`), and the command line's
 * stdout and stderr. Each canary is searched for raw, URL-encoded and base64-encoded (standard
 * and URL-safe, padded and not), and the private key also line by line. None may be found.
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates, Transport } from "@wa-admin/core"
import { ReliabilityMetrics, Surfaces } from "@wa-admin/core/testing"
import { KaleyraAdmin, KaleyraProvider } from "@wa-admin/kaleyra"
import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { VonageAdmin, VonageProvider, VonageStickers } from "@wa-admin/vonage"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { WoztellAdmin, WoztellEncryption, WoztellFlows, WoztellProvider, WoztellWaba } from "@wa-admin/woztell"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Cause, ConfigProvider, Effect, Exit, Layer, Option, Stream } from "effect"
import { generateKeyPairSync, randomBytes } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Providers from "../src/Providers.js"
import { runWith } from "../test/harness.js"

// ---------------------------------------------------------------------------------------------
// The canaries
// ---------------------------------------------------------------------------------------------

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64")
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url")
const random = (bytes: number) => randomBytes(bytes).toString("base64")

/** A high-entropy fake secret holding `-`, `.`, `%`, `+` and `/` (and whatever base64 adds). */
const canary = (label: string, options: { readonly dot?: boolean } = {}) =>
  `${label}-${random(18)}${options.dot === false ? "" : "."}${randomBytes(6).toString("hex")}%2F+/${random(9)}-x`

const vonageKeys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" }
})
/** A key the emulator does not know: its JWTs are refused. */
const strangerKeys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" }
})

const secrets = {
  vonagePrivateKey: vonageKeys.privateKey,
  vonageJwt: `eyJ${base64url(random(24))}.${base64url(random(48))}.${canary("sig")}`,
  vonageApiKey: canary("vonage-account-key"),
  woztellAccessToken: canary("wz-access-token"),
  /** The emulator splits the signed context at its first dot: a real signature (base64) has none. */
  woztellSignature: canary("wz-signature", { dot: false }),
  woztellWrongToken: canary("wz-wrong-token"),
  woztellWrongSignature: canary("wz-wrong-signature"),
  kaleyraApiKey: canary("kaleyra-api-key"),
  kaleyraWrongKey: canary("kaleyra-wrong-key")
}

interface Needle {
  readonly canary: string
  readonly form: string
  readonly needle: string
}

const formsOf = (name: string, secret: string): ReadonlyArray<Needle> =>
  [
    ["raw", secret],
    ["URL-encoded", encodeURIComponent(secret)],
    ["base64", base64(secret)],
    ["base64 unpadded", base64(secret).replace(/=+$/, "")],
    ["base64url", `${base64url(secret)}${"=".repeat((4 - (base64url(secret).length % 4)) % 4)}`],
    ["base64url unpadded", base64url(secret)]
  ].map(([form = "", needle = ""]) => ({ canary: name, form, needle }))

/** A PEM in every form it could surface: whole, escaped, encoded, and each line of its body. */
const pemForms = (name: string, pem: string): ReadonlyArray<Needle> => {
  const body = pem.split("\n").filter((line) => line.length > 0 && !line.startsWith("-----"))
  return [
    ...formsOf(name, pem.trim()),
    { canary: name, form: "escaped newlines", needle: pem.trim().replaceAll("\n", "\\n") },
    { canary: name, form: "body joined", needle: body.join("") },
    // Every line of the body; a last line too short to be told from chance is left out.
    ...body.filter((line) => line.length >= 16).map((line, index) => ({
      canary: name,
      form: `body line ${index + 1}`,
      needle: line
    }))
  ]
}

/** Secrets minted while the scenarios run (the JWTs the adapter signs), with their signatures. */
const minted = new Set<string>()

const needles = (): ReadonlyArray<Needle> => [
  ...pemForms("vonagePrivateKey", secrets.vonagePrivateKey),
  ...Object.entries(secrets)
    .filter(([name]) => name !== "vonagePrivateKey")
    .flatMap(([name, secret]) => formsOf(name, secret)),
  ...formsOf("woztellSignedContext", signedContext()),
  ...[...minted].flatMap((jwt, index) => [
    ...formsOf(`signed JWT ${index + 1}`, jwt),
    { canary: `signed JWT ${index + 1}`, form: "signature segment", needle: jwt.split(".")[2] ?? jwt }
  ])
]

// WOZTELL's signed context is built from the emulator's ids; set once the emulator runs.
let woztellIds = { app: "", appIntegration: "", channel: "" }
const signedContext = () => `${secrets.woztellSignature}.${base64(JSON.stringify(woztellIds))}`

// ---------------------------------------------------------------------------------------------
// Capturing what a user or an operator could see
// ---------------------------------------------------------------------------------------------

type Captured = Surfaces.Captured

const { observe } = Surfaces

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

interface Outcome {
  readonly captured: ReadonlyArray<Captured>
  /** Whether the scenario ended as it should (the expected error, exit code or value). */
  readonly asExpected: boolean
  readonly summary: string
}

interface Scenario {
  readonly name: string
  readonly run: Effect.Effect<Outcome>
}

const describeExit = <A, E>(exit: Exit.Exit<A, E>) =>
  Exit.isSuccess(exit)
    ? "success"
    : Option.match(Cause.failureOption(exit.cause), {
      onNone: () => `defect: ${Cause.pretty(exit.cause).slice(0, 300)}`,
      onSome: (error) =>
        typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : String(error)
    })

/** A library call against a layer built inside the observation (so its construction is seen too). */
const library = <A, E, R>(
  name: string,
  layer: Layer.Layer<R, unknown>,
  environment: Readonly<Record<string, string>>,
  program: Effect.Effect<A, E, R>,
  expected: "success" | ReadonlyArray<string>
): Scenario => ({
  name,
  run: Effect.map(
    observe(
      program.pipe(
        Effect.provide(layer),
        fastRetries,
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(environment))))
      )
    ),
    ({ captured, exit }) => {
      const summary = describeExit(exit)
      return {
        captured,
        summary,
        asExpected: expected === "success" ? summary === "success" : expected.includes(summary)
      }
    }
  )
})

/** A command line run in-process, its stdout and stderr captured with everything else. */
const command = (
  name: string,
  registry: Layer.Layer<Providers.Registry>,
  environment: Readonly<Record<string, string>>,
  args: ReadonlyArray<string>,
  expectedExitCode: number
): Scenario => ({
  name: `wa-admin ${name}`,
  run: Effect.map(
    observe(fastRetries(runWith(registry, environment)("--log-level", "all", ...args))),
    ({ captured, exit }) => {
      const result = Exit.isSuccess(exit) ? exit.value : undefined
      return {
        captured: [
          ...captured,
          { surface: "stdout", text: result?.stdout ?? "" },
          { surface: "stderr", text: result?.stderr ?? "" }
        ],
        summary: result === undefined
          ? describeExit(exit)
          : `exit ${result.exitCode}: ${result.stderr.split("\n")[0] ?? ""}`,
        asExpected: result?.exitCode === expectedExitCode
      }
    }
  )
})

/** Retries that do not wait: the scenarios are about what surfaces, not about backoff. */
const fastRetries = Transport.withPolicy({
  maxAttempts: 2,
  baseDelay: "1 millis",
  maxDelay: "2 millis",
  jitter: "none"
})

// ---------------------------------------------------------------------------------------------
// A fake provider whose odd answers echo every secret the request carried
// ---------------------------------------------------------------------------------------------

/** The secret values a request carries: credential headers, the token parameter and body field. */
const secretsIn = (request: HttpClientRequest.HttpClientRequest): ReadonlyArray<string> => {
  const found: Array<string> = []
  for (const [name, value] of Object.entries(request.headers)) {
    if (!/^(authorization|api-key|x-woztell-)/i.test(name)) continue
    found.push(value, value.replace(/^Bearer\s+/i, ""))
    if (/^Bearer\s+/i.test(value)) minted.add(value.replace(/^Bearer\s+/i, ""))
  }
  const token = new URL(request.url).searchParams.get("accessToken") ??
    request.urlParams.find(([key]) => key === "accessToken")?.[1]
  if (token !== undefined) found.push(token)
  if (request.body._tag === "Uint8Array") {
    const text = new TextDecoder().decode(request.body.body)
    const field = /"accessToken":"([^"]*)"/.exec(text)?.[1]
    if (field !== undefined) found.push(field)
  }
  return [...new Set(found)]
}

/** Every secret of a request, raw and encoded, in one line of text. */
const echo = (request: HttpClientRequest.HttpClientRequest) =>
  secretsIn(request)
    .flatMap((secret) => [secret, encodeURIComponent(secret), base64(secret), base64url(secret)])
    .join(" | ")

type Reply = (request: HttpClientRequest.HttpClientRequest) => {
  readonly status: number
  readonly body?: unknown
  readonly text?: string
  readonly headers?: Record<string, string>
}

/** An `HttpClient` answering from a function; a reply of `"transport error"` fails the connection. */
const fakeHttp = (reply: Reply | "transport error"): Layer.Layer<HttpClient.HttpClient> =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) => {
      if (reply === "transport error") {
        const message = `socket hang up while sending ${echo(request)}`
        return Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Transport",
            description: message,
            cause: new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code: "ECONNRESET" }) })
          })
        )
      }
      return Effect.sync(() => {
        const answer = reply(request)
        const text = answer.text ?? (answer.body === undefined ? null : JSON.stringify(answer.body))
        return HttpClientResponse.fromWeb(
          request,
          new Response(text, {
            status: answer.status,
            headers: { "content-type": "application/json", ...answer.headers }
          })
        )
      })
    })
  )

const vonageProblem = (code: string, status: number) => (request: HttpClientRequest.HttpClientRequest) => ({
  status,
  body: {
    type: `https://developer.vonage.com/api-errors/whatsapp-provisioning#${code}`,
    title: `Refused ${echo(request)}`,
    detail: `Active deployment already exists with id ${secretsIn(request)[1] ?? ""} — credentials were ${
      echo(request)
    }`,
    instance: echo(request),
    invalid_parameters: [
      { name: "vname_certificate", reason: `must not be ${echo(request)}` },
      { name: echo(request), reason: "unknown parameter" }
    ]
  }
})

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

const temporary = mkdtempSync(join(tmpdir(), "wa-admin-canaries-"))
const certificatePath = join(temporary, "certificate.png")
writeFileSync(
  certificatePath,
  Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])
)
const textCertificatePath = join(temporary, "certificate.pdf")
writeFileSync(textCertificatePath, "not a pdf, a renamed text file\n")

const provisioning = (phoneNumber: string) => ({
  phoneNumber,
  wabaId: "123456789123",
  verificationMethod: "sms" as const,
  providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
})

const kaleyraBusiness = {
  id: "1234567891",
  name: "Acme Ltd",
  certificate: {
    fileName: "certificate.png",
    bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])
  }
}

const kaleyraRequest = {
  phoneNumber: "+447700900123",
  displayName: "Acme Support",
  providerOptions: { kaleyra: { business: kaleyraBusiness } }
}

const vonageLayer = (http: Layer.Layer<HttpClient.HttpClient>) => VonageAdmin.layerConfig.pipe(Layer.provide(http))
const woztellLayer = (http: Layer.Layer<HttpClient.HttpClient>) => WoztellAdmin.layerConfig.pipe(Layer.provide(http))
const kaleyraLayer = (http: Layer.Layer<HttpClient.HttpClient>) => KaleyraAdmin.layerConfig.pipe(Layer.provide(http))

const registryOver = (name: "vonage" | "woztell" | "kaleyra", http: Layer.Layer<HttpClient.HttpClient>) =>
  Providers.layerOf([
    name === "vonage"
      ? { ...VonageProvider, layerConfig: vonageLayer(http) }
      : name === "woztell"
      ? { ...WoztellProvider, layerConfig: woztellLayer(http) }
      : { ...KaleyraProvider, layerConfig: kaleyraLayer(http) }
  ])

type Environment = Readonly<Record<string, string>>

/**
 * The scenarios of one provider: library calls (`live` on its emulator, `fake` on an `HttpClient`
 * answering `reply`) and command lines (`cli`, `fakeCli`), configured by `environment` (the fake
 * ones by `fakeEnvironment`), with `overrides` replacing some of its variables.
 */
const scenariosOf = <ROut>(
  provider: "vonage" | "woztell" | "kaleyra",
  layerOf: (http: Layer.Layer<HttpClient.HttpClient>) => Layer.Layer<ROut, unknown>,
  environment: Environment,
  fakeEnvironment: Environment
) => {
  const liveLayer = layerOf(NodeHttpClient.layerUndici)
  return {
    liveLayer,
    live: <A, E>(
      name: string,
      program: Effect.Effect<A, E, ROut>,
      expected: "success" | ReadonlyArray<string>,
      overrides: Environment = {}
    ) => library(name, liveLayer, { ...environment, ...overrides }, program, expected),
    fake: <A, E>(
      name: string,
      reply: Reply | "transport error",
      program: Effect.Effect<A, E, ROut>,
      expected: "success" | ReadonlyArray<string>
    ) => library(name, layerOf(fakeHttp(reply)), fakeEnvironment, program, expected),
    cli: (name: string, args: ReadonlyArray<string>, exitCode: number, overrides: Environment = {}) =>
      command(name, Providers.layer, { WA_ADMIN_PROVIDER: provider, ...environment, ...overrides }, args, exitCode),
    fakeCli: (name: string, reply: Reply | "transport error", args: ReadonlyArray<string>, exitCode: number) =>
      command(
        name,
        registryOver(provider, fakeHttp(reply)),
        { WA_ADMIN_PROVIDER: provider, ...fakeEnvironment },
        args,
        exitCode
      )
  }
}

const vonageScenarios = Effect.gen(function*() {
  const emulator = yield* VonageEmulator.make({
    publicKey: vonageKeys.publicKey,
    apiKey: secrets.vonageApiKey,
    stageDuration: "10 millis"
  })
  const stranger = yield* VonageEmulator.make({ publicKey: strangerKeys.publicKey, apiKey: secrets.vonageApiKey })
  const environment = {
    VONAGE_APPLICATION_ID: emulator.credentials.applicationId,
    VONAGE_PRIVATE_KEY: secrets.vonagePrivateKey,
    VONAGE_WHATSAPP_MANAGER_URL: emulator.url
  }
  const fakeEnvironment = { ...environment, VONAGE_WHATSAPP_MANAGER_URL: "https://vonage.test/v0.1/whatsapp-manager" }
  const { cli, fake, fakeCli, live, liveLayer } = scenariosOf("vonage", vonageLayer, environment, fakeEnvironment)
  const corruptedKey = secrets.vonagePrivateKey.replace(/\n([A-Za-z0-9+/]{10})/, "\n!!!!!!!!!!")
  const id = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"

  const read = NumberLifecycle.status({ id })
  const provision = NumberLifecycle.provision(provisioning("+447700900003"))
  /** Vonage's documented problems, each echoing the token: the scenario, the problem, what the caller gets. */
  const problems = [
    ["vonage: 401 echoing the token", "unauthorized", 401, read, ["Unauthorized"]],
    ["vonage: 422 with invalid parameters echoing the token", "unprocessable", 422, provision, ["InvalidInput"]],
    ["vonage: 409 number-in-use echoing the token", "number-in-use", 409, provision, ["Conflict"]],
    ["vonage: 500 echoing the token (read)", "internal", 500, read, ["ProviderUnavailable"]],
    ["vonage: 500 echoing the token (provision)", "internal", 500, provision, ["OutcomeUnknown"]]
  ] as const

  const scenarios: ReadonlyArray<Scenario> = [
    live("vonage: provision", NumberLifecycle.provision(provisioning("+447700900001")), "success"),
    live("vonage: provision a number in use", NumberLifecycle.provision(provisioning("+447700900001")), ["Conflict"]),
    live("vonage: status of an unknown deployment", read, ["NotFound"]),
    live(
      "vonage: verify before a code was sent, or a wrong code",
      Effect.gen(function*() {
        const registration = yield* NumberLifecycle.provision(provisioning("+447700900002"))
        return yield* NumberLifecycle.verifyCode({ id: registration.id, code: "000000" })
      }),
      ["Conflict", "VerificationFailed"]
    ),
    live(
      "vonage: profile change breaking the rules",
      BusinessProfile.update({
        number: id,
        profile: { about: "x".repeat(200), websites: ["https://a.example", "https://b.example", "ftp://c.example"] }
      }),
      ["InvalidInput"]
    ),
    live("vonage: profile of an unknown deployment", BusinessProfile.get({ number: id }), ["NotFound"]),
    live("vonage: an unknown stickerpack", VonageStickers.getStickerpack({ deploymentId: id, stickerpackId: "nope" }), [
      "NotFound"
    ]),
    library(
      "vonage: a ready-made VONAGE_JWT that is refused",
      liveLayer,
      { VONAGE_JWT: secrets.vonageJwt, VONAGE_WHATSAPP_MANAGER_URL: emulator.url },
      read,
      ["Unauthorized"]
    ),
    live("vonage: a key the provider does not know (refused, re-signed, refused)", read, ["Unauthorized"], {
      VONAGE_APPLICATION_ID: stranger.credentials.applicationId,
      VONAGE_WHATSAPP_MANAGER_URL: stranger.url
    }),
    live("vonage: a corrupted private key", read, ["ConfigError"], { VONAGE_PRIVATE_KEY: corruptedKey }),
    ...problems.map(([name, code, status, program, expected]) =>
      fake(name, vonageProblem(code, status), program, expected)
    ),
    fake(
      "vonage: 429 echoing the token",
      (request) => ({ ...vonageProblem("throttled", 429)(request), headers: { "retry-after": "86400" } }),
      read,
      ["RateLimited"]
    ),
    fake(
      "vonage: a 200 that is not JSON, echoing the token",
      (request) => ({ status: 200, text: `<html>proxy error for ${echo(request)}</html>` }),
      read,
      ["UnexpectedResponse"]
    ),
    fake(
      "vonage: a deployment in an undocumented state named like the token",
      (request) => ({
        status: 200,
        body: {
          deployment_id: id,
          current_state: { title: echo(request), detail: echo(request) },
          api_key: echo(request)
        }
      }),
      read,
      ["UnexpectedResponse"]
    ),
    fake(
      "vonage: a profile whose vertical is the token",
      (request) => ({
        status: 200,
        body: { about: "ok", vertical: secretsIn(request)[1] ?? "", email: echo(request) }
      }),
      BusinessProfile.get({ number: id }),
      ["UnexpectedResponse"]
    ),
    fake(
      "vonage: a redirect carrying the token",
      (request) => ({
        status: 302,
        headers: {
          location: `https://elsewhere.test/${encodeURIComponent(secretsIn(request)[1] ?? "")}?token=${
            encodeURIComponent(echo(request))
          }`
        }
      }),
      read,
      ["UnexpectedResponse"]
    ),
    fake(
      "vonage: a connection reset whose message holds the token",
      "transport error",
      provision,
      ["OutcomeUnknown"]
    ),
    cli("vonage: numbers status of an unknown deployment", ["--json", "numbers", "status", "--id", id], 6),
    cli("vonage: numbers provision twice", [
      "numbers",
      "provision",
      "--phone-number",
      "+447700900001",
      "--waba-id",
      "123456789123",
      "--vname-certificate",
      "AbCdEF"
    ], 7),
    command(
      "vonage: a refused VONAGE_JWT",
      Providers.layer,
      { WA_ADMIN_PROVIDER: "vonage", VONAGE_JWT: secrets.vonageJwt, VONAGE_WHATSAPP_MANAGER_URL: emulator.url },
      ["--json", "numbers", "status", "--id", id],
      5
    ),
    cli("vonage: a corrupted VONAGE_PRIVATE_KEY", ["--json", "numbers", "status", "--id", id], 3, {
      VONAGE_PRIVATE_KEY: corruptedKey
    }),
    cli("vonage: profile set breaking the rules", [
      "--json",
      "profile",
      "set",
      "--number",
      id,
      "--website",
      "ftp://example.com",
      "--vertical",
      "NotABusiness"
    ], 4),
    fakeCli("vonage: a 500 echoing the token", vonageProblem("internal", 500), [
      "--json",
      "numbers",
      "status",
      "--id",
      id
    ], 11),
    fakeCli(
      "vonage: a 401 echoing the token",
      vonageProblem("unauthorized", 401),
      ["profile", "get", "--number", id],
      5
    )
  ]
  const observed = yield* Effect.forEach(
    scenarios,
    (scenario) => Effect.map(scenario.run, (outcome) => ({ scenario, outcome }))
  )
  for (const request of [...(yield* emulator.requests), ...(yield* stranger.requests)]) {
    const authorization = request.headers["authorization"]
    if (authorization !== undefined && authorization !== `Bearer ${secrets.vonageJwt}`) {
      minted.add(authorization.replace(/^Bearer\s+/i, ""))
    }
  }
  const sentTheReadyMadeToken = (yield* emulator.requests).some(
    (request) => request.headers["authorization"] === `Bearer ${secrets.vonageJwt}`
  )
  return { observed, wire: { sentTheReadyMadeToken, signedTokens: minted.size } }
})

const woztellScenarios = Effect.gen(function*() {
  const emulator = yield* WoztellEmulator.make({
    accessToken: secrets.woztellAccessToken,
    signature: secrets.woztellSignature
  })
  const { credentials } = emulator
  woztellIds = { app: credentials.appId, appIntegration: credentials.appIntegrationId, channel: credentials.channelId }
  const environment = {
    WOZTELL_BASE_URL: emulator.url,
    WOZTELL_ACCESS_TOKEN: secrets.woztellAccessToken,
    WOZTELL_APP_ID: credentials.appId,
    WOZTELL_APP_INTEGRATION_ID: credentials.appIntegrationId,
    WOZTELL_CHANNEL_ID: credentials.channelId,
    WOZTELL_APP_INTEGRATION_SIGNATURE: secrets.woztellSignature,
    WOZTELL_WABA_ID: credentials.wabaId,
    WOZTELL_PHONE_NUMBER_ID: credentials.phoneNumberId,
    WOZTELL_QUOTA_DIR: join(temporary, "quota")
  }
  const fakeEnvironment = { ...environment, WOZTELL_BASE_URL: "https://woztell.test/v1.2/api" }
  const { cli, fake, fakeCli, live } = scenariosOf("woztell", woztellLayer, environment, fakeEnvironment)
  const wabaId = credentials.wabaId
  const number = credentials.phoneNumberId
  const draft = {
    name: "order_update",
    language: "en_US",
    category: "UTILITY" as const,
    components: [{ _tag: "BODY" as const, text: "Your order {{1}} has shipped", examples: [["A-1"]] }]
  }

  const scenarios: ReadonlyArray<Scenario> = [
    live("woztell: profile", BusinessProfile.get({ number }), "success"),
    live("woztell: templates", Stream.runCollect(Templates.list({ wabaId })), "success"),
    live("woztell: create a template", Templates.create({ wabaId, template: draft }), "success"),
    live("woztell: create it again", Templates.create({ wabaId, template: draft }), ["Conflict", "InvalidInput"]),
    live("woztell: an unknown template", Templates.get({ wabaId, name: "no_such_template", language: "en_US" }), [
      "NotFound"
    ]),
    live(
      "woztell: a template breaking the rules",
      Templates.create({ wabaId, template: { ...draft, name: "Order Update!", components: [] } }),
      ["InvalidInput"]
    ),
    live("woztell: an unknown flow (signed context)", WoztellFlows.detail({ flowId: "9999999999999999" }), [
      "NotFound"
    ]),
    live(
      "woztell: the Vonage private key given as the business public key",
      WoztellEncryption.set({ publicKey: secrets.vonagePrivateKey }),
      ["InvalidInput"]
    ),
    live(
      "woztell: media for an unknown number",
      Media.upload({ number: "999999999999", kind: "image", url: "https://example.com/a.png" }),
      ["NotFound"]
    ),
    live("woztell: number status", NumberLifecycle.status({ id: number }), "success"),
    live("woztell: a wrong access token", BusinessProfile.get({ number }), ["Unauthorized"], {
      WOZTELL_ACCESS_TOKEN: secrets.woztellWrongToken
    }),
    live("woztell: a wrong signature (signed context refused)", WoztellWaba.numberStatus(), ["Unauthorized"], {
      WOZTELL_APP_INTEGRATION_SIGNATURE: secrets.woztellWrongSignature
    }),
    fake(
      "woztell: ok 0 on a 200, echoing the token",
      (request) => ({ status: 200, body: { ok: 0, error: `Invalid access token ${echo(request)}` } }),
      BusinessProfile.get({ number }),
      // Classified by what WOZTELL's document gives (the status and the envelope), never by the
      // words of its message.
      ["UnexpectedResponse"]
    ),
    fake(
      "woztell: 400 whose message names the token",
      (request) => ({
        status: 400,
        body: { ok: 0, error: { message: `${secretsIn(request)[0] ?? ""} is not valid: ${echo(request)}` } }
      }),
      Templates.create({ wabaId, template: draft }),
      ["InvalidInput"]
    ),
    fake(
      "woztell: 401 with a message echoing the signed context",
      (request) => ({ status: 401, body: { message: echo(request), err: echo(request) } }),
      WoztellFlows.detail({ flowId: "1187654321098765" }),
      ["Unauthorized"]
    ),
    fake(
      "woztell: 404 echoing the token",
      (request) => ({ status: 404, body: { ok: 0, error: `Phone number not found for ${echo(request)}` } }),
      BusinessProfile.get({ number }),
      ["NotFound"]
    ),
    fake(
      "woztell: 500 echoing the token (write)",
      (request) => ({ status: 500, body: { ok: 0, error: echo(request) } }),
      Media.upload({ number, kind: "image", url: "https://example.com/a.png" }),
      ["OutcomeUnknown"]
    ),
    fake(
      "woztell: a 200 that is not JSON, echoing the token",
      (request) => ({ status: 200, text: `<html>${echo(request)}</html>` }),
      WoztellWaba.info(),
      ["UnexpectedResponse"]
    ),
    fake(
      "woztell: ok 1 with an undecodable body echoing the token",
      (request) => ({
        status: 200,
        body: { ok: 1, data: echo(request), result: { wabaId: 42, name: echo(request) } }
      }),
      WoztellWaba.info(),
      ["UnexpectedResponse"]
    ),
    fake(
      "woztell: a templates page whose repeated cursor is the token",
      (request) => ({
        status: 200,
        body: {
          ok: 1,
          data: [],
          paging: { hasNext: true, cursors: { after: secretsIn(request)[0] ?? "", before: echo(request) } }
        }
      }),
      Stream.runCollect(Templates.list({ wabaId })),
      ["UnexpectedResponse"]
    ),
    fake(
      "woztell: a redirect carrying the token",
      (request) => ({
        status: 307,
        headers: { location: `https://elsewhere.test/?accessToken=${encodeURIComponent(echo(request))}` }
      }),
      BusinessProfile.get({ number }),
      ["UnexpectedResponse"]
    ),
    fake(
      "woztell: a connection reset whose message holds the token",
      "transport error",
      WoztellFlows.publish({ flowId: "1187654321098765" }),
      ["OutcomeUnknown"]
    ),
    cli("woztell: profile get", ["--json", "profile", "get"], 0),
    cli("woztell: an unknown template", [
      "--json",
      "templates",
      "get",
      "--name",
      "no_such_template",
      "--language",
      "en_US"
    ], 6),
    cli("woztell: a wrong access token", ["--json", "profile", "get"], 5, {
      WOZTELL_ACCESS_TOKEN: secrets.woztellWrongToken
    }),
    fakeCli(
      "woztell: ok 0 echoing the token",
      (request) => ({ status: 200, body: { ok: 0, error: `Invalid access token ${echo(request)}` } }),
      ["--json", "profile", "get", "--number", number],
      11
    ),
    fakeCli(
      "woztell: 400 echoing the token",
      (request) => ({ status: 400, body: { ok: 0, error: `profile.about must not be ${echo(request)}` } }),
      ["profile", "set", "--number", number, "--about", "Fresh bread"],
      4
    )
  ]
  const observed = yield* Effect.forEach(
    scenarios,
    (scenario) => Effect.map(scenario.run, (outcome) => ({ scenario, outcome }))
  )
  const requests = yield* emulator.requests
  const sentTheToken = requests.some(
    (request) =>
      request.query["accessToken"] === secrets.woztellAccessToken ||
      (request.body as { accessToken?: unknown } | undefined)?.accessToken === secrets.woztellAccessToken
  )
  const sentTheSignedContext = requests.some((request) =>
    request.headers["x-woztell-signedcontext"] === signedContext()
  )
  return { observed, wire: { sentTheToken, sentTheSignedContext } }
})

const kaleyraScenarios = Effect.gen(function*() {
  const emulator = yield* KaleyraEmulator.make({ apiKey: secrets.kaleyraApiKey })
  const environment = {
    KALEYRA_BASE_URL: emulator.url,
    KALEYRA_SID: emulator.credentials.sid,
    KALEYRA_API_KEY: secrets.kaleyraApiKey
  }
  const fakeEnvironment = { ...environment, KALEYRA_BASE_URL: "https://kaleyra.test" }
  const { cli, fake, fakeCli, live } = scenariosOf("kaleyra", kaleyraLayer, environment, fakeEnvironment)
  const validation = (request: HttpClientRequest.HttpClientRequest) => ({
    code: "E939",
    message: `Failed for ${echo(request)}`,
    data: [],
    error: {
      code: "E413",
      type: "VALIDATION_ERROR",
      parameter: "business_certificate",
      message: `api-key ${echo(request)} may not upload this`
    }
  })
  const provisionArgs = [
    "numbers",
    "provision",
    "--phone-number",
    "+447700900123",
    "--display-name",
    "Acme Support",
    "--business-id",
    "1234567891",
    "--business-name",
    "Acme Ltd",
    "--certificate"
  ]

  const scenarios: ReadonlyArray<Scenario> = [
    live("kaleyra: provision", NumberLifecycle.provision(kaleyraRequest), "success"),
    live("kaleyra: provision again", NumberLifecycle.provision(kaleyraRequest), ["Conflict"]),
    live("kaleyra: a wrong API key", NumberLifecycle.provision(kaleyraRequest), ["Unauthorized"], {
      KALEYRA_API_KEY: secrets.kaleyraWrongKey
    }),
    live(
      "kaleyra: a renamed text file as the certificate",
      NumberLifecycle.provision({
        ...kaleyraRequest,
        providerOptions: {
          kaleyra: {
            business: {
              ...kaleyraBusiness,
              certificate: { fileName: "c.pdf", bytes: new TextEncoder().encode("text") }
            }
          }
        }
      }),
      ["InvalidInput"]
    ),
    fake(
      "kaleyra: E413 on a 200, echoing the key",
      (request) => ({ status: 200, body: validation(request) }),
      NumberLifecycle.provision(kaleyraRequest),
      ["InvalidInput"]
    ),
    fake(
      "kaleyra: E413 on a 400, echoing the key",
      (request) => ({ status: 400, body: validation(request) }),
      NumberLifecycle.provision(kaleyraRequest),
      ["InvalidInput"]
    ),
    fake(
      "kaleyra: E937 on a 200, echoing the key",
      (request) => ({
        status: 200,
        body: { ...validation(request), error: { code: "E937", message: echo(request) } }
      }),
      NumberLifecycle.provision(kaleyraRequest),
      ["Conflict"]
    ),
    fake(
      "kaleyra: an unknown code on a 200, echoing the key",
      (request) => ({
        status: 200,
        body: { code: "E999", message: echo(request), error: { message: echo(request) } }
      }),
      NumberLifecycle.provision(kaleyraRequest),
      ["UnexpectedResponse"]
    ),
    fake(
      "kaleyra: 401 echoing the key",
      (request) => ({
        status: 401,
        body: { code: "RBC001", message: `Incorrect API key ${echo(request)}`, error: {} }
      }),
      NumberLifecycle.provision(kaleyraRequest),
      ["Unauthorized"]
    ),
    fake(
      "kaleyra: 500 echoing the key",
      (request) => ({ status: 500, body: validation(request) }),
      NumberLifecycle.provision(kaleyraRequest),
      ["OutcomeUnknown"]
    ),
    fake(
      "kaleyra: I102 with an undecodable body echoing the key",
      (request) => ({
        status: 200,
        body: { code: "I102", message: echo(request), data: [{ phone_number: echo(request) }] }
      }),
      NumberLifecycle.provision(kaleyraRequest),
      ["UnexpectedResponse"]
    ),
    fake(
      "kaleyra: a 200 that is not JSON, echoing the key",
      (request) => ({ status: 200, text: echo(request) }),
      NumberLifecycle.provision(kaleyraRequest),
      ["UnexpectedResponse"]
    ),
    cli("kaleyra: a wrong API key", ["--json", ...provisionArgs, certificatePath], 5, {
      KALEYRA_API_KEY: secrets.kaleyraWrongKey
    }),
    cli("kaleyra: provision after the account's one activation", [...provisionArgs, certificatePath], 7),
    cli("kaleyra: a renamed text certificate", ["--json", ...provisionArgs, textCertificatePath], 4),
    fakeCli("kaleyra: E413 echoing the key", (request) => ({ status: 200, body: validation(request) }), [
      "--json",
      ...provisionArgs,
      certificatePath
    ], 4)
  ]
  const observed = yield* Effect.forEach(
    scenarios,
    (scenario) => Effect.map(scenario.run, (outcome) => ({ scenario, outcome }))
  )
  const sentTheKey = (yield* emulator.requests).some((request) => request.headers["api-key"] === secrets.kaleyraApiKey)
  return { observed, wire: { sentTheKey } }
})

describe("secret canaries", () => {
  it("the search finds a canary in every form it looks for", () => {
    for (const needle of needles()) {
      assert.isTrue(`…${needle.needle}…`.includes(needle.needle))
    }
    const text = `x ${base64url(secrets.kaleyraApiKey)} y`
    assert.isTrue(needles().some((needle) => needle.canary === "kaleyraApiKey" && text.includes(needle.needle)))
    const line = secrets.vonagePrivateKey.split("\n")[3] ?? ""
    assert.isTrue(
      needles().some((needle) => needle.form.startsWith("body line") && `…${line}…`.includes(needle.needle))
    )
    // Every canary but the private key (a real PEM) holds each character that encodings change.
    for (const [name, secret] of Object.entries(secrets)) {
      if (name === "vonagePrivateKey") continue
      for (const character of ["-", ".", "%", "+", "/"]) {
        if (secret === secrets.woztellSignature && character === ".") continue
        assert.include(secret, character)
      }
    }
  })

  it.scopedLive(
    "no canary reaches a log line, a span, an error rendering or the command line's output",
    () =>
      Effect.gen(function*() {
        const vonage = yield* vonageScenarios
        const woztell = yield* woztellScenarios
        const kaleyra = yield* kaleyraScenarios
        yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(temporary, { recursive: true, force: true })))

        // The canaries were in play: sent on the wire, as users' credentials are.
        assert.isTrue(vonage.wire.sentTheReadyMadeToken, "the ready-made VONAGE_JWT was sent")
        assert.isAbove(vonage.wire.signedTokens, 1, "JWTs signed with the canary key were sent")
        assert.isTrue(woztell.wire.sentTheToken, "the WOZTELL access token was sent")
        assert.isTrue(woztell.wire.sentTheSignedContext, "the WOZTELL signed context was sent")
        assert.isTrue(kaleyra.wire.sentTheKey, "the Kaleyra API key was sent")

        const all = [...vonage.observed, ...woztell.observed, ...kaleyra.observed]
        const search = needles()
        const findings: Array<string> = []
        const unexpected: Array<string> = []
        let passed = 0
        for (const { outcome, scenario } of all) {
          const found = new Set<string>()
          for (const { surface, text } of outcome.captured) {
            for (const needle of search) {
              if (text.includes(needle.needle)) {
                found.add(`${scenario.name} — ${surface}: ${needle.canary} (${needle.form})`)
              }
            }
          }
          findings.push(...found)
          if (!outcome.asExpected) unexpected.push(`${scenario.name}: ended ${outcome.summary}`)
          if (found.size === 0 && outcome.asExpected) passed++
        }
        ReliabilityMetrics.record({
          area: "canaries",
          scenariosRun: all.length,
          scenariosPassed: passed,
          canariesFound: findings.length
        })
        assert.deepStrictEqual({ unexpected, findings }, { unexpected: [], findings: [] })
        assert.strictEqual(passed, all.length)
      }),
    120_000
  )
})
