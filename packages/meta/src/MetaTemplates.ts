/**
 * The message template port on Meta (`/{WABA-ID}/message_templates`, `/{TEMPLATE_ID}`).
 *
 * - `list` streams `GET /{WABA-ID}/message_templates` page by page over `paging.cursors.after`
 *   (core's `Paging`: a repeated cursor or a listing past its page limit ends it with
 *   `UnexpectedResponse`). Each language version is its own template, with its own id.
 * - `get` lists the name in the language and picks that version (a template is read by id only
 *   for an edit).
 * - `create` posts the draft (`POST /{WABA-ID}/message_templates`); a media header whose example
 *   is the http(s) URL of a file has the file uploaded first (`MetaMedia.uploadAsset`) and its
 *   handle sent. A creation Meta refuses is a `Conflict` when reading back finds that name and
 *   language already (never by the words of Meta's message).
 * - `edit` reads the template by id (`id`, else found by name and language), then posts its new
 *   components (`POST /{TEMPLATE_ID}`).
 * - `delete` removes every language of a name (`DELETE …?name=`), or one language version by
 *   name and `hsm_id` (its id, found by name and language).
 *
 * **Filters.** Meta filters by `name`, `status`, `category` and `language`, one value each. A
 * filter with exactly one status, category or language sends it; a name is sent when the listing
 * looks for one exact name (`get`, `edit`, `delete`). Everything else — several values,
 * `qualityScore`, `content`, and the port's meaning of `name` (a search in the name) — is filtered
 * on this side, over the pages Meta sends.
 *
 * **Meta's rules, enforced before anything is sent** (the histories in the client's
 * `QuotaLedger`, see `MetaQuota`):
 * - an approved template may be edited once per 24 hours and 10 times per 30 days (per template
 *   id; only `APPROVED`, `REJECTED` and `PAUSED` templates can be edited, the others are refused
 *   with `Conflict`);
 * - its category cannot change: an edit sends the components only, never a category;
 * - a deleted name cannot be used again for 30 days (a name deleted as a whole: in no language;
 *   a language version deleted alone: not in that language), refused with `QuotaExceeded` and the
 *   time it frees;
 * - at most 100 creations per WABA in any hour.
 * A media header (IMAGE, VIDEO, DOCUMENT) needs an example: a handle from `uploadTemplateAsset`,
 * or the http(s) URL of the file to upload.
 *
 * **Same-business migration (the `MetaTemplates` extension).** Meta copies the approved templates
 * of one WABA into another of the same business itself (`POST /{WABA-ID}/migrate_message_templates`
 * with `source_waba_id`, `page_number` from 0 and `count` per page, up to 500): `migrate` streams
 * Meta's answer page by page (`{ migrated_templates, failed_templates }` as
 * `TemplateMigrationPage`) until a page comes back short. It is a fast path the generic
 * `TemplateMigration` can take when both WABAs are Meta's and in one business
 * ({@link sameBusinessMigration}): one call per 500 templates, no review, no creation quota —
 * but without its plan, journal or per-item reconciliation, so a page that failed midway is
 * re-run as a whole (its templates already copied come back as failures: "exists already").
 *
 * @since 0.1.0
 */
import { AdminError, Paging, Template, Templates, Url, Validation } from "@wa-admin/core"
import { Endpoint, TemplateVersions } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Schema, Stream } from "effect"
import * as Budget from "./internal/budget.js"
import * as Endpoints from "./internal/endpoints.js"
import { provider } from "./internal/errors.js"
import { graphPages, operationsOn } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import { uploadAsset } from "./MetaMedia.js"
import { TemplateMigrationPage } from "./MetaModels.js"
import * as MetaQuota from "./MetaQuota.js"

/**
 * How many templates a page asks for when the caller gives no `pageSize`.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPageSize = 100

/**
 * The statuses of a template Meta lets an edit change.
 *
 * @since 0.1.0
 * @category constants
 */
export const editableStatuses: ReadonlyArray<string> = ["APPROVED", "REJECTED", "PAUSED"]

const mediaFormats = new Set(["IMAGE", "VIDEO", "DOCUMENT"])

const isUrl = Schema.is(Url.HttpUrl)

/** Meta's rule on a draft's components: a media header needs its example, as `{ path, message }` issues. */
const MetaComponents = Schema.Array(Schema.typeSchema(Template.Component)).pipe(
  Schema.filter((components) => {
    const issues = components.flatMap((component, index) =>
      component._tag === "HEADER" && mediaFormats.has(component.format) &&
        (component.example === undefined || component.example.length === 0)
        ? [
          {
            path: [index, "example"],
            message:
              `a ${component.format} header needs an example: a handle from uploadTemplateAsset, or the http(s) URL of the file to upload`
          }
        ]
        : []
    )
    return issues.length === 0 ? true : issues
  })
)

const checkDraft = Validation.check(Schema.Struct({ template: Schema.Struct({ components: MetaComponents }) }), {
  provider,
  operation: "templates.create"
})

const checkEdit = Validation.check(Schema.Struct({ components: MetaComponents }), {
  provider,
  operation: "templates.edit"
})

type Operation = TemplateVersions.Operation

const notFound = (operation: Operation, request: { readonly name: string; readonly language?: string }) =>
  TemplateVersions.notFound({ provider, operation }, request)

/** The one value of a filter list Meta can filter on itself. */
const single = (
  values: ReadonlyArray<string> | undefined
): string | undefined => (values?.length === 1 ? values[0] : undefined)

interface ListRequest {
  readonly wabaId: string
  readonly filter?: Template.TemplateFilter | undefined
  readonly pageSize?: number | undefined
  /** An exact name to ask Meta for. */
  readonly exactName?: string | undefined
}

/** An upload's refusal of a header's example URL, naming the draft's field. */
const exampleRefused = (error: AdminError.InvalidInput, field: string, operation: Operation): AdminError.InvalidInput =>
  new AdminError.InvalidInput({
    ...error,
    operation,
    issues: [new AdminError.FieldIssue({ field, rule: error.issues.map((issue) => issue.rule).join("; ") })]
  })

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): Templates.Implementation => {
  const ledger = client.ledger

  /** The listing, as a stream of `Template`s, serving `operation` (in errors and spans). */
  const listing = (operation: Operation) => {
    const fetchPage = client.call(Endpoint.serving(operation, Endpoints.listTemplates))
    return (
      { exactName, filter, pageSize, wabaId }: ListRequest
    ): Stream.Stream<Template.Template, AdminError.AdminError> => {
      const limit = pageSize ?? defaultPageSize
      const query = {
        wabaId,
        limit,
        name: exactName,
        status: single(filter?.status),
        category: single(filter?.category),
        language: single(filter?.language)
      }
      return graphPages(operation, limit, (after) => fetchPage({ ...query, after })).pipe(
        Stream.filter(Template.matches(filter))
      )
    }
  }
  const listings = TemplateVersions.listings(listing)

  // The versions of one name: Meta is asked for the exact name, and versions going or gone are
  // not versions any more (they are not found, not deleted again, not a duplicate).
  const named = TemplateVersions.make({
    provider,
    listing: (operation: Operation) => ({ filter, wabaId }) =>
      listings[operation]({ wabaId, exactName: filter.name, filter }).pipe(
        Stream.filter(TemplateVersions.isLive)
      )
  })

  /** Components with each media header's URL example uploaded and replaced by its handle. */
  const withHandles = (
    wabaId: string,
    components: ReadonlyArray<Template.Component>,
    operation: Operation,
    at: string
  ) => {
    const upload = uploadAsset(client, { operation, field: at })
    return Effect.forEach(
      components,
      (component, index): Effect.Effect<Template.Component, AdminError.AdminError> =>
        component._tag === "HEADER" &&
          (component.format === "IMAGE" || component.format === "VIDEO" || component.format === "DOCUMENT") &&
          component.example !== undefined &&
          isUrl(component.example)
          ? upload({
            wabaId,
            kind: component.format === "IMAGE" ? "image" : component.format === "VIDEO" ? "video" : "document",
            url: component.example
          }).pipe(
            Effect.mapError((
              error
            ) => (error._tag === "InvalidInput" ? exampleRefused(error, `${at}.${index}.example`, operation) : error)),
            Effect.map((asset): Template.Component => ({ ...component, example: asset.handle }))
          )
          : Effect.succeed(component)
    )
  }

  const create = client.call(Endpoints.createTemplate)
  const read = client.call(Endpoints.getTemplate)
  const edit = client.call(Endpoints.editTemplate)
  const remove = client.call(Endpoints.deleteTemplate)

  /** A name recorded as deleted within 30 days (as a whole, or in this language) is refused. */
  const notRecentlyDeleted = (wabaId: string, name: string, language: string) =>
    Effect.zipRight(
      Budget.refuseWhileRecorded(
        ledger,
        MetaQuota.keys.deletedName(wabaId, name),
        MetaQuota.deletedNames,
        "templates.create"
      ),
      Budget.refuseWhileRecorded(
        ledger,
        MetaQuota.keys.deletedVersion(wabaId, name, language),
        MetaQuota.deletedNames,
        "templates.create"
      )
    )

  return {
    ...TemplateVersions.reads(listings, named),

    create: ({ template, wabaId }) =>
      Effect.gen(function*() {
        yield* checkDraft({ template })
        yield* notRecentlyDeleted(wabaId, template.name, template.language)
        const components = yield* withHandles(wabaId, template.components, "templates.create", "template.components")
        const sending = create({
          wabaId,
          template: { name: template.name, language: template.language, category: template.category, components }
        }).pipe(
          // Whether a refusal is a duplicate is told by reading the template back, never by the
          // words of Meta's message.
          named.conflictOnDuplicate(wabaId, template, "templates.create")
        )
        const created = yield* Budget.spend(
          ledger,
          MetaQuota.keys.creations(wabaId),
          MetaQuota.creations,
          "templates.create",
          Budget.refused,
          sending
        )
        return TemplateVersions.created(template, components, {
          id: created.id,
          category: created.category,
          status: created.status
        })
      }),

    edit: (request) =>
      Effect.gen(function*() {
        yield* checkEdit({ components: request.components })
        const id = request.id ?? (yield* named.find(request, "templates.edit")).id
        if (id === undefined) {
          return yield* Effect.fail(
            new AdminError.UnexpectedResponse({
              provider,
              operation: "templates.edit",
              reason: "the listing gives the template no id"
            })
          )
        }
        const current = yield* read({ id })
        if (current.name !== request.name || current.language !== request.language) {
          return yield* Effect.fail(
            Validation.invalidInput({ provider, operation: "templates.edit" }, [
              { field: "id", rule: `is the id of another template than ${request.name} (${request.language})` }
            ])
          )
        }
        if (!editableStatuses.includes(current.status)) {
          return yield* Effect.fail(
            new AdminError.Conflict({
              provider,
              operation: "templates.edit",
              reason: `Meta edits ${
                editableStatuses.join(", ")
              } templates only, and ${request.name} (${request.language}) is ${current.status}`
            })
          )
        }
        const components = yield* withHandles(request.wabaId, request.components, "templates.edit", "components")
        const sending = Effect.asVoid(edit({ id, components }))
        // Only an approved template's edits are limited.
        if (current.status !== "APPROVED") return yield* sending
        yield* Budget.spend(
          ledger,
          MetaQuota.keys.edits(id),
          MetaQuota.edits,
          "templates.edit",
          Budget.refused,
          sending
        )
      }),

    delete: (request) =>
      Effect.gen(function*() {
        const versions = yield* named.of(request.wabaId, request.name, "templates.delete")
        if ("allLanguages" in request) {
          if (versions.length === 0) return yield* Effect.fail(notFound("templates.delete", request))
          yield* remove({ wabaId: request.wabaId, name: request.name })
          return yield* Budget.record(
            ledger,
            MetaQuota.keys.deletedName(request.wabaId, request.name),
            MetaQuota.deletionRecord,
            "templates.delete"
          )
        }
        const version = versions.find((template) => template.language === request.language)
        if (version === undefined) return yield* Effect.fail(notFound("templates.delete", request))
        if (version.id === undefined) {
          return yield* Effect.fail(
            new AdminError.UnexpectedResponse({
              provider,
              operation: "templates.delete",
              reason: "the listing gives the template no id"
            })
          )
        }
        yield* remove({ wabaId: request.wabaId, name: request.name, hsmId: version.id })
        yield* Budget.record(
          ledger,
          MetaQuota.keys.deletedVersion(request.wabaId, request.name, request.language),
          MetaQuota.deletionRecord,
          "templates.delete"
        )
      })
  }
}

/**
 * The `Templates` service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Templates.Service => Templates.make(provider, implementation(client))

/**
 * The `Templates` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `Templates` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(Templates.Templates, make)

// ---------------------------------------------------------------------------------------------
// The MetaTemplates extension: Meta's same-business migration
// ---------------------------------------------------------------------------------------------

export {
  /**
   * One page of Meta's same-business template migration: the ids migrated, and each template
   * not migrated with Meta's reason.
   *
   * @since 0.1.0
   * @category models
   */
  TemplateMigrationPage
} from "./MetaModels.js"

/**
 * The most templates one migration page holds (Meta's sets of 500).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxMigrationPageSize = 500

/**
 * Copies the templates of `sourceWabaId` into `wabaId` (default `META_WABA_ID`), both WABAs of
 * one business, `pageSize` templates a call (default and at most 500).
 *
 * @since 0.1.0
 * @category requests
 */
export const MigrateRequest = Schema.Struct({
  wabaId: Schema.optional(Wire.WabaId),
  sourceWabaId: Wire.WabaId,
  pageSize: Schema.optional(
    Schema.Int.pipe(
      Schema.between(1, maxMigrationPageSize, {
        message: () => `must be a whole number from 1 to ${maxMigrationPageSize}`
      })
    )
  )
})

/**
 * Meta's template operations beyond the port.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Meta's same-business migration, page by page, until a page comes back short. */
  readonly migrate: (
    request: typeof MigrateRequest.Encoded
  ) => Stream.Stream<TemplateMigrationPage, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaTemplates extends Context.Tag("@wa-admin/meta/MetaTemplates")<MetaTemplates, Service>() {}

/**
 * Meta's same-business template migration over a client: the fast path of a `TemplateMigration`
 * whose source and target are WABAs of one business on Meta. The request is validated (an id
 * that is not digits, a page size outside 1 to 500, the same WABA on both sides: `InvalidInput`,
 * nothing sent); pages are fetched as the stream is pulled, within core's page limit
 * (`Paging.withLimits`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const sameBusinessMigration = (
  client: ClientService
): (request: typeof MigrateRequest.Encoded) => Stream.Stream<TemplateMigrationPage, AdminError.AdminError> => {
  const migratePage = client.call(Endpoints.migrateTemplates)
  return operationsOn(client, "wabaId").stream(
    "templates.migrate",
    MigrateRequest,
    ({ pageSize, sourceWabaId }, wabaId) => {
      if (wabaId === sourceWabaId) {
        return Stream.fail(
          Validation.invalidInput({ provider, operation: "templates.migrate" }, [
            { field: "sourceWabaId", rule: "must be another WABA than the one migrated into" }
          ])
        )
      }
      const count = pageSize ?? maxMigrationPageSize
      // The cursor is the next page's number; a short page is the last.
      return Paging.stream({
        provider,
        operation: "templates.migrate",
        fetch: (cursor) => {
          const page = cursor === undefined ? 0 : Number(cursor)
          return Effect.map(
            migratePage({ wabaId, sourceWabaId, page, count }),
            (answer) =>
              new TemplateMigrationPage({
                page,
                migrated: answer.migrated,
                failed: Object.entries(answer.failed).map(([templateId, reason]) => ({ templateId, reason }))
              })
          )
        },
        items: (page) => [page],
        next: (page) => (page.migrated.length + page.failed.length >= count ? String(page.page + 1) : undefined)
      })
    }
  )
}

/**
 * The extension over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const extensionFromClient = (client: ClientService): Service => ({ migrate: sameBusinessMigration(client) })

/**
 * The extension for the client in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const extensionLayer: Layer.Layer<MetaTemplates, never, MetaClient> = Layer.effect(
  MetaTemplates,
  Effect.map(MetaClient, extensionFromClient)
)

/**
 * Meta's same-business migration, page by page.
 *
 * @since 0.1.0
 * @category accessors
 */
export const migrate = (request: typeof MigrateRequest.Encoded) =>
  Stream.unwrap(Effect.map(MetaTemplates, (service) => service.migrate(request)))
