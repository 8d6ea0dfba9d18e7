/**
 * What a provider can do, answered before calling it.
 *
 * Statically, an adapter's layer provides only the port services it supports, so a program
 * that needs a missing one does not type-check. When the provider is chosen at run time, every
 * port service is provided, its missing operations fail with `Unsupported`, and this service
 * says beforehand which operations will work.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"

/**
 * Every port operation, named as in spans (`wa-admin.<provider>.<operation>`) and the CLI.
 *
 * @since 0.1.0
 * @category constants
 */
export const operations = [
  "numbers.provision",
  "numbers.status",
  "numbers.verify",
  "numbers.resend",
  "numbers.release",
  "profile.get",
  "profile.update",
  "profile.photo.get",
  "profile.photo.set",
  "media.upload",
  "media.templateAsset",
  "templates.list",
  "templates.get",
  "templates.create",
  "templates.edit",
  "templates.delete"
] as const

/**
 * @since 0.1.0
 * @category models
 */
export type Operation = (typeof operations)[number]

/**
 * Every port operation but the ones named, in the port's order: what a provider that lacks a few
 * implements, or the ones a provider that implements a few lacks.
 *
 * @example
 * import { Capabilities } from "@wa-admin/core"
 *
 * Capabilities.except("templates.edit", "media.upload").length // 14
 *
 * @since 0.2.0
 * @category constants
 */
export const except = (...missing: ReadonlyArray<Operation>): ReadonlyArray<Operation> =>
  operations.filter((operation) => !missing.includes(operation))

/**
 * Why a provider lacks some operations, by operation: what `Unsupported` carries as its
 * `reason` and `Capabilities` answers beforehand.
 *
 * @since 0.2.0
 * @category models
 */
export type Reasons = { readonly [operation in Operation]?: string }

/**
 * Whether an adapter is maintained (`stable`) or kept for migrations only (`deprecated`).
 *
 * @since 0.1.0
 * @category models
 */
export type SupportStatus = "stable" | "deprecated"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly provider: string
  readonly supportStatus: SupportStatus
  /** Why the adapter is deprecated and what to use instead. */
  readonly deprecation?: string
  readonly operations: ReadonlySet<Operation>
  /** Provider-specific services beyond the port (e.g. `VonageStickers`). */
  readonly extensions: ReadonlyArray<string>
  readonly supports: (operation: Operation) => boolean
  /** Why an operation is unsupported, when the adapter says (never for a supported one). */
  readonly reason: (operation: Operation) => string | undefined
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Capabilities extends Context.Tag("@wa-admin/core/Capabilities")<Capabilities, Service>() {}

/**
 * Anything that knows the operations it implements (every port service does).
 *
 * @since 0.1.0
 * @category models
 */
export interface HasOperations {
  readonly operations: ReadonlySet<Operation>
  /** Why it lacks the operations it lacks, where it says. */
  readonly reasons?: Reasons
}

/**
 * Builds the capabilities of a provider from the port services it implements.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: {
  readonly provider: string
  readonly supportStatus: SupportStatus
  readonly deprecation?: string
  readonly services: ReadonlyArray<HasOperations>
  readonly extensions?: ReadonlyArray<string>
}): Service => {
  const supported = new Set(options.services.flatMap((service) => [...service.operations]))
  const reasons: Reasons = Object.assign({}, ...options.services.map((service) => service.reasons ?? {}))
  return {
    provider: options.provider,
    supportStatus: options.supportStatus,
    ...(options.deprecation === undefined ? {} : { deprecation: options.deprecation }),
    operations: supported,
    extensions: options.extensions ?? [],
    supports: (operation) => supported.has(operation),
    reason: (operation) => (supported.has(operation) ? undefined : reasons[operation])
  }
}

/**
 * Whether the provider in context supports an operation.
 *
 * @since 0.1.0
 * @category accessors
 */
export const supports = (operation: Operation): Effect.Effect<boolean, never, Capabilities> =>
  Effect.map(Capabilities, (capabilities) => capabilities.supports(operation))

/**
 * A layer holding fixed capabilities.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (service: Service): Layer.Layer<Capabilities> => Layer.succeed(Capabilities, service)
