/**
 * Meta's own number operations beyond the port: `register` — `POST /{Phone-Number-ID}/register`
 * with `messaging_product: "whatsapp"` and the six-digit two-step PIN, which makes a verified
 * number `ready`.
 *
 * `NumberLifecycle.verifyCode` registers the number itself when its PIN was given at
 * provisioning in the same process; `register` is for the other cases (a number verified by
 * another process, in WhatsApp Manager, or a registration to do again after a deregistration).
 *
 * Meta allows 10 register calls per number in any 72 hours and locks registration for 72 hours
 * after an 11th (133016). The budget is kept in the client's `QuotaLedger` (`MetaQuota`): a call
 * past it is refused here with `QuotaExceeded` and the time the next slot frees, nothing sent;
 * a 133016 from Meta is remembered as the lock it is.
 *
 * @example
 * import { MetaNumbers } from "@wa-admin/meta"
 *
 * const registered = MetaNumbers.register({ id: "106540352242922", pin: "123456" })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Operation } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Schema } from "effect"
import * as Budget from "./internal/budget.js"
import * as Endpoints from "./internal/endpoints.js"
import { provider } from "./internal/errors.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import * as MetaQuota from "./MetaQuota.js"

/**
 * The two-step verification PIN: six digits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Pin = Schema.String.pipe(Schema.pattern(/^\d{6}$/, { message: () => "must be 6 digits" }))

/**
 * @since 0.1.0
 * @category requests
 */
export const RegisterRequest = Schema.Struct({ id: Wire.PhoneNumberId, pin: Pin })

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Registers a verified number with its two-step PIN. */
  readonly register: (request: typeof RegisterRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaNumbers extends Context.Tag("@wa-admin/meta/MetaNumbers")<MetaNumbers, Service>() {}

const operation = "numbers.register"

/**
 * Registers a number over a client, within Meta's register budget (without validation: see
 * {@link fromClient}). `NumberLifecycle.verifyCode` uses it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const registerNumber = (client: ClientService) => {
  const register = client.call(Endpoints.register)
  return (request: typeof RegisterRequest.Type): Effect.Effect<void, AdminError.AdminError> =>
    Effect.gen(function*() {
      const lock = MetaQuota.keys.registrationLock(request.id)
      yield* Budget.refuseWhileRecorded(client.ledger, lock, MetaQuota.registrationLock, operation)
      // Meta counts every call that reaches it: the slot is given back only when nothing was sent.
      yield* Budget.spend(
        client.ledger,
        MetaQuota.keys.registrations(request.id),
        MetaQuota.registrations,
        operation,
        Budget.notSent,
        register(request).pipe(
          // The only QuotaExceeded a sent call meets is Meta's 133016: the number is locked.
          Effect.tapErrorTag("QuotaExceeded", () =>
            Budget.record(client.ledger, lock, MetaQuota.registrationLock, operation))
        )
      )
    })
}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => ({
  register: Operation.make({ provider, operation, input: RegisterRequest, run: registerNumber(client) })
})

/**
 * The service for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, MetaClient> = Effect.map(MetaClient, fromClient)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<MetaNumbers, never, MetaClient> = Layer.effect(MetaNumbers, make)

/**
 * Registers a verified number with its two-step PIN.
 *
 * @since 0.1.0
 * @category accessors
 */
export const register = (request: typeof RegisterRequest.Encoded) =>
  Effect.flatMap(MetaNumbers, (service) => service.register(request))
