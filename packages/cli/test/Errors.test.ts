import { assert, describe, it } from "@effect/vitest"
import { AdminError, NumberLifecycle, Port, Template, Templates } from "@wa-admin/core"
import { ConfigError, Duration, Effect, Layer, Schema, Stream } from "effect"
import * as ExitCode from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { argv, kaleyraProvision, lines, runWith, testProvider } from "./harness.js"

const origin = { provider: "failing", operation: "numbers.status" }

const cases: ReadonlyArray<readonly [AdminError.AdminError, number]> = [
  [
    new AdminError.InvalidInput({
      ...origin,
      source: "provider",
      issues: [new AdminError.FieldIssue({ field: "id", rule: "unknown deployment id format" })]
    }),
    4
  ],
  [new AdminError.Unauthorized({ ...origin, reason: "token expired" }), 5],
  [new AdminError.Forbidden({ ...origin, reason: "application may not manage this WABA" }), 5],
  [new AdminError.NotFound({ ...origin, resource: "registration", id: "r-1" }), 6],
  [new AdminError.Conflict({ ...origin, reason: "number in use", existingId: "r-0" }), 7],
  [new AdminError.VerificationFailed({ ...origin, reason: "too many attempts" }), 8],
  [new AdminError.RateLimited({ ...origin, attempts: 3, retryAfter: Duration.seconds(30) }), 9],
  [
    new AdminError.QuotaExceeded({ ...origin, quota: "templates.create", limit: 100, retryAfter: Duration.minutes(5) }),
    9
  ],
  [new AdminError.Unsupported(origin), 10],
  [new AdminError.ProviderUnavailable({ ...origin, status: 503, attempts: 4, reason: "HTTP 503" }), 11],
  [new AdminError.UnexpectedResponse({ ...origin, status: 200, reason: "body is not JSON", body: "<html>" }), 11],
  [new AdminError.OutcomeUnknown({ ...origin, reason: "connection reset after the request was sent" }), 12],
  [
    new AdminError.ProvisioningFailed({
      ...origin,
      id: "r-1",
      state: "failed",
      providerState: "ERROR",
      detail: "bad certificate"
    }),
    13
  ]
]

const providerWhose = (parts: Omit<Port.Parts, "provider" | "supportStatus">) => {
  const complete: Port.Parts = { provider: "failing", supportStatus: "stable", ...parts }
  return Providers.layerOf([testProvider("failing", Port.layerComplete(complete), Port.capabilities(complete))])
}

/** `numbers status` of registration `r-1` with the provider `failing`. */
const status = ["--provider", "failing", ...argv("numbers status", { id: "r-1" })]

const statusFailingWith = (failure: Effect.Effect<never, AdminError.AdminError>) =>
  runWith(providerWhose({ numberLifecycle: NumberLifecycle.make("failing", { status: () => failure }) }))

describe("wa-admin errors", () => {
  it.effect("each kind of error is one line on stderr and its own exit code", () =>
    Effect.gen(function*() {
      for (const [error, exitCode] of cases) {
        assert.strictEqual(ExitCode.ofAdminError(error), exitCode, error._tag)
        const result = yield* statusFailingWith(Effect.fail(error))(...status)
        assert.strictEqual(result.exitCode, exitCode, error._tag)
        assert.strictEqual(result.stdout, "", error._tag)
        assert.deepStrictEqual(lines(result.stderr), [`wa-admin: ${error.message}`], error._tag)
      }
    }))

  it.effect("invalid input, auth, not found, conflict, rate limit and provider failure exit differently", () =>
    Effect.gen(function*() {
      const codes = ["InvalidInput", "Unauthorized", "NotFound", "Conflict", "RateLimited", "ProviderUnavailable"].map(
        (tag) => cases.find(([error]) => error._tag === tag)?.[1]
      )
      assert.strictEqual(new Set(codes).size, codes.length)
      assert.isFalse(codes.includes(0))
      assert.isFalse(codes.includes(ExitCode.ExitCode.Usage))
      assert.isFalse(codes.includes(ExitCode.ExitCode.Config))
    }))

  it.effect("under --json an error is also written as the encoded AdminError on stderr", () =>
    Effect.gen(function*() {
      for (const [error, exitCode] of cases) {
        const result = yield* statusFailingWith(Effect.fail(error))("--json", ...status)
        assert.strictEqual(result.exitCode, exitCode)
        assert.strictEqual(result.stdout, "")
        const [message, json] = lines(result.stderr)
        assert.strictEqual(message, `wa-admin: ${error.message}`)
        assert.deepStrictEqual(Schema.decodeUnknownSync(AdminError.AdminError)(JSON.parse(json ?? "null")), error)
      }
    }))

  it.effect("a configuration error of the provider names the variable and exits 3", () =>
    Effect.gen(function*() {
      const registry = Providers.layerOf([
        testProvider(
          "unconfigured",
          Layer.fail(
            ConfigError.MissingData(
              ["VONAGE_APPLICATION_ID"],
              "Expected VONAGE_APPLICATION_ID to exist in the process context"
            )
          )
        )
      ])
      const result = yield* runWith(registry)(
        "--json",
        "--provider",
        "unconfigured",
        ...argv("numbers status", { id: "r-1" })
      )
      assert.strictEqual(result.exitCode, ExitCode.ExitCode.Config)
      assert.strictEqual(result.stdout, "")
      const [message, json] = lines(result.stderr)
      assert.include(message, "configuration error: VONAGE_APPLICATION_ID")
      assert.deepInclude(JSON.parse(json ?? "null"), { _tag: "ConfigError" })
    }))

  it.effect("a missing secret is named as not set, never shown as <redacted>", () =>
    Effect.gen(function*() {
      for (
        const [provider, variable] of [["woztell", "WOZTELL_ACCESS_TOKEN"], ["kaleyra", "KALEYRA_API_KEY"]] as const
      ) {
        const result = yield* runWith(Providers.layer, { KALEYRA_SID: "AC1" })("--provider", provider, "capabilities")
        assert.strictEqual(result.exitCode, 0, "capabilities need no credentials")
        const failed = yield* runWith(Providers.layer, { KALEYRA_SID: "AC1" })(
          "--provider",
          provider,
          ...kaleyraProvision()
        )
        assert.strictEqual(failed.exitCode, ExitCode.ExitCode.Config, failed.stderr)
        assert.include(failed.stderr, `${variable} is not set`)
        assert.notInclude(failed.stderr, "<redacted>")
      }
    }))

  it.effect("a defect is reported as an unexpected failure with exit code 1", () =>
    Effect.gen(function*() {
      const result = yield* statusFailingWith(Effect.dieMessage("boom"))(...status)
      assert.strictEqual(result.exitCode, ExitCode.ExitCode.Unexpected)
      assert.include(result.stderr, "unexpected failure")
      assert.include(result.stderr, "boom")
    }))

  it.effect("templates list writes rows as they arrive, before a later page fails", () =>
    Effect.gen(function*() {
      const first = new Template.Template({
        name: "first_page",
        language: "en_US",
        category: "UTILITY",
        status: "APPROVED",
        components: [{ _tag: "BODY", text: "Hello" }]
      })
      const registry = providerWhose({
        templates: Templates.make("failing", {
          list: () =>
            Stream.concat(
              Stream.make(first),
              Stream.fail(new AdminError.RateLimited({ provider: "failing", operation: "templates.list", attempts: 3 }))
            )
        })
      })
      const result = yield* runWith(registry)("--provider", "failing", "templates", "list", "--waba-id", "1")
      assert.strictEqual(result.exitCode, ExitCode.ExitCode.RateLimited)
      const [header, row, ...rest] = lines(result.stdout)
      assert.match(header ?? "", /^NAME/)
      assert.match(row ?? "", /^first_page\s+en_US/)
      assert.deepStrictEqual(rest, [])
      assert.lengthOf(lines(result.stderr), 1)
      assert.include(result.stderr, "rate limited")
    }))

  it.effect("an operation the provider lacks fails with Unsupported (exit 10), and capabilities says so first", () =>
    Effect.gen(function*() {
      const cli = runWith(providerWhose({}))
      const capabilities = yield* cli("--json", "--provider", "failing", "capabilities")
      assert.deepStrictEqual(JSON.parse(capabilities.stdout).operations, [])
      const result = yield* cli("--provider", "failing", "templates", "list", "--waba-id", "1")
      assert.strictEqual(result.exitCode, ExitCode.ExitCode.Unsupported)
      assert.deepStrictEqual(lines(result.stderr), ["wa-admin: failing.templates.list: not supported by failing"])
    }))
})
