/**
 * Assembling a provider's port services into layers.
 *
 * `layer` is the static view: it provides only what the provider implements, so a program that
 * needs anything else does not type-check. `layerComplete` is the dynamic view for a provider
 * chosen at run time: every port service is provided and the missing ones fail with
 * `Unsupported`; `Capabilities` says which is which.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import { BusinessProfile } from "./BusinessProfile.js"
import * as BusinessProfileModule from "./BusinessProfile.js"
import { Capabilities } from "./Capabilities.js"
import * as CapabilitiesModule from "./Capabilities.js"
import { Media } from "./Media.js"
import * as MediaModule from "./Media.js"
import { NumberLifecycle } from "./NumberLifecycle.js"
import * as NumberLifecycleModule from "./NumberLifecycle.js"
import { Templates } from "./Templates.js"
import * as TemplatesModule from "./Templates.js"

/**
 * Every port service plus `Capabilities`: what a provider chosen at run time provides.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = NumberLifecycle | BusinessProfile | Media | Templates | Capabilities

/**
 * The port services a provider implements.
 *
 * @since 0.1.0
 * @category models
 */
export interface Parts {
  readonly provider: string
  readonly supportStatus: CapabilitiesModule.SupportStatus
  readonly deprecation?: string
  readonly extensions?: ReadonlyArray<string>
  readonly numberLifecycle?: NumberLifecycleModule.Service
  readonly businessProfile?: BusinessProfileModule.Service
  readonly media?: MediaModule.Service
  readonly templates?: TemplatesModule.Service
  /** Why the provider lacks the operations it lacks (those of missing services included). */
  readonly reasons?: CapabilitiesModule.Reasons
}

/**
 * The capabilities of a provider's parts.
 *
 * @since 0.1.0
 * @category constructors
 */
export const capabilities = (parts: Parts): CapabilitiesModule.Service =>
  CapabilitiesModule.make({
    provider: parts.provider,
    supportStatus: parts.supportStatus,
    ...(parts.deprecation === undefined ? {} : { deprecation: parts.deprecation }),
    ...(parts.extensions === undefined ? {} : { extensions: parts.extensions }),
    services: [
      ...[parts.numberLifecycle, parts.businessProfile, parts.media, parts.templates].filter(
        (service) => service !== undefined
      ),
      ...(parts.reasons === undefined
        ? []
        : [{ operations: new Set<CapabilitiesModule.Operation>(), reasons: parts.reasons }])
    ]
  })

/**
 * Every port service, the missing ones failing with `Unsupported`, plus `Capabilities`, as one
 * context.
 *
 * @since 0.2.0
 * @category constructors
 */
export const contextComplete = (parts: Parts): Context.Context<Services> =>
  Context.make(
    NumberLifecycle,
    parts.numberLifecycle ?? NumberLifecycleModule.unsupported(parts.provider, parts.reasons)
  )
    .pipe(
      Context.add(
        BusinessProfile,
        parts.businessProfile ?? BusinessProfileModule.unsupported(parts.provider, parts.reasons)
      ),
      Context.add(Media, parts.media ?? MediaModule.unsupported(parts.provider, parts.reasons)),
      Context.add(Templates, parts.templates ?? TemplatesModule.unsupported(parts.provider, parts.reasons)),
      Context.add(Capabilities, capabilities(parts))
    )

/**
 * Every port service, the missing ones failing with `Unsupported`, plus `Capabilities`: one layer
 * of {@link contextComplete} (a layer per service would be merged, each merge building in a fiber
 * of its own, for every tenant a registry builds).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerComplete = (parts: Parts): Layer.Layer<Services> => Layer.succeedContext(contextComplete(parts))
