/**
 * Carrying a media-header template's file from one provider to another.
 *
 * A HEADER of format IMAGE, VIDEO or DOCUMENT carries an example: the sample file Meta reviews
 * the template with. Each provider keeps it its own way — WOZTELL and Meta read it back as a URL
 * of the file, Vonage as the handle its upload issued — and each target takes it its own way:
 * a provider that takes files (`media.templateAsset`: Vonage, Meta) needs the handle of a file
 * uploaded to it; a provider that takes URLs (WOZTELL, which fetches the file itself; its
 * `Capabilities.reason("media.templateAsset")` says so) needs the URL.
 *
 * - {@link carry}: the draft as the target takes it — each media header's URL uploaded to the
 *   target with `Media.uploadTemplateAsset` (the adapter downloads it, without credentials, and
 *   uploads it) and its handle put in the example; the URL kept for a target that takes URLs.
 * - {@link problem}: why a draft's media cannot be carried, known before anything is sent — an
 *   example that is not a URL is a handle of the provider that issued it, which no other
 *   provider can use and from which no file can be fetched.
 * - {@link review}: a migration plan with such items turned into `cannot`, with the reason.
 * - {@link carrying}: the target's `Templates` service whose `create` and `edit` carry the media
 *   first — what `TemplateMigration.apply` is given as its target.
 *
 * Comparing templates, `Template.sameContent` leaves media header examples aside, so a template
 * carried across reads as identical afterwards (its example is now the target's handle or copy).
 *
 * @example
 * import { TemplateAssets, TemplateMigration } from "@wa-admin/core"
 * import type { Media, Templates } from "@wa-admin/core"
 * import { Effect, Stream } from "effect"
 *
 * const review = (source: Templates.Service, target: Templates.Service, targetMedia: Media.Service) => {
 *   const options = { source: { provider: "woztell" }, target: { provider: "vonage", wabaId: "222", media: targetMedia } }
 *   const carryingTarget = TemplateAssets.carrying(target, options)
 *   return Effect.gen(function* () {
 *     const plan = TemplateAssets.review(
 *       yield* TemplateMigration.plan({ source: source.list({ wabaId: "111" }), from: { provider: "woztell", wabaId: "111" }, target: carryingTarget, to: { provider: "vonage", wabaId: "222" } }),
 *       options
 *     )
 *     // TemplateMigration.apply(plan, { target: carryingTarget, journal })
 *     return plan
 *   })
 * }
 *
 * @since 0.2.0
 */
import { Effect, Schema } from "effect"
import type { AdminError } from "./AdminError.js"
import type * as Media from "./Media.js"
import type { TemplateAssetKind } from "./MediaHandle.js"
import type { Component } from "./Template.js"
import { TemplateDraft } from "./Template.js"
import type * as TemplateMigration from "./TemplateMigration.js"
import type * as Templates from "./Templates.js"
import { HttpUrl } from "./Url.js"
import { invalidInput } from "./Validation.js"

/**
 * Where a template comes from and where it goes: the source's provider (whose handles an example
 * that is not a URL holds) and the target's provider, WABA and media port.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  readonly source: { readonly provider: string }
  readonly target: {
    readonly provider: string
    readonly wabaId: string
    readonly media: Media.Service
  }
}

const kinds: Readonly<Record<string, TemplateAssetKind>> = { IMAGE: "image", VIDEO: "video", DOCUMENT: "document" }

/**
 * The asset kind of a media header's format (`IMAGE` → `image` …); none for TEXT and LOCATION.
 *
 * @since 0.2.0
 * @category utils
 */
export const kindOf = (format: string): TemplateAssetKind | undefined => kinds[format]

const isUrl = Schema.is(HttpUrl)

/** The media headers with an example, with their place in the components. */
const mediaExamples = (components: ReadonlyArray<Component>) =>
  components.flatMap((component, index) => {
    if (component._tag !== "HEADER" || component.example === undefined) return []
    const kind = kindOf(component.format)
    return kind === undefined ? [] : [{ index, kind, example: component.example }]
  })

/** The first media example that cannot be carried, as a field and a rule. */
const obstacle = (
  components: ReadonlyArray<Component>,
  options: Options
): { readonly field: string; readonly rule: string } | undefined => {
  if (options.source.provider === options.target.provider) return undefined
  const handle = mediaExamples(components).find((header) => !isUrl(header.example))
  return handle === undefined ? undefined : {
    field: `components.${handle.index}.example`,
    rule: `the ${handle.kind} of the header is a ${options.source.provider} upload handle, not a URL, so ` +
      `${options.target.provider} cannot use it and its file cannot be fetched; upload the file to ` +
      `${options.target.provider} and create the template with its handle or URL`
  }
}

/**
 * Why the media of these components cannot be carried to the target (none when it can): an
 * example that is not an http(s) URL is a handle of the source's provider, usable by that
 * provider alone and not a file that can be fetched.
 *
 * @since 0.2.0
 * @category checks
 */
export const problem = (components: ReadonlyArray<Component>, options: Options): string | undefined => {
  const found = obstacle(components, options)
  return found === undefined ? undefined : `${found.field}: ${found.rule}`
}

/**
 * The components as the target takes them: each media header whose example is a URL has the
 * file uploaded to the target (`uploadTemplateAsset`) and the handle put in its example, when
 * the target takes files; the URL is kept for a target that takes URLs. Fails with an
 * `InvalidInput` of `operation` (nothing sent) when {@link problem} finds something that cannot
 * be carried, and with the upload's error when the target refuses the file.
 *
 * @since 0.2.0
 * @category carrying
 */
export const carryComponents = (
  components: ReadonlyArray<Component>,
  options: Options,
  operation: "templates.create" | "templates.edit" = "templates.create"
): Effect.Effect<ReadonlyArray<Component>, AdminError> =>
  Effect.gen(function*() {
    const refusal = obstacle(components, options)
    if (refusal !== undefined) {
      return yield* Effect.fail(invalidInput({ provider: options.target.provider, operation }, [refusal]))
    }
    const media = options.target.media
    if (!media.operations.has("media.templateAsset")) return components
    const carried = [...components]
    for (const header of mediaExamples(components)) {
      const component = components[header.index]
      if (component?._tag !== "HEADER" || !isUrl(header.example)) continue
      const asset = yield* media.uploadTemplateAsset({
        wabaId: options.target.wabaId,
        kind: header.kind,
        url: header.example
      })
      carried[header.index] = { ...component, example: asset.handle }
    }
    return carried
  })

/**
 * The draft as the target takes it (see {@link carryComponents}).
 *
 * @since 0.2.0
 * @category carrying
 */
export const carry = (draft: TemplateDraft, options: Options): Effect.Effect<TemplateDraft, AdminError> =>
  Effect.map(
    carryComponents(draft.components, options),
    (components) => components === draft.components ? draft : new TemplateDraft({ ...draft, components })
  )

/**
 * A migration plan whose items to create or update that cannot carry their media (see
 * {@link problem}) are `cannot`, with the reason, and nothing to send.
 *
 * @since 0.2.0
 * @category planning
 */
export const review = (plan: TemplateMigration.Plan, options: Options): TemplateMigration.Plan => ({
  ...plan,
  items: plan.items.map((item) => {
    if (item.draft === undefined || (item.action !== "create" && item.action !== "update")) return item
    const reason = problem(item.draft.components, options)
    return reason === undefined
      ? item
      : { key: item.key, name: item.name, language: item.language, action: "cannot", reason }
  })
})

/**
 * The target's templates service whose `create` and `edit` carry the media of the template first
 * (see {@link carryComponents}); everything else is the target's own.
 *
 * @since 0.2.0
 * @category carrying
 */
export const carrying = (templates: Templates.Service, options: Options): Templates.Service => ({
  ...templates,
  create: (request) =>
    Effect.flatMap(
      carryComponents(request.template.components, options),
      (components) => templates.create({ ...request, template: { ...request.template, components } })
    ),
  edit: (request) =>
    Effect.flatMap(
      carryComponents(request.components, options, "templates.edit"),
      (components) => templates.edit({ ...request, components })
    )
})
