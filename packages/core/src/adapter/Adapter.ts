/**
 * Assembling an adapter's layers the one way every adapter does it.
 *
 * An adapter gives who it is (its provider descriptor, {@link Identity}), the layers of the port
 * services it implements (each port module's `layer`, built from its client), its extension
 * services and its client's configuration layer; {@link layers} answers:
 *
 * - `layer` — the static view: exactly the port services the adapter implements, its
 *   extensions and `Capabilities` (a program that needs anything else does not type-check);
 * - `layerComplete` — the dynamic view, for a provider chosen at run time: every port service
 *   (the missing ones fail with `Unsupported`), the extensions and `Capabilities`;
 * - `layerConfig` — `layerComplete` with the client configured from the environment;
 * - `capabilities` — what the adapter can do, for the client in context;
 * - `parts` — the port services themselves, for the client in context.
 *
 * @example
 * import { Adapter } from "@wa-admin/core/adapter"
 * import { BusinessProfile } from "@wa-admin/core"
 *
 * // const VonageLayers = Adapter.layers({
 * //   provider: VonageProvider,
 * //   ports: [VonageNumberLifecycle.layer, VonageBusinessProfile.layer, VonageTemplates.layer, VonageMedia.layer],
 * //   extensions: VonageStickers.layer,
 * //   clientConfig: VonageClient.layerConfig()
 * // })
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { Context, Effect, Layer, Option } from "effect"
import type { ConfigError } from "effect"
import { BusinessProfile } from "../BusinessProfile.js"
import { Capabilities } from "../Capabilities.js"
import type * as CapabilitiesModule from "../Capabilities.js"
import { Media } from "../Media.js"
import { NumberLifecycle } from "../NumberLifecycle.js"
import * as Port from "../Port.js"
import { Templates } from "../Templates.js"

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
 * A port service, as a layer provides it: `NumberLifecycle`, `BusinessProfile`, `Media` or
 * `Templates`.
 *
 * @since 0.2.0
 * @category models
 */
export type PortService = PartServices[keyof PartServices]

/**
 * The layers of one adapter.
 *
 * @since 0.1.0
 * @category models
 */
export interface Layers<Ports extends PortService, Ext, Client> {
  readonly parts: Effect.Effect<PartsOf<Ports>, never, Client>
  readonly capabilities: Effect.Effect<CapabilitiesModule.Service, never, Client>
  readonly layer: Layer.Layer<Ports | Ext | Capabilities, never, Client>
  readonly layerComplete: Layer.Layer<Port.Services | Ext, never, Client>
  readonly layerConfig: Layer.Layer<Port.Services | Ext, ConfigError.ConfigError, HttpClient.HttpClient>
}

/**
 * An adapter's parts with the port services it provides (`Ports`) always there.
 *
 * @since 0.2.0
 * @category models
 */
export type PartsOf<Ports extends PortService> =
  & Port.Parts
  & { readonly [K in keyof PartServices as PartServices[K] extends Ports ? K : never]-?: NonNullable<Port.Parts[K]> }

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
 * A layer of one port service built from the client (a port module's `layer`). A layer's output
 * is contravariant, so any layer that fails with nothing and needs at most the client is one; the
 * outputs that are not port services are dropped from the static view's type.
 */
type PortLayer<Client> = Layer.Layer<never, never, Client>

/**
 * The port services a list of layers provides (one per layer; outputs that are not port services
 * are left out).
 *
 * @since 0.1.0
 * @category models
 */
export type Provided<Ports extends ReadonlyArray<Layer.Layer.Any>> = Extract<
  { readonly [K in keyof Ports]: Layer.Layer.Success<Ports[K]> }[number],
  PortService
>

/** The port services a context holds, as the keys of `Port.Parts`. */
const servicesIn = (context: Context.Context<never>): Services => {
  const services: { -readonly [K in keyof Services]: Services[K] } = {}
  const found = <K extends keyof PartServices>(key: K, tag: Context.Tag<PartServices[K], NonNullable<Services[K]>>) => {
    const service = Context.getOption(context, tag)
    if (Option.isSome(service)) services[key] = service.value
  }
  found("numberLifecycle", NumberLifecycle)
  found("businessProfile", BusinessProfile)
  found("media", Media)
  found("templates", Templates)
  return services
}

/**
 * Every layer of an adapter from who it is (its descriptor), the layers of the port services it
 * implements (each port module's `layer`), its extensions and its client's configuration. The
 * static `layer` provides exactly those ports, so a program that needs another does not
 * type-check; `layerComplete` provides every port, the missing ones failing with `Unsupported`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const layers = <
  const Ports extends readonly [PortLayer<Client>, ...Array<PortLayer<Client>>],
  Ext,
  Client
>(definition: {
  readonly provider: Identity
  readonly ports: Ports
  /** The extension services' layers (`Layer.empty` when there are none). */
  readonly extensions: Layer.Layer<Ext, never, NoInfer<Client>>
  /** The client from the environment: the client's type is read from here. */
  readonly clientConfig: Layer.Layer<Client, ConfigError.ConfigError, HttpClient.HttpClient>
}): Layers<Provided<Ports>, Ext, Client> => {
  const { extensions, provider } = definition
  const ports = Layer.mergeAll(...definition.ports) as Layer.Layer<
    Provided<Ports>,
    never,
    Client
  >
  const partsOf = (context: Context.Context<never>) => parts(provider, servicesIn(context)) as PartsOf<Provided<Ports>>
  const built = Effect.scoped(Effect.map(Layer.build(ports), partsOf))
  const capabilities = Layer.effect(
    Capabilities,
    Effect.map(Effect.context<never>(), (context) => Port.capabilities(partsOf(context)))
  )
  const layerComplete = Layer.merge(Layer.effectContext(Effect.map(built, Port.contextComplete)), extensions)
  return {
    parts: built,
    capabilities: Effect.map(built, Port.capabilities),
    layer: Layer.merge(capabilities.pipe(Layer.provideMerge(ports)), extensions),
    layerComplete,
    layerConfig: layerComplete.pipe(Layer.provide(definition.clientConfig))
  }
}
