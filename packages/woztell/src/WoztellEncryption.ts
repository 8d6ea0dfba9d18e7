/**
 * WOZTELL extension: the business public key WhatsApp Flows encrypt with
 * (POST and GET /whatsapp-business-encryption). The key is checked to be a 2048-bit RSA public
 * key in PEM before anything is sent — a private key is refused, never uploaded.
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Context, Effect, Layer, Schema } from "effect"
import type { Option } from "effect"
import { createPublicKey } from "node:crypto"
import * as Endpoints from "./internal/endpoints.js"
import type { BusinessPublicKey } from "./internal/models.js"
import { atMost, operation } from "./internal/service.js"
import { WoztellClient } from "./WoztellClient.js"
import type { Service as ClientService } from "./WoztellClient.js"

/**
 * Why a text is not a 2048-bit RSA public key in PEM, or `undefined` when it is one.
 *
 * @since 0.1.0
 * @category validation
 */
export const publicKeyProblem = (pem: string): string | undefined => {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return "must be a public key, not a private key"
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem)) return "must be a PEM public key (-----BEGIN PUBLIC KEY-----)"
  try {
    const key = createPublicKey({ key: pem, format: "pem" })
    if (key.asymmetricKeyType !== "rsa") return `must be an RSA key (got ${key.asymmetricKeyType ?? "unknown"})`
    const bits = key.asymmetricKeyDetails?.modulusLength
    return bits === 2048 ? undefined : `must be a 2048-bit RSA key (got ${bits ?? "unknown"} bits)`
  } catch {
    return "must be a readable PEM public key"
  }
}

/**
 * The longest key text read: 4,096 characters, a stated default (a 2048-bit RSA public key in
 * PEM is about 450), checked before the text is parsed.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPemLength = 4_096

/**
 * A 2048-bit RSA public key in PEM, at most {@link maxPemLength} characters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BusinessPublicKeyPem = atMost(maxPemLength).pipe(
  Schema.filter((pem) => publicKeyProblem(pem) ?? true),
  Schema.annotations({ identifier: "BusinessPublicKeyPem" })
)

/**
 * @since 0.1.0
 * @category requests
 */
export const SetRequest = Schema.Struct({ publicKey: BusinessPublicKeyPem })

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Sets the business public key. */
  readonly set: (request: typeof SetRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
  /** The business public key, if one is set. */
  readonly get: Effect.Effect<Option.Option<BusinessPublicKey>, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class WoztellEncryption
  extends Context.Tag("@wa-admin/woztell/WoztellEncryption")<WoztellEncryption, Service>()
{}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => ({
  set: operation("encryption.set", SetRequest, client.call(Endpoints.setBusinessPublicKey)),
  get: operation("encryption.get", Schema.Void, client.call(Endpoints.getBusinessPublicKey))(undefined)
})

/**
 * The `WoztellEncryption` service for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(WoztellClient, fromClient)

/**
 * Provides `WoztellEncryption` for the `WoztellClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(WoztellEncryption, make)

/** @since 0.1.0 @category accessors */
export const set = (request: typeof SetRequest.Encoded) =>
  Effect.flatMap(WoztellEncryption, (service) => service.set(request))
/** @since 0.1.0 @category accessors */
export const get: Effect.Effect<Option.Option<BusinessPublicKey>, AdminError.AdminError, WoztellEncryption> = Effect
  .flatMap(
    WoztellEncryption,
    (service) => service.get
  )
