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
import { Effect, Layer, Schema, Stream } from "effect"
import { AdminError, Template, Templates, Validation } from "@wa-admin/core"
import { componentToWire, templatesFromEntry } from "./internal/mapping.js"
import { pages } from "./internal/paging.js"
import { checkIds } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import type * as QuotaStore from "./QuotaStore.js"
import { provider, WoztellClient } from "./WoztellClient.js"

/**
 * The statuses asked for when looking a template up by name, so that no language version is
 * overlooked (the provider's default leaves PAUSED, DISABLED, IN_APPEAL and LIMIT_EXCEEDED
 * ones out — and a delete by name would remove them too).
 *
 * @since 0.1.0
 * @category constants
 */
export const lookupStatuses: ReadonlyArray<string> = [...Template.knownStatuses, "IN_APPEAL", "LIMIT_EXCEEDED"]

const gone = new Set(["DELETED", "PENDING_DELETION"])

/** The port checks the WABA id (Meta's digits) and that a template id could be an id at all. */
const checkEdit = checkIds("templates.edit", Schema.Struct({ id: Schema.optional(Wire.TemplateId) }))

/** Gives a quota slot back when the request certainly had no effect. */
const releaseUnlessAmbiguous =
  (reservation: QuotaStore.Reservation) =>
  <A, R>(effect: Effect.Effect<A, AdminError.AdminError, R>): Effect.Effect<A, AdminError.AdminError, R> =>
    Effect.tapError(effect, (error) => (error._tag === "OutcomeUnknown" ? Effect.void : reservation.release))

/**
 * The port service over the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Templates.Service, never, WoztellClient> = Effect.map(WoztellClient, (client) => {
  const list = (
    request: { readonly wabaId: string; readonly filter?: Template.TemplateFilter | undefined; readonly pageSize?: number | undefined },
    operation: string
  ): Stream.Stream<Template.Template, AdminError.AdminError> => {
    const filter = request.filter
    return pages({
      operation,
      fetch: (after) =>
        client.read({
          operation,
          path: "/whatsapp-message-templates",
          query: {
            wabaId: request.wabaId,
            first: request.pageSize ?? 100,
            after,
            status: filter?.status,
            category: filter?.category,
            language: filter?.language,
            quality_score: filter?.qualityScore,
            name: filter?.name,
            content: filter?.content
          },
          auth: "accessToken",
          schema: Wire.TemplatesResponse,
          notFound: { resource: "WABA", id: request.wabaId }
        }),
      items: (page) => page.data.flatMap((entry) => templatesFromEntry(entry, filter)),
      paging: (page) => page.paging
    })
  }

  /** Every language version of exactly this name (the provider's name filter is a search). */
  const versionsOf = (wabaId: string, name: string, operation: string, language?: string) =>
    list(
      {
        wabaId,
        filter: new Template.TemplateFilter({
          name,
          status: lookupStatuses,
          ...(language === undefined ? {} : { language: [language] })
        })
      },
      operation
    ).pipe(
      Stream.filter((template) => template.name === name),
      Stream.runCollect,
      Effect.map((chunk) => Array.from(chunk))
    )

  const find = (
    request: { readonly wabaId: string; readonly name: string; readonly language: string },
    operation: string
  ): Effect.Effect<Template.Template, AdminError.AdminError> =>
    versionsOf(request.wabaId, request.name, operation, request.language).pipe(
      Effect.flatMap((versions) => {
        const found = versions.find((template) => template.language === request.language)
        return found === undefined
          ? Effect.fail(
              new AdminError.NotFound({
                provider,
                operation,
                resource: "template",
                id: `${request.name} (${request.language})`
              })
            )
          : Effect.succeed(found)
      })
    )

  const deleteByName = (wabaId: string, name: string) =>
    client.write({
      operation: "templates.delete",
      method: "DELETE",
      path: "/whatsapp-message-template",
      body: { wabaId, name },
      auth: "accessToken",
      idempotent: true,
      schema: Wire.SuccessResponse,
      notFound: { resource: "template", id: name }
    })

  return Templates.make(provider, {
    list: (request) => list(request, "templates.list"),

    get: (request) => find(request, "templates.get"),

    create: ({ template, wabaId }) =>
      Effect.gen(function* () {
        const reservation = yield* client.quota.reserveCreation(wabaId, { provider, operation: "templates.create" })
        const response = yield* client
          .write({
            operation: "templates.create",
            method: "PUT",
            path: "/whatsapp-message-template",
            body: {
              wabaId,
              name: template.name,
              language: template.language,
              // Sent as given: WOZTELL documents TRANSACTIONAL, MARKETING and OTP, and passes
              // Meta's current names (UTILITY, AUTHENTICATION) through to Meta.
              category: template.category,
              components: template.components.map(componentToWire)
            },
            auth: "accessToken",
            // A second PUT would create a second template (or be refused as a duplicate).
            idempotent: false,
            schema: Wire.CreateTemplateResponse,
            notFound: { resource: "WABA", id: wabaId }
          })
          .pipe(
            releaseUnlessAmbiguous(reservation),
            // WOZTELL refuses a duplicate with a plain 400 and a message; whether it is one is
            // told by reading the template back, never by the message's words.
            Effect.catchIf(
              (error): error is AdminError.InvalidInput => error._tag === "InvalidInput" && error.source === "provider",
              (refusal) =>
                versionsOf(wabaId, template.name, "templates.create", template.language).pipe(
                  Effect.orElseSucceed(() => []),
                  Effect.flatMap((versions): Effect.Effect<never, AdminError.Conflict | AdminError.InvalidInput> =>
                    versions.some((version) => version.language === template.language)
                      ? Effect.fail(
                          new AdminError.Conflict({
                            provider,
                            operation: "templates.create",
                            reason: `a template named ${template.name} already exists in ${template.language}`,
                            ...(refusal.problem === undefined ? {} : { problem: refusal.problem })
                          })
                        )
                      : Effect.fail(refusal)
                  )
                )
            )
          )
        return new Template.Template({
          id: response.id,
          name: template.name,
          language: response.language ?? template.language,
          category: template.category,
          // Meta reviews every new template: it starts PENDING.
          status: "PENDING",
          components: template.components
        })
      }),

    edit: (unchecked) =>
      Effect.gen(function* () {
        const request = yield* checkEdit(unchecked)
        const key = { wabaId: request.wabaId, name: request.name, language: request.language }
        const reservation = yield* client.quota.reserveEdit(key, { provider, operation: "templates.edit" })
        yield* Effect.gen(function* () {
          const id = request.id ?? (yield* find(request, "templates.edit")).id
          if (id === undefined) {
            return yield* new AdminError.UnexpectedResponse({
              provider,
              operation: "templates.edit",
              reason: `the provider listed ${request.name} (${request.language}) without its id`
            })
          }
          yield* client.write({
            operation: "templates.edit",
            method: "PATCH",
            path: "/whatsapp-message-template",
            body: {
              wabaId: request.wabaId,
              messageTemplateName: request.name,
              messageTemplateLanguage: request.language,
              messageTemplateId: id,
              components: request.components.map(componentToWire)
            },
            auth: "accessToken",
            // Each accepted edit counts against the template's edit windows, so a blind retry
            // after an ambiguous failure could spend the day's only edit: not idempotent.
            idempotent: false,
            schema: Wire.SuccessResponse,
            notFound: { resource: "template", id: `${request.name} (${request.language})` }
          })
        }).pipe(releaseUnlessAmbiguous(reservation))
      }),

    delete: (request) =>
      Effect.gen(function* () {
        if ("allLanguages" in request) {
          yield* deleteByName(request.wabaId, request.name)
          return
        }
        const versions = (yield* versionsOf(request.wabaId, request.name, "templates.delete")).filter(
          (template) => !gone.has(template.status)
        )
        if (!versions.some((template) => template.language === request.language)) {
          return yield* new AdminError.NotFound({
            provider,
            operation: "templates.delete",
            resource: "template",
            id: `${request.name} (${request.language})`
          })
        }
        const others = [...new Set(versions.map((template) => template.language))].filter(
          (language) => language !== request.language
        )
        if (others.length > 0) {
          return yield* Validation.invalidInput({ provider, operation: "templates.delete" }, [
            {
              field: "allLanguages",
              rule: `WOZTELL deletes every language of a template name, and ${request.name} also has ${others.join(", ")}: pass allLanguages: true (without language) to delete them all`
            }
          ])
        }
        yield* deleteByName(request.wabaId, request.name)
      })
  })
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Templates.Templates, never, WoztellClient> = Layer.effect(Templates.Templates, make)
