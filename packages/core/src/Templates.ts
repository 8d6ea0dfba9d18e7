/**
 * The message template port: list (a paginated stream), get, create, edit and delete.
 *
 * Deleting one language never silently deletes the others: a provider whose delete removes
 * every language of a name refuses a one-language delete unless `allLanguages` is asked for.
 *
 * @example
 * import { Templates } from "@wa-admin/core"
 * import { Stream } from "effect"
 *
 * const approved = Templates.list({ wabaId: "190787529545503", filter: { status: ["APPROVED"] } }).pipe(
 *   Stream.runCollect
 * )
 *
 * @since 0.1.0
 */
import { Context, Effect, Schema, Stream } from "effect"
import type { AdminError } from "./AdminError.js"
import type { Reasons } from "./Capabilities.js"
import * as Id from "./Id.js"
import { portOf } from "./internal/port.js"
import * as PortService from "./internal/service.js"
import { LanguageCode, Template, TemplateDraft, TemplateFilter, TemplateName, ValidComponents } from "./Template.js"
import { invalidInput } from "./Validation.js"

/**
 * A WhatsApp Business Account, by id: Meta's WABA ids are digits ({@link Id.digits}).
 *
 * @since 0.1.0
 * @category requests
 */
export const WabaRef = Schema.Struct({ wabaId: Id.digits("a WABA id") })

/**
 * @since 0.1.0
 * @category requests
 */
export const ListRequest = Schema.Struct({
  ...WabaRef.fields,
  filter: Schema.optional(TemplateFilter),
  pageSize: Schema.optional(
    Schema.Int.pipe(Schema.between(1, 100, { message: () => "must be a whole number from 1 to 100" }))
  )
})

/**
 * One language version of a template, by name and language.
 *
 * @since 0.1.0
 * @category requests
 */
export const TemplateRef = Schema.Struct({ ...WabaRef.fields, name: TemplateName, language: LanguageCode })

/**
 * @since 0.1.0
 * @category requests
 */
export const CreateRequest = Schema.Struct({ ...WabaRef.fields, template: TemplateDraft })

/**
 * Replaces the components of one language version. `id` (the provider's template id, checked as
 * an id: {@link Id.ResourceId}) is looked up by name and language when not given.
 *
 * @since 0.1.0
 * @category requests
 */
export const EditRequest = Schema.Struct({
  ...TemplateRef.fields,
  id: Schema.optional(Id.ResourceId),
  components: ValidComponents
})

/**
 * Deletes one language version, or (with `allLanguages: true` and no language) every language
 * of a name.
 *
 * @since 0.1.0
 * @category requests
 */
export const DeleteRequest = Schema.Union(
  TemplateRef,
  Schema.Struct({ ...WabaRef.fields, name: TemplateName, allLanguages: Schema.Literal(true) })
)

/**
 * @since 0.1.0
 * @category models
 */
export interface Implementation extends PortService.Implementation {
  readonly list?: (request: typeof ListRequest.Type) => Stream.Stream<Template, AdminError>
  readonly get?: (request: typeof TemplateRef.Type) => Effect.Effect<Template, AdminError>
  readonly create?: (request: typeof CreateRequest.Type) => Effect.Effect<Template, AdminError>
  readonly edit?: (request: typeof EditRequest.Type) => Effect.Effect<void, AdminError>
  readonly delete?: (request: typeof DeleteRequest.Type) => Effect.Effect<void, AdminError>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service extends PortService.Description {
  /** Every template language version matching the filter, page by page, in order. */
  readonly list: (request: typeof ListRequest.Encoded) => Stream.Stream<Template, AdminError>
  /** One language version; fails with `NotFound` when absent. */
  readonly get: (request: typeof TemplateRef.Encoded) => Effect.Effect<Template, AdminError>
  /**
   * Creates a template language version; answers it as the provider now reports it. Fails with
   * `Conflict` when that name and language exist already.
   */
  readonly create: (request: typeof CreateRequest.Encoded) => Effect.Effect<Template, AdminError>
  /** Replaces the components of one language version; fails with `NotFound` when absent. */
  readonly edit: (request: typeof EditRequest.Encoded) => Effect.Effect<void, AdminError>
  /**
   * Deletes one language version, or every language with `allLanguages: true` (a request naming
   * both a language and `allLanguages: true` is refused as ambiguous); fails with `NotFound`
   * when there is nothing to delete.
   */
  readonly delete: (request: typeof DeleteRequest.Encoded) => Effect.Effect<void, AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Templates extends Context.Tag("@wa-admin/core/Templates")<Templates, Service>() {}

/** The implementation's methods and the operations they serve. */
const candidates = [
  ["list", "templates.list"],
  ["get", "templates.get"],
  ["create", "templates.create"],
  ["edit", "templates.edit"],
  ["delete", "templates.delete"]
] as const

/**
 * Builds the service from an adapter's implementation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (provider: string, implementation: Implementation): Service => {
  const port = portOf(provider, implementation.unsupported)
  const remove = port.effect("templates.delete", DeleteRequest, implementation.delete)
  return {
    ...PortService.describe(provider, implementation, candidates),
    list: port.stream("templates.list", ListRequest, implementation.list),
    get: port.effect("templates.get", TemplateRef, implementation.get),
    create: port.effect("templates.create", CreateRequest, implementation.create),
    edit: port.effect("templates.edit", EditRequest, implementation.edit),
    delete: (request) =>
      implementation.delete !== undefined && isAmbiguousDelete(request)
        ? Effect.fail(
          invalidInput({ provider, operation: "templates.delete" }, [
            { field: "language", rule: "must be left out when allLanguages is true" }
          ])
        )
        : remove(request)
  }
}

/** A delete naming one language and asking for all of them: the union's first member would drop the latter. */
const isAmbiguousDelete = (request: typeof DeleteRequest.Encoded): boolean =>
  "allLanguages" in request && request.allLanguages === true && "language" in request && request.language !== undefined

/**
 * A service whose every operation fails with `Unsupported`, with the reasons given.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsupported: (provider: string, reasons?: Reasons) => Service = PortService.unsupportedBy(make)

/** @since 0.1.0 @category accessors */
export const list = (request: typeof ListRequest.Encoded) =>
  Stream.unwrap(Effect.map(Templates, (service) => service.list(request)))
/** @since 0.1.0 @category accessors */
export const get = (request: typeof TemplateRef.Encoded) => Effect.flatMap(Templates, (service) => service.get(request))
/** @since 0.1.0 @category accessors */
export const create = (request: typeof CreateRequest.Encoded) =>
  Effect.flatMap(Templates, (service) => service.create(request))
/** @since 0.1.0 @category accessors */
export const edit = (request: typeof EditRequest.Encoded) =>
  Effect.flatMap(Templates, (service) => service.edit(request))
/** @since 0.1.0 @category accessors */
export const remove = (request: typeof DeleteRequest.Encoded) =>
  Effect.flatMap(Templates, (service) => service.delete(request))
