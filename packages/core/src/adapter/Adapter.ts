/**
 * Assembling an adapter's layers the one way every adapter does it.
 *
 * An adapter gives who it is (its provider descriptor, {@link Identity}), its port services
 * (built from its client), its extension services and its client's configuration layer;
 * {@link layers} answers:
 *
 * - `layer` — the static view: exactly the port services the adapter implements, its
 *   extensions and `Capabilities` (a program that needs anything else does not type-check);
 * - `layerComplete` — the dynamic view, for a provider chosen at run time: every port service
 *   (the missing ones fail with `Unsupported`), the extensions and `Capabilities`;
 * - `layerConfig` — `layerComplete` with the client configured from the environment;
 * - `capabilities` — what the adapter can do, for the client in context.
 *
 * @example
 * import { Adapter } from "@wa-admin/core/adapter"
 * import { BusinessProfile } from "@wa-admin/core"
 *
 * // const VonageLayers = Adapter.layers({
 * //   provider: VonageProvider,
 * //   services: Effect.map(VonageClient, (client) => ({ businessProfile: …, templates: … })),
 * //   extensions: VonageStickers.layer,
 * //   clientConfig: VonageClient.layerConfig()
 * // })
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { Context, Effect, Layer } from "effect"
import type { ConfigError } from "effect"
import { BusinessProfile } from "../BusinessProfile.js"
import { Capabilities } from "../Capabilities.js"
import type * as CapabilitiesModule from "../Capabilities.js"
import { Media } from "../Media.js"
import { NumberLifecycle } from "../NumberLifecycle.js"
import * as Port from "../Port.js"
import { Templates } from "../Templates.js"
import * as ClientLayer from "./ClientLayer.js"

/**
 * The port service each key of `Port.Parts` provides.
 *
 * @since 0.1.0
 * @category models
 */
export interface PartServices {
  readonly numberLifecycle: NumberLifecycle
  readonly businessProfile: BusinessProfile
  readonly media: Media
  readonly templates: Templates
}

/**
 * The port services a set of parts provides: one per service the parts define.
 *
 * @since 0.1.0
 * @category models
 */
export type Provided<P> = {
  [K in keyof PartServices & keyof P]-?: undefined extends P[K] ? never : PartServices[K]
}[keyof PartServices & keyof P]

/**
 * The layers of one adapter.
 *
 * @since 0.1.0
 * @category models
 */
export interface Layers<P extends Port.Parts, Ext, Client> {
  readonly parts: Effect.Effect<P, never, Client>
  readonly capabilities: Effect.Effect<CapabilitiesModule.Service, never, Client>
  readonly layer: Layer.Layer<Provided<P> | Ext | Capabilities, never, Client>
  readonly layerComplete: Layer.Layer<Port.Services | Ext, never, Client>
  readonly layerConfig: Layer.Layer<Port.Services | Ext, ConfigError.ConfigError, HttpClient.HttpClient>
}

/**
 * The static layer of some parts: each service they define, plus `Capabilities`.
 *
 * @since 0.1.0
 * @category layers
 */
export const partsLayer = <P extends Port.Parts, E, R>(
  parts: Effect.Effect<P, E, R>
): Layer.Layer<Provided<P> | Capabilities, E, R> =>
  Layer.effectContext(
    Effect.map(parts, (built) => {
      let context = Context.make(Capabilities, Port.capabilities(built))
      if (built.numberLifecycle !== undefined) context = Context.add(context, NumberLifecycle, built.numberLifecycle)
      if (built.businessProfile !== undefined) context = Context.add(context, BusinessProfile, built.businessProfile)
      if (built.media !== undefined) context = Context.add(context, Media, built.media)
      if (built.templates !== undefined) context = Context.add(context, Templates, built.templates)
      return context as Context.Context<Provided<P> | Capabilities>
    })
  )

/**
 * Who an adapter is, as its provider descriptor (`Provider.Descriptor`) says: the facts
 * `Capabilities` reports beside the services. A descriptor module satisfies it as it is, so these
 * facts are written once, in the descriptor, and never again in the adapter's layers.
 *
 * @since 0.2.0
 * @category models
 */
export interface Identity {
  readonly name: string
  readonly supportStatus: CapabilitiesModule.SupportStatus
  readonly deprecation?: string | undefined
  readonly reasons?: CapabilitiesModule.Reasons | undefined
  readonly extensions: ReadonlyArray<string>
}

/**
 * The port services an adapter implements, under the keys of `Port.Parts`.
 *
 * @since 0.2.0
 * @category models
 */
export type Services = Pick<Port.Parts, keyof PartServices>

/**
 * An adapter's parts: its services with who it is ({@link Identity}).
 *
 * @since 0.2.0
 * @category constructors
 */
export const parts = <S extends Services>(provider: Identity, services: S): S & Port.Parts => ({
  ...services,
  provider: provider.name,
  supportStatus: provider.supportStatus,
  extensions: provider.extensions,
  ...(provider.deprecation === undefined ? {} : { deprecation: provider.deprecation }),
  ...(provider.reasons === undefined ? {} : { reasons: provider.reasons })
})

/**
 * Every layer of an adapter from who it is (its descriptor), its port services, its extensions
 * and its client's configuration.
 *
 * @since 0.1.0
 * @category constructors
 */
export const layers = <S extends Services, Ext, Client>(definition: {
  readonly provider: Identity
  readonly services: Effect.Effect<S, never, Client>
  readonly extensions: Layer.Layer<Ext, never, Client>
  readonly clientConfig: Layer.Layer<Client, ConfigError.ConfigError, HttpClient.HttpClient>
}): Layers<S & Port.Parts, Ext, Client> => {
  const built = Effect.map(definition.services, (services) => parts(definition.provider, services))
  const layerComplete = Layer.merge(
    Layer.unwrapEffect(Effect.map(built, Port.layerComplete)),
    definition.extensions
  )
  return {
    parts: built,
    capabilities: Effect.map(built, Port.capabilities),
    layer: Layer.merge(partsLayer(built), definition.extensions),
    layerComplete,
    layerConfig: layerComplete.pipe(Layer.provide(definition.clientConfig))
  }
}

/**
 * A service built from an adapter's client: `make` builds it for the client in context, `layer`
 * provides it under `tag`. Every port and extension module of an adapter answers these two from
 * its `fromClient`.
 *
 * @example
 * import { Adapter } from "@wa-admin/core/adapter"
 * import { BusinessProfile } from "@wa-admin/core"
 *
 * // export const { layer, make } = Adapter.fromClient(BusinessProfile.BusinessProfile, VonageClient, fromClient)
 *
 * @since 0.2.0
 * @category constructors
 */
export const fromClient: typeof ClientLayer.make = ClientLayer.make
