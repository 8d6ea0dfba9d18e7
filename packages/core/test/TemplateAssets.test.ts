/**
 * Media-header templates across providers: `Template.sameContent` does not tell two media headers
 * apart by their examples (a URL at one provider, an upload handle or a CDN copy at another), and
 * `TemplateAssets` carries a header's file to the target (uploaded when the target takes files,
 * the URL kept when it takes URLs), refusing at planning time what cannot be carried.
 */
import { assert, describe, it } from "@effect/vitest"
import { Media, MigrationJournal, Template, TemplateAssets, TemplateMigration } from "@wa-admin/core"
import type { Templates } from "@wa-admin/core"
import { InMemory } from "@wa-admin/core/testing"
import { Effect, Option, Stream } from "effect"

const imageUrl = "https://cdn.example.com/header.png"

const body: Template.Component = { _tag: "BODY", text: "Your order {{1}} has shipped", examples: [["#1042"]] }

const template = (header: Template.Component, category = "UTILITY") =>
  new Template.Template({
    name: "order_shipped",
    language: "en_US",
    category,
    status: "APPROVED",
    components: [header, body]
  })

describe("Template.sameContent and media header examples", () => {
  it("the same media header is the same content whether its example is a URL, a handle or absent", () => {
    const url = template({ _tag: "HEADER", format: "IMAGE", example: imageUrl })
    const handle = template({ _tag: "HEADER", format: "IMAGE", example: "4::aW1hZ2UvcG5n:ARaVx0" })
    const copy = template({ _tag: "HEADER", format: "IMAGE", example: "https://scontent.whatsapp.net/v/t61/abc.png" })
    const none = template({ _tag: "HEADER", format: "IMAGE" })
    assert.isTrue(Template.sameContent(url, handle))
    assert.isTrue(Template.sameContent(handle, copy))
    assert.isTrue(Template.sameContent(url, none))
    for (const format of ["VIDEO", "DOCUMENT"] as const) {
      assert.isTrue(
        Template.sameContent(
          template({ _tag: "HEADER", format, example: imageUrl }),
          template({ _tag: "HEADER", format, example: "4::dmlkZW8vbXA0:XYZ" })
        ),
        format
      )
    }
  })

  it("a different media format, header text, text header example or any other component is still a difference", () => {
    const image = template({ _tag: "HEADER", format: "IMAGE", example: imageUrl })
    assert.isFalse(Template.sameContent(image, template({ _tag: "HEADER", format: "VIDEO", example: imageUrl })))
    assert.isFalse(
      Template.sameContent(
        template({ _tag: "HEADER", format: "TEXT", text: "Hi {{1}}", example: "Ada" }),
        template({ _tag: "HEADER", format: "TEXT", text: "Hi {{1}}", example: "Grace" })
      )
    )
    assert.isFalse(
      Template.sameContent(
        template({ _tag: "HEADER", format: "TEXT", text: "Shipped" }),
        template({ _tag: "HEADER", format: "TEXT", text: "Sent" })
      )
    )
    assert.isFalse(
      Template.sameContent(image, template({ _tag: "HEADER", format: "IMAGE", example: imageUrl }, "MARKETING"))
    )
    assert.isFalse(
      Template.sameContent(image, new Template.Template({ ...image, components: [image.components[0] ?? body] }))
    )
  })
})

const SOURCE = "111000000000001"
const TARGET = "222000000000002"

const draftWith = (header: Template.Component) =>
  new Template.TemplateDraft({
    name: "order_shipped",
    language: "en_US",
    category: "UTILITY",
    components: [header, body]
  })

/** A media port that takes no files (as WOZTELL, which fetches a header's URL itself). */
const takesUrls = Media.unsupported("woztell", { "media.templateAsset": "WOZTELL takes the file's URL as the example" })

const memory = Effect.gen(function*() {
  const adapter = yield* InMemory.make()
  const templates = adapter.parts.templates
  const media = adapter.parts.media
  if (templates === undefined || media === undefined) {
    return yield* Effect.dieMessage("the in-memory adapter is complete")
  }
  return { templates, media, control: adapter.control }
})

const assetUploads = (control: InMemory.Control) =>
  Effect.map(control.effects, (effects) => effects.filter((effect) => effect.operation === "media.templateAsset"))

const headerOf = (draft: { readonly components: ReadonlyArray<Template.Component> }) =>
  draft.components.find((component) => component._tag === "HEADER")

describe("TemplateAssets.carry", () => {
  it.effect("uploads a media header's URL to a target that takes files, and puts the handle in the example", () =>
    Effect.gen(function*() {
      const { control, media } = yield* memory
      for (const [format, kind] of [["IMAGE", "image"], ["VIDEO", "video"], ["DOCUMENT", "document"]] as const) {
        const carried = yield* TemplateAssets.carry(draftWith({ _tag: "HEADER", format, example: imageUrl }), {
          source: { provider: "woztell" },
          target: { provider: "memory", wabaId: TARGET, media }
        })
        const header = headerOf(carried)
        assert.strictEqual(header?._tag === "HEADER" ? header.format : undefined, format)
        const example = header?._tag === "HEADER" ? header.example : undefined
        assert.match(example ?? "", /^memory-asset-\d+$/, "the example is the target's handle")
        const uploads = yield* assetUploads(control)
        assert.strictEqual(uploads.at(-1)?.key, example, `the ${kind} was uploaded to the target`)
        assert.deepStrictEqual(carried.components[1], body, "the other components are left as they are")
      }
      assert.strictEqual((yield* assetUploads(control)).length, 3)
    }))

  it.effect("keeps the URL for a target that takes URLs, and leaves text headers and header-less drafts alone", () =>
    Effect.gen(function*() {
      const options = {
        source: { provider: "vonage" },
        target: { provider: "woztell", wabaId: TARGET, media: takesUrls }
      }
      const image = draftWith({ _tag: "HEADER", format: "IMAGE", example: imageUrl })
      assert.deepStrictEqual(yield* TemplateAssets.carry(image, options), image)
      const text = draftWith({ _tag: "HEADER", format: "TEXT", text: "Shipped" })
      assert.deepStrictEqual(yield* TemplateAssets.carry(text, options), text)
    }))

  it.effect("a source's handle cannot travel to another provider: refused with the reason, nothing uploaded", () =>
    Effect.gen(function*() {
      const { control, media } = yield* memory
      const draft = draftWith({ _tag: "HEADER", format: "IMAGE", example: "4::aW1hZ2UvcG5n:ARaVx0" })
      const options = { source: { provider: "vonage" }, target: { provider: "memory", wabaId: TARGET, media } }
      const reason = TemplateAssets.problem(draft.components, options)
      assert.include(reason ?? "", "components.0.example")
      assert.include(reason ?? "", "vonage")
      const error = yield* Effect.flip(TemplateAssets.carry(draft, options))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.include(error.message, "components.0.example")
      assert.deepStrictEqual(yield* assetUploads(control), [])
      // within one provider the handle is the provider's own: kept
      const same = { source: { provider: "memory" }, target: { provider: "memory", wabaId: TARGET, media } }
      assert.isUndefined(TemplateAssets.problem(draft.components, same))
      assert.deepStrictEqual(yield* TemplateAssets.carry(draft, same), draft)
    }))
})

describe("TemplateAssets with a migration", () => {
  it.effect("review marks what cannot be carried as cannot; carrying(templates) uploads on create; a second plan skips", () =>
    Effect.gen(function*() {
      const source = yield* memory
      const target = yield* memory
      yield* source.templates.create({
        wabaId: SOURCE,
        template: {
          name: "order_shipped",
          language: "en_US",
          category: "UTILITY",
          components: [{ _tag: "HEADER", format: "IMAGE", example: imageUrl }, body]
        }
      })
      yield* source.templates.create({
        wabaId: SOURCE,
        template: {
          name: "welcome",
          language: "en_US",
          category: "UTILITY",
          components: [{ _tag: "HEADER", format: "IMAGE", example: "opaque-handle-of-the-source" }, body]
        }
      })
      const from = { provider: "woztell", wabaId: SOURCE }
      const to = { provider: "memory", wabaId: TARGET }
      const options = {
        source: { provider: "woztell" },
        target: { provider: "memory", wabaId: TARGET, media: target.media }
      }
      const carrying: Templates.Service = TemplateAssets.carrying(target.templates, options)
      const planned = yield* TemplateMigration.plan({
        source: source.templates.list({ wabaId: SOURCE }),
        from,
        target: carrying,
        to
      })
      const plan = TemplateAssets.review(planned, options)
      assert.deepStrictEqual(
        plan.items.map((item) => [item.key, item.action]),
        [["order_shipped:en_US", "create"], ["welcome:en_US", "cannot"]]
      )
      assert.include(plan.items[1]?.reason ?? "", "components.0.example")
      assert.isUndefined(plan.items[1]?.draft, "nothing is sent for it")

      const journal = yield* MigrationJournal.makeMemory
      const report = yield* TemplateMigration.apply(plan, { target: carrying, journal })
      assert.deepStrictEqual(report.outcomes.map((outcome) => outcome.outcome), ["created", "cannot"])
      const created = yield* target.templates.get({ wabaId: TARGET, name: "order_shipped", language: "en_US" })
      const uploads = yield* assetUploads(target.control)
      assert.strictEqual(uploads.length, 1)
      const header = headerOf(created)
      assert.strictEqual(
        header?._tag === "HEADER" ? header.example : undefined,
        uploads[0]?.key,
        "created with the handle"
      )

      const again = TemplateAssets.review(
        yield* TemplateMigration.plan({
          source: source.templates.list({ wabaId: SOURCE }),
          from,
          target: carrying,
          to
        }),
        options
      )
      assert.deepStrictEqual(
        again.items.map((item) => item.action),
        ["skip", "cannot"],
        "a handle at the target is no difference"
      )
      const listed = yield* Stream.runCollect(target.templates.list({ wabaId: TARGET }))
      assert.strictEqual([...listed].length, 1)
      assert.isTrue(Option.isSome(Option.fromNullable(header)))
    }))
})
