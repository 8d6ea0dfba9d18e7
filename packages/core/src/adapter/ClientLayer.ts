/**
 * A service built from an adapter's client, as its `make` and `layer`. Kept light (it imports
 * only `effect`) so that a module a program may bundle alone (a provider's business profile)
 * builds its layer the same way as the others without bundling every port service.
 * `Adapter.fromClient` is this `make`.
 *
 * @example
 * import * as ClientLayer from "@wa-admin/core/adapter/ClientLayer"
 * import { BusinessProfile } from "@wa-admin/core"
 *
 * // export const { layer, make } = ClientLayer.make(BusinessProfile.BusinessProfile, VonageClient, fromClient)
 *
 * @since 0.2.0
 */
import { Effect, Layer } from "effect"
import type { Context } from "effect"

/**
 * A service built from an adapter's client: `make` builds it for the client in context, `layer`
 * provides it under `tag`.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = <I, S, ClientId, Client>(
  tag: Context.Tag<I, S>,
  client: Context.Tag<ClientId, Client>,
  build: (client: Client) => S
): { readonly make: Effect.Effect<S, never, ClientId>; readonly layer: Layer.Layer<I, never, ClientId> } => {
  const make = Effect.map(client, build)
  return { make, layer: Layer.effect(tag, make) }
}
