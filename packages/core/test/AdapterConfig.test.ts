import { assert, describe, it } from "@effect/vitest"
import { AdapterConfig } from "@wa-admin/core/adapter"
import { Config, ConfigError, ConfigProvider, Effect, Redacted } from "effect"

const read = <A>(config: Config.Config<A>, env: Record<string, string>) =>
  Effect.withConfigProvider(config, ConfigProvider.fromMap(new Map(Object.entries(env))))

const refusal = (error: ConfigError.ConfigError) => ({
  path: ConfigError.isInvalidData(error) ? error.path : [],
  text: String(error)
})

describe("AdapterConfig", () => {
  it.effect("a base URL: the default when unset, its trailing / dropped, anything but an absolute http(s) URL refused naming the variable", () =>
    Effect.gen(function*() {
      const config = AdapterConfig.baseUrl("ACME_BASE_URL", "https://api.acme.example/v1")
      assert.strictEqual(yield* read(config, {}), "https://api.acme.example/v1")
      assert.strictEqual(
        yield* read(config, { ACME_BASE_URL: " http://127.0.0.1:8080/v1// " }),
        "http://127.0.0.1:8080/v1"
      )
      for (const bad of ["ftp://acme.example", "acme.example/v1", "https://", "javascript:alert(1)"]) {
        const error = yield* Effect.flip(read(config, { ACME_BASE_URL: bad }))
        assert.deepStrictEqual(refusal(error).path, ["ACME_BASE_URL"], bad)
        assert.include(refusal(error).text, "Expected an absolute http(s) URL")
      }
      const given = yield* Effect.flip(AdapterConfig.checkBaseUrl("file:///etc/passwd", "ACME_BASE_URL"))
      assert.deepStrictEqual(refusal(given).path, ["ACME_BASE_URL"])
      const withPassword = yield* Effect.flip(
        AdapterConfig.checkBaseUrl("ftp://admin:s3cret@acme.example/v1", "ACME_BASE_URL")
      )
      assert.notInclude(refusal(withPassword).text, "s3cret", "a password in the URL is not shown")
      for (
        const careless of [
          "ftp://admin:p@ss-s3cret@acme.example/v1",
          "  ftp://admin:s3cret@acme.example",
          "admin:s3cret@acme.example"
        ]
      ) {
        const refused = yield* Effect.flip(AdapterConfig.checkBaseUrl(careless, "ACME_BASE_URL"))
        assert.notInclude(refusal(refused).text, "s3cret", careless)
        assert.include(refusal(refused).text, "acme.example", careless)
      }
      const pasted = yield* Effect.flip(AdapterConfig.checkBaseUrl("x".repeat(100_000), "ACME_BASE_URL"))
      assert.isBelow(refusal(pasted).text.length, 400, "a huge value is cut in the refusal")
    }))

  it.effect("a secret sent in a header: trimmed, never blank, no line break or non-Latin-1 character, never shown in the refusal", () =>
    Effect.gen(function*() {
      const config = AdapterConfig.headerSecret("ACME_API_KEY", "API key")
      assert.strictEqual(Redacted.value(yield* read(config, { ACME_API_KEY: "  k3y-secret\n" })), "k3y-secret")
      const missing = yield* Effect.flip(read(config, {}))
      assert.isTrue(ConfigError.isMissingData(missing))
      const refused = [
        ["   ", "non-empty API key"],
        ["k3y\r\nX-Injected: secret", "carriage return"],
        ["k3y-sécret-€", "Latin-1"]
      ] as const
      for (const [bad, said] of refused) {
        const error = yield* Effect.flip(read(config, { ACME_API_KEY: bad }))
        assert.deepStrictEqual(refusal(error).path, ["ACME_API_KEY"])
        assert.include(refusal(error).text, said)
        assert.notInclude(refusal(error).text, "secret", "the value is never shown")
      }
      assert.strictEqual(
        yield* AdapterConfig.checkHeaderSecret(Redacted.make(" t0ken "), "ACME_TOKEN", "token"),
        "t0ken"
      )
    }))
})
