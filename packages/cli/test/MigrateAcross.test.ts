/**
 * `wa-admin migrate templates` and `migrate profile` across providers (issues 13 and 14), against
 * the WOZTELL, Meta and Vonage emulators over real HTTP, the progress in a temporary state store:
 * WOZTELL → Meta → WOZTELL, Meta → Meta (another WABA), WOZTELL ↔ Vonage, with media headers
 * carried across (downloaded from the source's URL, uploaded to a target that takes files).
 */
import { assert, describe, it } from "@effect/vitest"
import { MetaEmulator } from "@wa-admin/meta/emulator"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { Effect } from "effect"
import { join } from "node:path"
import { fileServer } from "../src/internal/fileServer.js"
import * as Providers from "../src/Providers.js"
import { argv, runWith } from "./harness.js"
import { bakery, creations, keysOf, seed, setProfile, woztellWithTwoWabas } from "./MigrateEmulators.js"

const metaWabas = { first: "510000000000001", second: "520000000000002" }
const metaNumbers = { first: "610000000000001", second: "620000000000002" }
const vonageWaba = "330000000000003"

/** Every emulator, and a runner of `wa-admin` against them with a temporary state store. */
const emulators = Effect.gen(function*() {
  const { directory, source, target, woztell } = yield* woztellWithTwoWabas()
  const meta = yield* Effect.orDie(MetaEmulator.make({
    businesses: [{
      name: "Emulated Business",
      wabas: [
        { id: metaWabas.first, name: "First", numbers: [{ id: metaNumbers.first, phoneNumber: "16505550100" }] },
        { id: metaWabas.second, name: "Second", numbers: [{ id: metaNumbers.second, phoneNumber: "16505550111" }] }
      ]
    }]
  }))
  const vonage = yield* Effect.orDie(VonageEmulator.make({ wabas: [vonageWaba], templateReviewDuration: "1 millis" }))
  const files = yield* fileServer
  const environment = {
    ...woztell.environment,
    ...meta.environment,
    ...vonage.environment,
    WA_ADMIN_STATE_DB: join(directory, "state.db")
  }
  return { woztell, source, target, meta, vonage, files, cli: runWith(Providers.layer, environment) }
})

const mediaSeed = (name: string, url: string) => ({
  name,
  language: "en_US",
  category: "MARKETING",
  components: [
    { type: "HEADER", format: "IMAGE", example: { header_handle: [url] } },
    { type: "BODY", text: `Hello {{1}}, see ${name}`, example: { body_text: [["Ada"]] } }
  ]
})

const migrate = (from: string, to: string) => ["migrate", "templates", "--from", from, "--to", to]

const metaCreations = (meta: MetaEmulator.Emulator) =>
  Effect.map(meta.effects, (effects) => effects.filter((effect) => effect.operation === "createTemplate").length)

const metaKeys = (meta: MetaEmulator.Emulator, wabaId: string) =>
  Effect.map(
    Effect.orDie(meta.templates(wabaId)),
    (templates) => templates.map((template) => `${template.name}:${template.language}`).sort()
  )

describe("wa-admin migrate templates across providers", () => {
  it.scopedLive("woztell → meta → woztell: the media header's file is uploaded to Meta; each template created once", () =>
    Effect.gen(function*() {
      const { cli, files, meta, source, target, woztell } = yield* emulators
      yield* Effect.orDie(woztell.seedTemplates(source, [mediaSeed("promo", files.url), seed("plain")]))

      const there = yield* cli(...migrate(`woztell:${source}`, `meta:${metaWabas.first}`))
      assert.strictEqual(there.exitCode, 0, there.stderr)
      assert.match(there.stdout, /^Applied: 2 created$/m)
      assert.deepStrictEqual(yield* metaKeys(meta, metaWabas.first), ["plain:en_US", "promo:en_US"])
      assert.strictEqual(yield* metaCreations(meta), 2)
      assert.strictEqual(files.downloads(), 1, "the header's file was downloaded once")
      const uploads = yield* meta.uploads
      assert.strictEqual(uploads.length, 1, "and uploaded to Meta (resumable upload)")
      const promo = (yield* Effect.orDie(meta.templates(metaWabas.first))).find((template) => template.name === "promo")
      const header = JSON.stringify(promo?.components[0])
      assert.notInclude(header, files.url, "Meta was sent the handle of its own upload, not the URL")

      const again = yield* cli(...migrate(`woztell:${source}`, `meta:${metaWabas.first}`))
      assert.strictEqual(again.exitCode, 0, again.stderr)
      assert.match(
        again.stdout,
        /0 to create, 0 to update, 2 identical already/,
        "the carried header reads as the same"
      )
      assert.strictEqual(yield* metaCreations(meta), 2)

      const back = yield* cli(...migrate(`meta:${metaWabas.first}`, `woztell:${target}`))
      assert.strictEqual(back.exitCode, 0, back.stderr)
      assert.match(back.stdout, /^Applied: 2 created$/m)
      assert.deepStrictEqual(yield* keysOf(woztell, target), ["plain:en_US", "promo:en_US"])
      assert.deepStrictEqual([...(yield* creations(woztell, target)).values()], [1, 1])
    }))

  it.scopedLive("meta → meta (another WABA of the business): created once each, the media copied; --json report", () =>
    Effect.gen(function*() {
      const { cli, files, meta, source, woztell } = yield* emulators
      yield* Effect.orDie(woztell.seedTemplates(source, [mediaSeed("promo", files.url), seed("plain"), seed("third")]))
      const seeded = yield* cli(...migrate(`woztell:${source}`, `meta:${metaWabas.first}`))
      assert.strictEqual(seeded.exitCode, 0, seeded.stderr)
      const uploadsBefore = (yield* meta.uploads).length

      const copied = yield* cli("--json", ...migrate(`meta:${metaWabas.first}`, `meta:${metaWabas.second}`))
      assert.strictEqual(copied.exitCode, 0, copied.stderr)
      const report = JSON.parse(copied.stdout.trim().split("\n").at(-1) ?? "{}")
      assert.deepInclude(report, { kind: "templates.report", journalKind: "store", counts: { created: 3 } })
      assert.deepStrictEqual(yield* metaKeys(meta, metaWabas.second), ["plain:en_US", "promo:en_US", "third:en_US"])
      assert.strictEqual(
        (yield* meta.uploads).length,
        uploadsBefore + 1,
        "the header's file uploaded for the second WABA"
      )
      assert.strictEqual(yield* metaCreations(meta), 6)

      const again = yield* cli(...migrate(`meta:${metaWabas.first}`, `meta:${metaWabas.second}`))
      assert.strictEqual(again.exitCode, 0, again.stderr)
      assert.match(again.stdout, /0 to create, 0 to update, 3 identical already/)
      assert.strictEqual(yield* metaCreations(meta), 6)
    }))

  it.scopedLive("woztell → vonage → woztell: Vonage takes an upload handle; its handle cannot go back (cannot, with the reason)", () =>
    Effect.gen(function*() {
      const { cli, files, source, target, vonage, woztell } = yield* emulators
      yield* Effect.orDie(woztell.seedTemplates(source, [mediaSeed("promo", files.url), seed("plain")]))

      const there = yield* cli(...migrate(`woztell:${source}`, `vonage:${vonageWaba}`))
      assert.strictEqual(there.exitCode, 0, there.stderr)
      assert.match(there.stdout, /^Applied: 2 created$/m)
      const templates = yield* vonage.templates(vonageWaba)
      assert.deepStrictEqual(templates.map((template) => template.name).sort(), ["plain", "promo"])
      const uploads = yield* vonage.uploads
      assert.strictEqual(uploads.length, 1, "the header's file was uploaded to Vonage")
      assert.notInclude(JSON.stringify(templates), files.url, "Vonage was sent its own handle, not the URL")

      const back = yield* cli(...migrate(`vonage:${vonageWaba}`, `woztell:${target}`))
      assert.strictEqual(back.exitCode, 0, back.stderr)
      assert.match(back.stdout, /1 to create, 0 to update, 0 identical already, 1 cannot be moved/)
      assert.match(
        back.stdout,
        /^ {2}cannot +promo +en_US +components\.0\.example: the image of the header is a vonage upload handle/m
      )
      assert.deepStrictEqual(yield* keysOf(woztell, target), ["plain:en_US"])
    }))

  it.scopedLive("vonage → meta: text templates move; a re-run creates nothing", () =>
    Effect.gen(function*() {
      const { cli, meta, source, woztell } = yield* emulators
      yield* Effect.orDie(woztell.seedTemplates(source, [seed("plain"), seed("other", "es", "Hola {{1}}")]))
      const seeded = yield* cli(...migrate(`woztell:${source}`, `vonage:${vonageWaba}`))
      assert.strictEqual(seeded.exitCode, 0, seeded.stderr)

      const moved = yield* cli(...migrate(`vonage:${vonageWaba}`, `meta:${metaWabas.second}`))
      assert.strictEqual(moved.exitCode, 0, moved.stderr)
      assert.match(moved.stdout, /^Applied: 2 created$/m)
      assert.deepStrictEqual(yield* metaKeys(meta, metaWabas.second), ["other:es", "plain:en_US"])
      const again = yield* cli(...migrate(`vonage:${vonageWaba}`, `meta:${metaWabas.second}`))
      assert.match(again.stdout, /0 to create, 0 to update, 2 identical already/)
      assert.strictEqual(yield* metaCreations(meta), 2)
    }))
})

describe("wa-admin migrate profile with Meta", () => {
  it.scopedLive("woztell → meta, then meta → meta (another number): the fields, the vertical and the photo move", () =>
    Effect.gen(function*() {
      const { cli, files, meta, woztell } = yield* emulators
      const woztellNumber = woztell.credentials.phoneNumberId
      yield* setProfile(cli, {
        provider: "woztell",
        number: woztellNumber,
        ...bakery,
        vertical: "Restaurant",
        "photo-url": files.url
      })

      const toMeta = yield* cli(
        ...argv("migrate profile", { from: `woztell:${woztellNumber}`, to: `meta:${metaNumbers.first}` })
      )
      assert.strictEqual(toMeta.exitCode, 0, toMeta.stderr)
      assert.strictEqual((yield* meta.uploads).length, 1, "the photo was uploaded to Meta")
      const onMeta = yield* cli("--json", "profile", "get", "--provider", "meta", "--number", metaNumbers.first)
      assert.strictEqual(onMeta.exitCode, 0, onMeta.stderr)
      assert.deepInclude(JSON.parse(onMeta.stdout), {
        ...bakery,
        vertical: "Restaurant"
      })

      const metaToMeta = argv("migrate profile", {
        from: `meta:${metaNumbers.first}`,
        to: `meta:${metaNumbers.second}`
      })
      const across = yield* cli(...metaToMeta)
      assert.strictEqual(across.exitCode, 0, across.stderr)
      const second = yield* cli("--json", "profile", "get", "--provider", "meta", "--number", metaNumbers.second)
      assert.deepInclude(JSON.parse(second.stdout), { about: "Fresh bread daily", vertical: "Restaurant" })

      const again = yield* cli(...metaToMeta)
      assert.strictEqual(again.exitCode, 0, again.stderr)
      // The text fields are identical now. (The photo is compared by its URL, and Meta serves each
      // upload from its own URL, so a photo moved to Meta reads as different on every run.)
      for (const field of ["about", "email", "vertical"]) {
        assert.match(again.stdout, new RegExp(`^ {2}skip +${field} +identical already$`, "m"), again.stdout)
      }
    }))
})
