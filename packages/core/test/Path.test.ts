import { assert, describe, it } from "@effect/vitest"
import { Id, Path } from "@wa-admin/core"
import { HostileIds } from "@wa-admin/core/testing"
import { Arbitrary, Effect, Either, FastCheck as fc, Schema } from "effect"

const origin = { provider: "test", operation: "numbers.status" }

const issuesOf = <A>(result: Either.Either<A, ReadonlyArray<Path.Issue>>) =>
  Either.match(result, { onLeft: (issues) => issues.map((issue) => issue.field), onRight: () => [] })

const refusal = <A, I>(schema: Schema.Schema<A, I, never>, value: unknown): string | undefined =>
  Either.match(Schema.decodeUnknownEither(schema)(value), {
    onLeft: (error) => error.message,
    onRight: () => undefined
  })

describe("Path.expand", () => {
  it("fills each placeholder with its value encoded as one segment", () => {
    assert.deepStrictEqual(
      Path.expand("/deployments/{deploymentId}/stickerpacks/{stickerpackId}", {
        deploymentId: "a b",
        stickerpackId: "p/1?x#y&z=%"
      }),
      Either.right("/deployments/a%20b/stickerpacks/p%2F1%3Fx%23y%26z%3D%25")
    )
    assert.deepStrictEqual(Path.expand("/deployments", {}), Either.right("/deployments"))
    assert.deepStrictEqual(Path.placeholders("/a/{x}/b/{y}/c"), ["x", "y"])
  })

  it("refuses empty and dot segments (and their NFKC look-alikes), control characters, lone surrogates and overlong values, naming each placeholder", () => {
    for (
      const value of [
        "",
        ".",
        "..",
        "\uFF0E\uFF0E",
        "\u2025",
        "\uFF0E",
        "id\r\nX: 1",
        "id\u0000",
        "\t",
        "id\uD800",
        "x".repeat(Path.maxSegmentLength + 1)
      ]
    ) {
      assert.deepStrictEqual(
        issuesOf(Path.expand("/deployments/{id}", { id: value })),
        ["id"],
        JSON.stringify(value.slice(0, 20))
      )
    }
    assert.deepStrictEqual(issuesOf(Path.expand("/d/{a}/p/{b}/s/{c}", { a: ".", b: "ok", c: ".." })), ["a", "c"])
    assert.deepStrictEqual(issuesOf(Path.expand("/d/{a}", {})), ["a"], "a placeholder without a value")
    assert.isTrue(Either.isRight(Path.expand("/d/{a}", { a: "x".repeat(Path.maxSegmentLength) })))
  })

  it("checks each placeholder against its format when one is given", () => {
    const formats = { deploymentId: Id.Uuid }
    const uuid = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
    assert.deepStrictEqual(
      Path.expand("/deployments/{deploymentId}", { deploymentId: uuid }, formats),
      Either.right(`/deployments/${uuid}`)
    )
    const refused = Path.expand(
      "/deployments/{deploymentId}/stickerpacks/{pack}",
      { deploymentId: "d-1", pack: "." },
      formats
    )
    assert.deepStrictEqual(
      Either.getLeft(refused).pipe((issues) => issues._tag === "Some" ? issues.value : []),
      [
        { field: "deploymentId", rule: "must be a UUID (8-4-4-4-12 hexadecimal digits)" },
        { field: "pack", rule: "must not be \".\" (a dot segment addresses another resource)" }
      ]
    )
  })

  it("accepts a value for a format exactly when the format's schema does, and names the schema's own rule when it does not", () => {
    // A format is checked by its filters alone when they pass (no parse result per call); what it
    // accepts and what it says must stay the schema's.
    const formats: ReadonlyArray<readonly [string, Schema.Schema<string, string, never>]> = [
      ["ResourceId", Id.ResourceId],
      ["Uuid", Id.Uuid],
      ["Digits", Id.Digits],
      ["HexId(24)", Id.HexId(24)],
      ["an annotated Uuid", Id.Uuid.annotations({ message: () => "must be a deployment id (a UUID)" })]
    ]
    const samples = [
      ...HostileIds.values.map((hostile) => hostile.value),
      "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
      "0123456789abcdef01234567",
      "15550001234",
      "order_update"
    ]
    const agrees = (name: string, format: Schema.Schema<string, string, never>, value: string) => {
      const filled = Path.expand("/x/{id}", { id: value }, { id: format })
      const segmentRule = Path.segmentRule(value)
      const schemaRule = refusal(format, value)
      if (segmentRule === undefined && schemaRule === undefined) {
        assert.deepStrictEqual(filled, Either.right(`/x/${encodeURIComponent(value)}`), `${name}: ${value}`)
      } else {
        const rules = Either.getLeft(filled).pipe((issues) => issues._tag === "Some" ? issues.value : [])
        assert.deepStrictEqual(rules.length, 1, `${name}: ${value}`)
        if (segmentRule !== undefined) assert.strictEqual(rules[0]?.rule, segmentRule, `${name}: ${value}`)
        else assert.isTrue(schemaRule?.includes(rules[0]?.rule ?? "\u0000"), `${name}: ${value}: ${schemaRule}`)
      }
    }
    for (const [name, format] of formats) {
      for (const value of samples) agrees(name, format, value)
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), Arbitrary.make(format)),
          (value) => agrees(name, format, value)
        ),
        { numRuns: 300 }
      )
    }
  })

  it("never lets a value out of its segment: the URL a client builds addresses exactly the path template's resource", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (value) => {
        const expanded = Path.expand("/deployments/{id}/profile", { id: value })
        if (Either.isLeft(expanded)) return
        const url = new URL(`https://api.example.com/v0.1${expanded.right}`)
        const segments = url.pathname.split("/")
        assert.deepStrictEqual(segments.length, 5, url.pathname)
        assert.strictEqual(decodeURIComponent(segments[3] ?? ""), value)
        assert.strictEqual(url.search, "")
        assert.strictEqual(url.hash, "")
      })
    )
  })

  it.effect("make fails with a local InvalidInput naming the placeholder, for the origin given", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Path.make(origin, "/deployments/{id}", { id: ".." }))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual(error.source, "local")
      assert.strictEqual(error.operation, "numbers.status")
      assert.deepStrictEqual(error.issues.map((issue) => issue.field), ["id"])
      assert.strictEqual(yield* Path.make(origin, "/deployments/{id}", { id: "d 1" }), "/deployments/d%201")
    }))
})

describe("Id.ResourceId", () => {
  it("accepts the ids providers give", () => {
    for (
      const id of [
        "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
        "100000000000001",
        "whatsapp-cuppy",
        "sticker-index1",
        "5f0c…9e",
        "HXAP16XXXXXX96IN",
        "a.b",
        "..a",
        "idé"
      ]
    ) {
      assert.isUndefined(refusal(Id.ResourceId, id), id)
    }
  })

  it("refuses every hostile id of the catalogue that is not an id at all", () => {
    const accepted = HostileIds.values.filter(({ value }) => refusal(Id.ResourceId, value) === undefined).map((
      { label }
    ) => label)
    // Only values that stay inside one encoded segment and name no other resource pass.
    assert.deepStrictEqual(accepted, [
      "dot-dot with a path parameter",
      "a parameter",
      "a parameter inside",
      "non-ASCII"
    ])
  })

  it("names the rule that broke", () => {
    assert.include(refusal(Id.ResourceId, "") ?? "", "must not be empty")
    assert.include(refusal(Id.ResourceId, "..") ?? "", "dot segment")
    assert.include(refusal(Id.ResourceId, "\uFF0E\uFF0E") ?? "", "dot segment")
    assert.include(refusal(Id.ResourceId, "a/b") ?? "", "/ \\ ? # %")
    assert.include(refusal(Id.ResourceId, "a\uFF0Fb") ?? "", "/ \\ ? # %")
    assert.include(refusal(Id.ResourceId, "a\u200Bb") ?? "", "formatting characters")
    assert.include(refusal(Id.ResourceId, "a\uD800") ?? "", "lone surrogate")
    assert.include(refusal(Id.ResourceId, "x".repeat(Id.maxLength + 1)) ?? "", `at most ${Id.maxLength}`)
    assert.isUndefined(refusal(Id.ResourceId, "x".repeat(Id.maxLength)))
  })

  it("whatever it accepts is one path segment", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (value) => {
        if (refusal(Id.ResourceId, value) !== undefined) return
        assert.isTrue(Either.isRight(Path.expand("/{id}", { id: value })), JSON.stringify(value))
      })
    )
  })
})

describe("Id formats", () => {
  it("Digits: 1 to 32 decimal digits, and digits(what) names what they are", () => {
    assert.isUndefined(refusal(Id.Digits, "123456789123"))
    assert.isUndefined(refusal(Id.Digits, "9".repeat(Id.maxDigits)))
    assert.include(refusal(Id.Digits, "12-34") ?? "", "must be digits")
    assert.include(refusal(Id.Digits, "") ?? "", "must be digits")
    assert.include(refusal(Id.Digits, "9".repeat(Id.maxDigits + 1)) ?? "", `at most ${Id.maxDigits} digits`)
    assert.include(refusal(Id.digits("a WABA id"), "waba") ?? "", "must be a WABA id (digits)")
  })

  it("Uuid and HexId", () => {
    assert.isUndefined(refusal(Id.Uuid, "21801DF5-a3f6-4bd6-8b66-5bde51a909c7"))
    for (
      const value of [
        "",
        "..",
        "21801df5-a3f6-4bd6-8b66-5bde51a909c",
        "21801df5a3f64bd68b665bde51a909c7",
        "g1801df5-a3f6-4bd6-8b66-5bde51a909c7"
      ]
    ) {
      assert.include(refusal(Id.Uuid, value) ?? "", "UUID", value)
    }
    assert.isUndefined(refusal(Id.HexId(24), "5f0c1a2b3c4d5e6f7a8b9c0d"))
    assert.include(refusal(Id.HexId(24), "5f0c1a2b3c4d5e6f7a8b9c0") ?? "", "24 hexadecimal digits")
  })
})
