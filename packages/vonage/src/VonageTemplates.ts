/**
 * The message template port on Vonage's WhatsApp Template Management API (v2; base URL
 * `VONAGE_TEMPLATES_URL`, the same JWT as WhatsApp Manager, every request paced to the stated
 * 40 per second).
 *
 * - `list` streams `GET /wabas/{id}/templates` page by page over its `after` cursors. The cursor
 *   is read from the page's absolute `next` link, never followed: a link outside the configured
 *   template API (another host, another path) ends the listing with `UnexpectedResponse`, so our
 *   JWT only ever goes where it is configured to. Each language version is one `Template`.
 * - `get` lists with the name (and the language) as filters and picks the language version:
 *   the API has no read of one template (no get-by-id).
 * - `create` posts a text or media template; a media header's example is the handle of an
 *   uploaded file, and when the draft gives the http(s) URL of the file instead, the file is
 *   uploaded first (`VonageMedia`) and its handle sent.
 * - `delete` removes every language of a name (`DELETE …?name=`, the API's only delete). A
 *   one-language delete is done only when that language is the name's last; otherwise it is
 *   refused with an `InvalidInput` on `allLanguages`, and nothing is deleted.
 * - `edit` is not offered: the guide mentions updating a template but the 1.0.1 document has no
 *   path for it, so it fails with `Unsupported` and `Capabilities` leaves `templates.edit` out.
 *
 * **Filters.** Vonage filters by one `status` (APPROVED, IN_APPEAL, PENDING, REJECTED, DISABLED,
 * PAUSED, LIMIT_EXCEEDED), one `language` and `name_or_content` (a partial search in names and
 * texts). A filter with one such status or one language is sent; `name` (else `content`) is
 * sent as `name_or_content`. Everything else — several statuses or languages, statuses Vonage
 * cannot filter on (PENDING_DELETION, DELETED, LOCKED …), `category`, `qualityScore`, and the
 * exact meaning of `name` (a search in the name) and `content` (a search in the texts) — is
 * filtered on this side, over the pages Vonage sends.
 *
 * **Categories and statuses** are kept as Vonage reports them, unknown ones included. How
 * Vonage's categories read in the port's neutral terms ({@link neutralCategories}):
 *
 * | Vonage category | neutral | can be created |
 * |---|---|---|
 * | `MARKETING` | MARKETING | yes |
 * | `UTILITY`, `TRANSACTIONAL` (the document's name) | UTILITY | yes (sent as given) |
 * | `AUTHENTICATION`, `OTP` (the document's name) | AUTHENTICATION | yes (sent as given) |
 * | `ACCOUNT_UPDATE`, `PAYMENT_UPDATE`, `PERSONAL_FINANCE_UPDATE`, `SHIPPING_UPDATE`, `RESERVATION_UPDATE`, `ISSUE_RESOLUTION`, `APPOINTMENT_UPDATE`, `TRANSPORTATION_UPDATE`, `TICKET_UPDATE`, `ALERT_UPDATE`, `AUTO_REPLY` (legacy) | UTILITY | no: read only (a draft's category is one of the port's five), and Meta no longer adds languages to them |
 *
 * A draft's category is sent as the caller wrote it — the document lists TRANSACTIONAL,
 * MARKETING and OTP, its guide Meta's MARKETING, UTILITY and AUTHENTICATION — so a template
 * reads back in the category it was created in.
 *
 * **Vonage's own rules**, checked before anything is sent: no LOCATION header (contacts and
 * locations cannot be part of a template); a media header needs its example (a handle, or an
 * http(s) URL of an image or video to upload — a URL of another scheme is neither; a DOCUMENT
 * header's must be a handle, Vonage's upload taking no documents).
 *
 * @since 0.1.0
 */
import { AdminError, Paging, Template, Templates, Url, Validation } from "@wa-admin/core"
import { TemplateVersions } from "@wa-admin/core/adapter"
import { Effect, Either, Layer, Schema, Stream } from "effect"
import { reasons } from "./internal/descriptor.js"
import * as Endpoints from "./internal/endpoints/templates.js"
import { provider } from "./internal/errors.js"
import * as Wire from "./internal/wire/templates.js"
import { VonageClient } from "./VonageClient.js"
import type { Service as ClientService } from "./VonageClient.js"
import { uploadAsset } from "./VonageMedia.js"

/**
 * The statuses Vonage's listing filters on (`status`).
 *
 * @since 0.1.0
 * @category constants
 */
export const filterableStatuses: ReadonlyArray<string> = [
  "APPROVED",
  "IN_APPEAL",
  "PENDING",
  "REJECTED",
  "DISABLED",
  "PAUSED",
  "LIMIT_EXCEEDED"
]

/**
 * The neutral category of each category Vonage reports (see the module's table); a category
 * missing here is one Vonage added later: kept as read, with no neutral reading.
 *
 * @since 0.1.0
 * @category constants
 */
export const neutralCategories: Readonly<Record<string, "MARKETING" | "UTILITY" | "AUTHENTICATION">> = {
  MARKETING: "MARKETING",
  UTILITY: "UTILITY",
  TRANSACTIONAL: "UTILITY",
  AUTHENTICATION: "AUTHENTICATION",
  OTP: "AUTHENTICATION",
  ACCOUNT_UPDATE: "UTILITY",
  PAYMENT_UPDATE: "UTILITY",
  PERSONAL_FINANCE_UPDATE: "UTILITY",
  SHIPPING_UPDATE: "UTILITY",
  RESERVATION_UPDATE: "UTILITY",
  ISSUE_RESOLUTION: "UTILITY",
  APPOINTMENT_UPDATE: "UTILITY",
  TRANSPORTATION_UPDATE: "UTILITY",
  TICKET_UPDATE: "UTILITY",
  ALERT_UPDATE: "UTILITY",
  AUTO_REPLY: "UTILITY"
}

/**
 * How many templates a page asks for when the caller gives no `pageSize`.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPageSize = 100

const mediaFormats = new Set(["IMAGE", "VIDEO", "DOCUMENT"])

const isUrl = Schema.is(Url.HttpUrl)

/** A URL of any scheme (`file://`, `ftp://` …): never a handle. */
const otherScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

/** Vonage's rules on a draft's components, as `{ path, message }` issues below `template.components`. */
const VonageComponents = Schema.Array(Schema.typeSchema(Template.Component)).pipe(
  Schema.filter((components) => {
    const issues = components.flatMap((component, index) => {
      if (component._tag !== "HEADER") return []
      if (component.format === "LOCATION") {
        return [
          {
            path: [index, "format"],
            message:
              "Vonage templates have no LOCATION header (contacts and locations cannot be part of a template): TEXT, IMAGE, DOCUMENT or VIDEO"
          }
        ]
      }
      if (!mediaFormats.has(component.format)) return []
      if (component.example === undefined || component.example.length === 0) {
        return [
          {
            path: [index, "example"],
            message:
              `a ${component.format} header needs an example: a handle from media upload, or the http(s) URL of the file to upload`
          }
        ]
      }
      if (otherScheme.test(component.example) && !isUrl(component.example)) {
        return [{
          path: [index, "example"],
          message: "must be a handle from media upload or an absolute http(s) URL of the file"
        }]
      }
      if (component.format === "DOCUMENT" && isUrl(component.example)) {
        return [
          {
            path: [index, "example"],
            message:
              "must be a handle for a DOCUMENT header: Vonage's media upload takes JPEG and PNG images and MP4 videos, not documents"
          }
        ]
      }
      return []
    })
    return issues.length === 0 ? true : issues
  })
)

const checkDraft = Validation.check(
  Schema.Struct({ template: Schema.Struct({ components: VonageComponents }) }),
  { provider, operation: "templates.create" }
)

/** What of a filter Vonage can apply itself: one status it knows, one language, one search. */
const serverFilter = (filter: Template.TemplateFilter | undefined) => {
  const [status, ...otherStatuses] = filter?.status ?? []
  const [language, ...otherLanguages] = filter?.language ?? []
  const search = [filter?.name, filter?.content].find((text) => text !== undefined && text.length > 0)
  return {
    status: status !== undefined && otherStatuses.length === 0 && filterableStatuses.includes(status)
      ? status
      : undefined,
    language: otherLanguages.length === 0 ? language : undefined,
    nameOrContent: search
  }
}

interface ListRequest {
  readonly wabaId: string
  readonly filter?: Template.TemplateFilter | undefined
  readonly pageSize?: number | undefined
}

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): Templates.Implementation => {
  const api = client.templateApi
  const upload = uploadAsset(client)

  /** The listing, as a stream of `Template`s, serving `operation` (in errors and spans). */
  const listing = (operation: TemplateVersions.Operation) => {
    const fetchPage = api.call({ ...Endpoints.listTemplates, operation })
    return ({ filter, pageSize, wabaId }: ListRequest): Stream.Stream<Template.Template, AdminError.AdminError> => {
      const listingUrl = new URL(`${client.templatesUrl}/wabas/${encodeURIComponent(wabaId)}/templates`)
      const query = { wabaId, limit: pageSize ?? defaultPageSize, ...serverFilter(filter) }
      return Paging.stream({
        provider,
        operation,
        fetch: (after) =>
          Effect.map(fetchPage({ ...query, after }), (page) => {
            const next = page.next === undefined ? Either.right(undefined) : Wire.nextCursor(page.next, listingUrl)
            return { templates: page.templates, next }
          }),
        // One element per page: its templates, then (a bad link) the failure, then the next page.
        items: (page) => [page],
        next: (page) => Either.getOrUndefined(page.next)
      }).pipe(
        Stream.flatMap(({ next, templates }) =>
          Either.isRight(next)
            ? Stream.fromIterable(templates)
            : Stream.concat(
              Stream.fromIterable(templates),
              Stream.fail(new AdminError.UnexpectedResponse({ provider, operation, reason: next.left }))
            )
        ),
        Stream.filter(Template.matches(filter))
      )
    }
  }
  const listings = TemplateVersions.listings(listing)

  // Vonage's name filter is a search: the versions of exactly a name are picked from it.
  const named = TemplateVersions.make({
    provider,
    listing: (operation: TemplateVersions.Operation) => listings[operation]
  })

  /** A media header whose example is a file's URL, with the file uploaded and its handle instead. */
  const withHandle = (wabaId: string) => (component: Template.Component, index: number) =>
    component._tag === "HEADER" &&
      (component.format === "IMAGE" || component.format === "VIDEO") &&
      component.example !== undefined &&
      isUrl(component.example)
      ? Effect.map(
        upload({ wabaId, kind: component.format === "IMAGE" ? "image" : "video", url: component.example }).pipe(
          Effect.mapError((error) => (error._tag === "InvalidInput" ? exampleRefused(error, index) : error))
        ),
        (asset): Template.Component => ({ ...component, example: asset.handle })
      )
      : Effect.succeed(component)

  const create = api.call(Endpoints.createTemplate)

  return {
    ...TemplateVersions.reads(listings, named),

    create: ({ template, wabaId }) =>
      Effect.gen(function*() {
        yield* checkDraft({ template })
        const components = yield* Effect.forEach(template.components, withHandle(wabaId))
        const created = yield* create({
          wabaId,
          template: { name: template.name, language: template.language, category: template.category, components }
        }).pipe(
          // Whether a refusal is a duplicate is told by reading the template back, never by the
          // words of Meta's message; a version going or gone is no duplicate.
          named.conflictOnDuplicate(wabaId, template, "templates.create", TemplateVersions.isLive)
        )
        return TemplateVersions.created(template, components, { id: created.id })
      }),

    // Vonage's document gives only the 204 of a name deleted, so a name is read first: one it
    // does not have is NotFound, as the port says.
    delete: TemplateVersions.deletion(
      named,
      { provider, deletedBy: "Vonage", confirmName: true },
      api.call(Endpoints.deleteTemplate)
    )
  }
}

/** An upload's refusal of a header's example URL, naming the draft's field. */
const exampleRefused = (error: AdminError.InvalidInput, index: number): AdminError.InvalidInput =>
  new AdminError.InvalidInput({
    ...error,
    operation: "templates.create",
    issues: [
      new AdminError.FieldIssue({
        field: `template.components.${index}.example`,
        rule: error.issues.map((issue) => issue.rule).join("; ")
      })
    ]
  })

/**
 * The `Templates` service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Templates.Service =>
  Templates.make(provider, { ...implementation(client), unsupported: reasons })

/**
 * The `Templates` service for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(VonageClient, fromClient)

/**
 * Provides `Templates` for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(Templates.Templates, make)
