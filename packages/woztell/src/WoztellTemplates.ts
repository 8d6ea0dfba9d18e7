/**
 * The message template port over WOZTELL.
 *
 * - `list` streams GET /whatsapp-message-templates page by page over its `after` cursors and
 *   flattens WOZTELL's one-entry-per-name answer into one `Template` per language version.
 * - `create` (PUT) and `edit` (PATCH) are held to WOZTELL's budgets on this side first (100
 *   creations per WABA per hour; one edit per 24 hours and ten per 30 days per language
 *   version), so a refusal costs no request and says when to try again.
 * - `edit` looks the language version's id up by name and language when it is not given.
 * - WOZTELL's DELETE removes every language of a name, so deleting one language is refused
 *   unless it is the only one the name has, or `allLanguages: true` is asked for.
 *
 * @since 0.1.0
 */
import { AdminError, Template, Templates } from "@wa-admin/core"
import { TemplateVersions } from "@wa-admin/core/adapter"
import { Effect, Layer, Schema, Stream } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { pages } from "./internal/paging.js"
import { checkIds } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import type * as QuotaStore from "./QuotaStore.js"
import { provider, WoztellClient } from "./WoztellClient.js"
import type { Service as ClientService } from "./WoztellClient.js"

/**
 * The statuses asked for when looking a template up by name, so that no language version is
 * overlooked (the provider's default leaves PAUSED, DISABLED, IN_APPEAL and LIMIT_EXCEEDED
 * ones out — and a delete by name would remove them too).
 *
 * @since 0.1.0
 * @category constants
 */
export const lookupStatuses: ReadonlyArray<string> = [...Template.knownStatuses, "IN_APPEAL", "LIMIT_EXCEEDED"]

/** The port checks the WABA id (Meta's digits) and that a template id could be an id at all. */
const checkEdit = checkIds("templates.edit", Schema.Struct({ id: Schema.optional(Wire.TemplateId) }))

/** Gives a quota slot back when the request certainly had no effect. */
const releaseUnlessAmbiguous =
  (reservation: QuotaStore.Reservation) =>
  <A, R>(effect: Effect.Effect<A, AdminError.AdminError, R>): Effect.Effect<A, AdminError.AdminError, R> =>
    Effect.tapError(effect, (error) => (error._tag === "OutcomeUnknown" ? Effect.void : reservation.release))

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
  /** GET /whatsapp-message-templates page by page, serving `operation`. */
  const listing = (operation: string) => {
    const page = client.call(Endpoints.serving(operation, Endpoints.listTemplates))
    return ({ filter, pageSize, wabaId }: ListRequest): Stream.Stream<Template.Template, AdminError.AdminError> =>
      pages({
        operation,
        fetch: (after) => page({ wabaId, pageSize: pageSize ?? 100, after, filter }),
        items: (found) => found.data.flatMap((entry) => Wire.templates(entry, filter)),
        paging: (found) => found.paging
      })
  }
  const listings = TemplateVersions.listings(listing)

  // The provider's name filter is a search, and its default leaves some statuses out.
  const named = TemplateVersions.make({
    provider,
    listing: (operation: TemplateVersions.Operation) => listings[operation],
    statuses: lookupStatuses
  })

  const create = client.call(Endpoints.createTemplate)
  const edit = client.call(Endpoints.editTemplate)

  return {
    ...TemplateVersions.reads(listings, named),

    create: ({ template, wabaId }) =>
      Effect.gen(function*() {
        const reservation = yield* client.quota.reserveCreation(wabaId, { provider, operation: "templates.create" })
        const created = yield* create({ wabaId, ...template }).pipe(
          releaseUnlessAmbiguous(reservation),
          // WOZTELL refuses a duplicate with a plain 400 and a message; whether it is one is
          // told by reading the template back, never by the message's words.
          named.conflictOnDuplicate(wabaId, template, "templates.create")
        )
        return TemplateVersions.created(template, template.components, {
          id: created.id,
          language: created.language
        })
      }),

    edit: (unchecked) =>
      Effect.gen(function*() {
        const request = yield* checkEdit(unchecked)
        const { language, name, wabaId } = request
        const reservation = yield* client.quota.reserveEdit({ wabaId, name, language }, {
          provider,
          operation: "templates.edit"
        })
        yield* Effect.gen(function*() {
          const id = request.id ?? (yield* named.find(request, "templates.edit")).id
          if (id === undefined) {
            return yield* new AdminError.UnexpectedResponse({
              provider,
              operation: "templates.edit",
              reason: `the provider listed ${name} (${language}) without its id`
            })
          }
          yield* edit({ wabaId, name, language, id, components: request.components })
        }).pipe(releaseUnlessAmbiguous(reservation))
      }),

    delete: TemplateVersions.deletion(named, { provider, deletedBy: "WOZTELL" }, client.call(Endpoints.deleteTemplate))
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
 * The `Templates` service for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(WoztellClient, fromClient)

/**
 * Provides `Templates` for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(Templates.Templates, make)
