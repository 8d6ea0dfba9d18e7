/**
 * A template name's language versions, read over a provider's listing: the versions of exactly
 * one name (providers' name filters are searches), one version as `NotFound` when absent, and a
 * refused creation told apart as a duplicate by reading the name back — never by the words of
 * the provider's message.
 *
 * @example
 * import { TemplateVersions } from "@wa-admin/core/adapter"
 * import { Stream } from "effect"
 *
 * const versions = TemplateVersions.make({ provider: "acme", listing: () => () => Stream.empty })
 *
 * @since 0.2.0
 */
import { Effect, Stream } from "effect"
import * as AdminError from "../AdminError.js"
import * as Template from "../Template.js"
import type * as Templates from "../Templates.js"
import * as Validation from "../Validation.js"

/**
 * A provider's template listing, serving one operation (in its errors and spans).
 *
 * @since 0.2.0
 * @category models
 */
export type Listing = (request: { readonly wabaId: string; readonly filter: Template.TemplateFilter }) => Stream.Stream<
  Template.Template,
  AdminError.AdminError
>

/**
 * @since 0.2.0
 * @category models
 */
export interface Options<Operation extends string> {
  readonly provider: string
  /** The listing serving each operation. */
  readonly listing: (operation: Operation) => Listing
  /** The statuses to ask for, where the provider's default listing leaves some out. */
  readonly statuses?: ReadonlyArray<string> | undefined
}

/**
 * @since 0.2.0
 * @category models
 */
export interface TemplateVersions<Operation extends string> {
  /** Every language version of exactly this name (in `language` only, when given). */
  readonly of: (
    wabaId: string,
    name: string,
    operation: Operation,
    language?: string
  ) => Effect.Effect<Array<Template.Template>, AdminError.AdminError>
  /** The version of this name in this language, or `NotFound` naming both. */
  readonly find: (
    request: { readonly wabaId: string; readonly name: string; readonly language: string },
    operation: Operation
  ) => Effect.Effect<Template.Template, AdminError.AdminError>
  /**
   * A creation the provider refused (`InvalidInput` from the provider) becomes a `Conflict` when
   * the name already has a version in the template's language (one that `counts`: by default any),
   * and stays the refusal otherwise.
   */
  readonly conflictOnDuplicate: (
    wabaId: string,
    template: { readonly name: string; readonly language: string },
    operation: Operation,
    counts?: (version: Template.Template) => boolean
  ) => <A, R>(created: Effect.Effect<A, AdminError.AdminError, R>) => Effect.Effect<A, AdminError.AdminError, R>
}

/**
 * `NotFound` for a template: its name, and its language when one is named (`order_update (en_US)`).
 *
 * @since 0.2.0
 * @category errors
 */
export const notFound = (
  where: { readonly provider: string; readonly operation: string },
  request: { readonly name: string; readonly language?: string | undefined }
): AdminError.NotFound =>
  new AdminError.NotFound({
    provider: where.provider,
    operation: where.operation,
    resource: "template",
    id: request.language === undefined ? request.name : `${request.name} (${request.language})`
  })

/** Statuses of a language version that is going or gone (deleted, or being deleted). */
const goneStatuses: ReadonlySet<string> = new Set(["DELETED", "PENDING_DELETION"])

/**
 * Whether a language version is still there: not deleted nor being deleted (a delete by name does
 * not count those, nor does a duplicate check).
 *
 * @since 0.2.0
 * @category predicates
 */
export const isLive = (version: { readonly status: string }): boolean => !goneStatuses.has(version.status)

const isProviderRefusal = (error: AdminError.AdminError): error is AdminError.InvalidInput =>
  error._tag === "InvalidInput" && error.source === "provider"

/**
 * @since 0.2.0
 * @category constructors
 */
export const make = <Operation extends string>(options: Options<Operation>): TemplateVersions<Operation> => {
  const { provider } = options
  const of: TemplateVersions<Operation>["of"] = (wabaId, name, operation, language) =>
    options.listing(operation)({
      wabaId,
      filter: new Template.TemplateFilter({
        name,
        status: options.statuses,
        language: language === undefined ? undefined : [language]
      })
    }).pipe(
      Stream.filter((template) => template.name === name),
      Stream.runCollect,
      Effect.map((chunk) => Array.from(chunk))
    )

  const find: TemplateVersions<Operation>["find"] = (request, operation) =>
    Effect.flatMap(of(request.wabaId, request.name, operation, request.language), (versions) => {
      const found = versions.find((template) => template.language === request.language)
      return found === undefined ? Effect.fail(notFound({ provider, operation }, request)) : Effect.succeed(found)
    })

  const conflictOnDuplicate: TemplateVersions<Operation>["conflictOnDuplicate"] =
    (wabaId, template, operation, counts = () => true) => <A, R>(created: Effect.Effect<A, AdminError.AdminError, R>) =>
      Effect.catchIf(
        created,
        isProviderRefusal,
        (refusal): Effect.Effect<never, AdminError.AdminError> =>
          of(wabaId, template.name, operation, template.language).pipe(
            Effect.orElseSucceed((): Array<Template.Template> => []),
            Effect.flatMap((versions): Effect.Effect<never, AdminError.Conflict | AdminError.InvalidInput> =>
              versions.some((version) => version.language === template.language && counts(version))
                ? Effect.fail(
                  new AdminError.Conflict({
                    provider,
                    operation,
                    reason: `a template named ${template.name} already exists in ${template.language}`,
                    problem: refusal.problem
                  })
                )
                : Effect.fail(refusal)
            )
          )
      )

  return { of, find, conflictOnDuplicate }
}

/**
 * The operations of the `Templates` port that read a provider's listing.
 *
 * @since 0.2.0
 * @category models
 */
export type Operation = "templates.list" | "templates.get" | "templates.create" | "templates.edit" | "templates.delete"

/**
 * One listing per operation of the `Templates` port, each built once with its operation (for its
 * errors and spans): `listings["templates.get"]` serves `get`.
 *
 * @example
 * import { TemplateVersions } from "@wa-admin/core/adapter"
 * import { Stream } from "effect"
 *
 * const listings = TemplateVersions.listings((operation) => () => Stream.empty)
 *
 * @since 0.2.0
 * @category constructors
 */
export const listings = <L>(build: (operation: Operation) => L): Record<Operation, L> => ({
  "templates.list": build("templates.list"),
  "templates.get": build("templates.get"),
  "templates.create": build("templates.create"),
  "templates.edit": build("templates.edit"),
  "templates.delete": build("templates.delete")
})

/**
 * The `list` and `get` of a `Templates` implementation: `list` is the `templates.list` listing,
 * `get` the version of the name in the language read over the `templates.get` one (`NotFound`
 * naming both when absent).
 *
 * @since 0.2.0
 * @category constructors
 */
export const reads = (
  listings: { readonly "templates.list": NonNullable<Templates.Implementation["list"]> },
  versions: TemplateVersions<"templates.get">
): Required<Pick<Templates.Implementation, "list" | "get">> => ({
  list: listings["templates.list"],
  get: (request) => versions.find(request, "templates.get")
})

/**
 * The template a creation answers: the draft as sent (with the components sent), the provider's
 * id, and what the provider says of its category, language and status, else the draft's — and
 * `PENDING`, as WhatsApp reviews every new template.
 *
 * @since 0.2.0
 * @category constructors
 */
export const created = (
  draft: { readonly name: string; readonly language: string; readonly category: string },
  components: ReadonlyArray<Template.Component>,
  answer: {
    readonly id?: string | undefined
    readonly language?: string | undefined
    readonly category?: string | undefined
    readonly status?: string | undefined
  }
): Template.Template =>
  new Template.Template({
    ...(answer.id === undefined ? {} : { id: answer.id }),
    name: draft.name,
    language: answer.language ?? draft.language,
    category: answer.category ?? draft.category,
    status: answer.status ?? "PENDING",
    components
  })

/**
 * Whether one language version of a name can be deleted where the provider deletes by name
 * (every language at once): `NotFound` naming the version when `versions` (the name's live ones)
 * has none in its language, `InvalidInput` naming `allLanguages` when it has others, which the
 * deletion would take too; nothing has been sent either way.
 *
 * @example
 * import { TemplateVersions } from "@wa-admin/core/adapter"
 *
 * const check = TemplateVersions.deletableAlone(
 *   { provider: "woztell", operation: "templates.delete", deletedBy: "WOZTELL" },
 *   [],
 *   { name: "order_update", language: "en_US" }
 * )
 *
 * @since 0.2.0
 * @category validation
 */
export const deletableAlone = (
  where: { readonly provider: string; readonly operation: string; readonly deletedBy: string },
  versions: ReadonlyArray<Template.Template>,
  request: { readonly name: string; readonly language: string }
): Effect.Effect<void, AdminError.NotFound | AdminError.InvalidInput> => {
  if (!versions.some((template) => template.language === request.language)) {
    return Effect.fail(notFound(where, request))
  }
  const others = [...new Set(versions.map((template) => template.language))].filter(
    (language) => language !== request.language
  )
  return others.length === 0 ? Effect.void : Effect.fail(
    Validation.invalidInput({ provider: where.provider, operation: where.operation }, [
      {
        field: "allLanguages",
        rule: `${where.deletedBy} deletes every language of a template name, and ${request.name} also has ${
          others.join(", ")
        }: pass allLanguages: true (without language) to delete them all`
      }
    ])
  )
}

/**
 * Deletes one language of a template on a provider that deletes a name's every language at once:
 * the name's live versions are read, the language must be there ({@link notFound} otherwise) and
 * the only one ({@link deletableAlone}: `InvalidInput` asking for `allLanguages` otherwise), then
 * the name is deleted.
 *
 * @since 0.2.0
 * @category constructors
 */
export const deleteLanguage = <Operation extends string, E, R>(
  versions: TemplateVersions<Operation>,
  where: { readonly provider: string; readonly operation: Operation; readonly deletedBy: string },
  request: { readonly wabaId: string; readonly name: string; readonly language: string },
  deleteByName: (request: { readonly wabaId: string; readonly name: string }) => Effect.Effect<void, E, R>
): Effect.Effect<void, AdminError.AdminError | E, R> =>
  Effect.flatMap(
    versions.of(request.wabaId, request.name, where.operation),
    (found) => Effect.zipRight(deletableAlone(where, found.filter(isLive), request), deleteByName(request))
  )

/**
 * The port's `delete` on a provider that deletes a name's every language at once:
 * `allLanguages` deletes the name, one language goes through {@link deleteLanguage}. With
 * `confirmName`, for a provider that answers a delete of a name it does not have as done, the
 * name's live versions are read first and a name with none is {@link notFound}, not deleted.
 *
 * @since 0.2.0
 * @category constructors
 */
export const deletion = <E, R>(
  versions: TemplateVersions<"templates.delete">,
  where: { readonly provider: string; readonly deletedBy: string; readonly confirmName?: boolean },
  deleteByName: (request: { readonly wabaId: string; readonly name: string }) => Effect.Effect<void, E, R>
) => {
  const operation = "templates.delete" as const
  const at = { provider: where.provider, operation, deletedBy: where.deletedBy }
  const deleteName = (
    request: { readonly wabaId: string; readonly name: string }
  ): Effect.Effect<void, AdminError.AdminError | E, R> =>
    where.confirmName === true
      ? Effect.flatMap(
        versions.of(request.wabaId, request.name, operation),
        (found): Effect.Effect<void, AdminError.AdminError | E, R> =>
          found.some(isLive) ? deleteByName(request) : Effect.fail(notFound(at, request))
      )
      : deleteByName(request)
  return (request: typeof Templates.DeleteRequest.Type): Effect.Effect<void, AdminError.AdminError | E, R> =>
    "allLanguages" in request ? deleteName(request) : deleteLanguage(versions, at, request, deleteByName)
}
