import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { ExitCode } from "../src/ExitCode.js"
import * as Providers from "../src/Providers.js"
import { againstWoztell } from "./extensionSupport.js"
import { argv, assertHelpMentions, lines, runWith } from "./harness.js"

const day = (iso: string) => Date.parse(iso) / 1000

const paths = (requests: ReadonlyArray<{ readonly path: string }>) => requests.map((request) => request.path)

describe("wa-admin analytics, catalogs, products, encryption and waba (WOZTELL)", () => {
  it.scopedLive("analytics conversations: data points of the range, broken down as asked", () =>
    Effect.gen(function*() {
      const { cli, emulator } = yield* againstWoztell()
      yield* emulator.addConversations([
        {
          timestamp: day("2024-01-02T08:00:00Z"),
          country: "HK",
          conversationType: "FREE_TIER",
          direction: "USER_INITIATED"
        },
        {
          timestamp: day("2024-01-02T09:30:00Z"),
          country: "HK",
          conversationType: "REGULAR",
          direction: "BUSINESS_INITIATED",
          cost: 0.05
        },
        {
          timestamp: day("2024-01-03T12:00:00Z"),
          country: "GB",
          conversationType: "REGULAR",
          direction: "USER_INITIATED"
        },
        {
          timestamp: day("2024-02-10T12:00:00Z"),
          country: "GB",
          conversationType: "REGULAR",
          direction: "USER_INITIATED"
        }
      ])
      const range = [
        "--from",
        "2024-01-01",
        "--to",
        "2024-02-01T00:00:00Z",
        "--granularity",
        "DAILY",
        "--dimension",
        "COUNTRY"
      ]

      const result = yield* cli("--json", "analytics", "conversations", ...range)
      assert.strictEqual(result.exitCode, 0, result.stderr)
      assert.deepStrictEqual(lines(result.stdout).map((line) => JSON.parse(line)), [
        {
          start: "2024-01-02T00:00:00.000Z",
          end: "2024-01-03T00:00:00.000Z",
          conversations: 2,
          cost: 0.05,
          country: "HK"
        },
        { start: "2024-01-03T00:00:00.000Z", end: "2024-01-04T00:00:00.000Z", conversations: 1, cost: 0, country: "GB" }
      ])
      const request = (yield* emulator.requests).at(-1)
      assert.deepInclude(request?.query, {
        from: String(day("2024-01-01T00:00:00Z")),
        to: String(day("2024-02-01T00:00:00Z")),
        granularity: "DAILY",
        dimensions: "[\"COUNTRY\"]"
      })

      const human = yield* cli("analytics", "conversations", ...range)
      const [header, first] = lines(human.stdout)
      assert.match(header ?? "", /^START\s+END\s+CONVERSATIONS\s+COST\s+PHONE\s+COUNTRY\s+TYPE\s+DIRECTION$/)
      assert.match(first ?? "", /^2024-01-02T00:00:00\.000Z\s+2024-01-03T00:00:00\.000Z\s+2\s+0\.05\s+HK$/)

      const empty = yield* cli(
        ...argv("analytics conversations", { from: "2023-01-01", to: "2023-02-01", granularity: "MONTHLY" })
      )
      assert.strictEqual(empty.exitCode, 0, empty.stderr)
      assert.include(empty.stdout, "(no conversations in this range)")
    }))

  it.scopedLive("analytics conversations: a range that ends before it starts is InvalidInput, and nothing is sent", () =>
    Effect.gen(function*() {
      const { cli, emulator } = yield* againstWoztell()
      const conversations = (from: string, to: string, granularity: string, ...more: ReadonlyArray<string>) =>
        cli("analytics", "conversations", "--from", from, "--to", to, "--granularity", granularity, ...more)
      const backwards = yield* conversations("2024-02-01", "2024-01-01", "DAILY", "--json")
      assert.strictEqual(backwards.exitCode, ExitCode.InvalidInput)
      assert.deepInclude(JSON.parse(lines(backwards.stderr)[1] ?? "null"), {
        _tag: "InvalidInput",
        source: "local",
        issues: [{ field: "to", rule: "must be after from" }]
      })
      const weekly = yield* conversations("2024-01-01", "2024-02-01", "WEEKLY", "--metric-type", "PROFIT")
      assert.strictEqual(weekly.exitCode, ExitCode.InvalidInput)
      assert.include(weekly.stderr, "granularity: must be one of")
      assert.include(weekly.stderr, "metricTypes.0")
      assert.deepStrictEqual(yield* emulator.requests, [])
    }))

  it.scopedLive("catalogs list and products list page through what the WABA holds; an unknown catalog is NotFound", () =>
    Effect.gen(function*() {
      const { cli, emulator } = yield* againstWoztell()
      const none = yield* cli("catalogs", "list")
      assert.strictEqual(none.exitCode, 0, none.stderr)
      assert.include(none.stdout, "(no catalogs)")

      const bakery = yield* emulator.addCatalog({
        name: "Bakery",
        products: [
          { name: "Sourdough", price: "HK$60.00", retailerId: "sd-1", imageUrl: "https://example.com/sourdough.jpg" },
          { name: "Rye", price: "HK$55.00", retailerId: "rye-1" }
        ]
      })
      const catalogs = yield* cli("--json", "catalogs", "list")
      assert.strictEqual(catalogs.exitCode, 0, catalogs.stderr)
      assert.deepStrictEqual(lines(catalogs.stdout).map((line) => JSON.parse(line)), [{
        id: bakery.id,
        name: "Bakery"
      }])

      const products = yield* cli("--json", "products", "list", "--catalog-id", bakery.id)
      assert.strictEqual(products.exitCode, 0, products.stderr)
      const listed = lines(products.stdout).map((line) => JSON.parse(line))
      assert.deepStrictEqual(listed.map((product) => product.id), [...bakery.productIds])
      assert.deepStrictEqual(listed[0], {
        id: bakery.productIds[0],
        name: "Sourdough",
        price: "HK$60.00",
        imageUrl: "https://example.com/sourdough.jpg",
        retailerId: "sd-1"
      })
      assert.strictEqual((yield* emulator.requests).at(-1)?.query["catalogId"], bakery.id)

      const human = yield* cli("products", "list", "--catalog-id", bakery.id)
      assert.match(lines(human.stdout)[0] ?? "", /^PRODUCT ID\s+RETAILER ID\s+PRICE\s+NAME$/)
      assert.match(lines(human.stdout)[2] ?? "", /\s+rye-1\s+HK\$55\.00\s+Rye$/)

      const unknown = yield* cli("products", "list", "--catalog-id", "404404")
      assert.strictEqual(unknown.exitCode, ExitCode.NotFound, unknown.stderr)
      assert.strictEqual(unknown.stdout, "")
      assert.lengthOf(lines(unknown.stderr), 1)
      assert.include(unknown.stderr, "404404")
    }))

  it.scopedLive("encryption set uploads the key file's public key; get shows it; a private key is refused unsent", () =>
    Effect.gen(function*() {
      const { cli, emulator, files } = yield* againstWoztell()
      const { privateKey, publicKey } = generateKeyPairSync("rsa", {
        modulusLength: 2048,
        publicKeyEncoding: { type: "spki", format: "pem" },
        privateKeyEncoding: { type: "pkcs8", format: "pem" }
      })

      const before = yield* cli("--json", "encryption", "get")
      assert.strictEqual(before.exitCode, 0, before.stderr)
      assert.strictEqual(before.stdout.trim(), "null")

      const refused = yield* cli("encryption", "set", "--public-key-file", files.write("private.pem", privateKey))
      assert.strictEqual(refused.exitCode, ExitCode.InvalidInput)
      assert.include(refused.stderr, "publicKey: must be a public key, not a private key")
      assert.notInclude(refused.stderr, privateKey.split("\n")[1] ?? "-")
      const encryptionCalls = paths(yield* emulator.requests).filter((path) =>
        path.endsWith("/whatsapp-business-encryption")
      )
      assert.lengthOf(encryptionCalls, 1)

      const keyFile = files.write("public.pem", publicKey)
      const set = yield* cli("encryption", "set", "--public-key-file", keyFile)
      assert.strictEqual(set.exitCode, 0, set.stderr)
      assert.include(set.stdout, `Business public key from ${keyFile} set.`)
      const upload = (yield* emulator.requests).at(-1)
      assert.strictEqual(upload?.method, "POST")
      assert.deepStrictEqual(upload?.body, { publicKey })
      assert.deepStrictEqual((yield* emulator.effects).map((effect) => effect.operation), ["setBusinessPublicKey"])

      const after = yield* cli("--json", "encryption", "get")
      assert.strictEqual(after.exitCode, 0, after.stderr)
      const shown = JSON.parse(after.stdout)
      assert.strictEqual(shown.publicKey, publicKey)
      assert.isString(shown.signatureStatus)
      const human = yield* cli("encryption", "get")
      assert.include(human.stdout, "-----BEGIN PUBLIC KEY-----")
      assert.match(human.stdout, /^signature status\s+\S+$/m)
    }))

  it.scopedLive("waba info shows the channel's WABA, or another by --waba-id", () =>
    Effect.gen(function*() {
      const { cli, emulator } = yield* againstWoztell({
        wabas: [
          { wabaId: "422126422872292", phoneNumberId: "123124123232", name: "My Business", phoneNumber: "85212345678" },
          {
            wabaId: "522126422872293",
            phoneNumberId: "223124123233",
            name: "Other Business",
            phoneNumber: "85287654321"
          }
        ]
      })
      const channel = yield* cli("--json", "waba", "info")
      assert.strictEqual(channel.exitCode, 0, channel.stderr)
      assert.deepInclude(JSON.parse(channel.stdout), {
        wabaId: "422126422872292",
        name: "My Business",
        phoneNumberId: "123124123232",
        phoneNumber: "85212345678"
      })
      assert.strictEqual((yield* emulator.requests).at(-1)?.query["channelId"], emulator.credentials.channelId)

      const other = yield* cli("waba", "info", "--waba-id", "522126422872293")
      assert.strictEqual(other.exitCode, 0, other.stderr)
      assert.match(other.stdout, /^WABA id\s+522126422872293$/m)
      assert.match(other.stdout, /^name\s+Other Business$/m)

      const both = yield* cli("waba", "info", "--waba-id", "522126422872293", "--channel-id", "c")
      assert.strictEqual(both.exitCode, ExitCode.Usage)
      assert.include(both.stderr, "not both")
      const malformed = yield* cli("waba", "info", "--waba-id", "12a")
      assert.strictEqual(malformed.exitCode, ExitCode.InvalidInput)
      assert.include(malformed.stderr, "must be a WABA id (digits)")
      const unknown = yield* cli("waba", "info", "--waba-id", "999")
      assert.notStrictEqual(unknown.exitCode, 0)
      assert.lengthOf(lines(unknown.stderr), 1)
    }))

  it.effect("with any other provider, each group fails with Unsupported naming provider and command", () =>
    Effect.gen(function*() {
      const cli = runWith(Providers.layer)
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [
          [
            "--provider",
            "vonage",
            "analytics",
            "conversations",
            "--from",
            "2024-01-01",
            "--to",
            "2024-02-01",
            "--granularity",
            "DAILY"
          ],
          "vonage.analytics.conversations"
        ],
        [["--provider", "kaleyra", "catalogs", "list"], "kaleyra.catalogs.list"],
        [["--provider", "memory", "products", "list", "--catalog-id", "1"], "memory.products.list"],
        [["--provider", "vonage", "encryption", "get"], "vonage.encryption.get"],
        [["--provider", "memory", "waba", "info"], "memory.waba.info"]
      ]
      for (const [args, named] of cases) {
        const result = yield* cli(...args)
        assert.strictEqual(result.exitCode, ExitCode.Unsupported, args.join(" "))
        assert.strictEqual(result.stdout, "")
        const provider = named.split(".")[0]
        // The reason names the providers that offer it: WOZTELL, and Meta for `waba` and `encryption`.
        const offeredBy = named.endsWith("waba.info") || named.endsWith("encryption.get")
          ? "woztell and meta; choose one"
          : "woztell; choose it"
        assert.deepStrictEqual(lines(result.stderr), [
          `wa-admin: ${named}: not supported by ${provider}: offered by ${offeredBy} with --provider`
        ])
      }
    }))

  it.effect("--help documents each command's flags", () =>
    Effect.gen(function*() {
      const cli = runWith(Providers.layer)
      yield* assertHelpMentions(cli, [
        ["analytics conversations", [
          "--from",
          "--to",
          "--granularity",
          "HALF_HOUR",
          "--phone-number",
          "--metric-type",
          "--conversation-type",
          "--conversation-direction",
          "--dimension"
        ]],
        ["catalogs list", ["--json"]],
        ["products list", ["--catalog-id"]],
        ["encryption get", ["--json"]],
        ["encryption set", ["--public-key-file"]],
        ["waba info", ["--channel-id", "--waba-id"]]
      ], ["--provider"])
    }))
})
