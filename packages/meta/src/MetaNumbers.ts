/**
 * Meta's own number operations beyond the port:
 *
 * - `register` — `POST /{Phone-Number-ID}/register` with `messaging_product: "whatsapp"` and the
 *   six-digit two-step PIN, which makes a verified number `ready`. `NumberLifecycle.verifyCode`
 *   registers the number itself when its PIN was given at provisioning in the same process;
 *   `register` is for the other cases (a number verified by another process, in WhatsApp
 *   Manager, or a registration to do again after a deregistration). Meta allows 10 register
 *   calls per number in any 72 hours and locks registration for 72 hours after an 11th (133016).
 *   The budget is kept in the client's `QuotaLedger` (`MetaQuota`): a call past it is refused
 *   here with `QuotaExceeded` and the time the next slot frees, nothing sent; a 133016 from Meta
 *   is remembered as the lock it is.
 * - `setPin` — `POST /{Phone-Number-ID}` with `pin`: sets (or changes) the two-step PIN of a
 *   registered number. The PIN is a secret: named `pin`, it is redacted wherever a request is
 *   shown.
 * - `changeDisplayName` — `POST /{Phone-Number-ID}` with `new_display_name` (2 to 75 characters):
 *   Meta reviews the name (`name_status` `PENDING_REVIEW` until it decides).
 * - `list` — the numbers of a WABA (default `META_WABA_ID`) with their state, quality and tier,
 *   page by page (`GET /{WABA-ID}/phone_numbers`), as `NumberStatus` (WOZTELL's shape).
 *
 * A number that is not registered answers the PIN and name changes with `Conflict`.
 *
 * @example
 * import { MetaNumbers } from "@wa-admin/meta"
 *
 * const registered = MetaNumbers.register({ id: "106540352242922", pin: "123456" })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Accessors } from "@wa-admin/core/adapter"
import { Context, Effect, Layer, Schema, Stream } from "effect"
import * as Budget from "./internal/budget.js"
import * as Endpoints from "./internal/endpoints.js"
import { operation, operationsOn } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"
import type { NumberStatus } from "./MetaModels.js"
import * as MetaQuota from "./MetaQuota.js"

/**
 * The two-step verification PIN: six digits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Pin = Schema.String.pipe(Schema.pattern(/^\d{6}$/, { message: () => "must be 6 digits" }))

export {
  /**
   * A number of a WABA as listed: its state, quality and tier, Meta's values kept.
   *
   * @since 0.1.0
   * @category models
   */
  NumberStatus
} from "./MetaModels.js"

/**
 * Meta's limits on a display name (`verified_name`, `new_display_name`): 2 to 75 characters.
 *
 * @since 0.1.0
 * @category constants
 */
export const displayNameLength = { min: 2, max: 75 } as const

/**
 * What is wrong with a display name, or `undefined`: 2 to 75 characters (counted as a person
 * sees them), not blank.
 *
 * @since 0.1.0
 * @category validation
 */
export const displayNameProblem = (name: string): string | undefined => {
  const characters = (text: string) => [...text].length
  return characters(name.trim()) < displayNameLength.min || characters(name) > displayNameLength.max
    ? `must be ${displayNameLength.min} to ${displayNameLength.max} characters (Meta's verified_name)`
    : undefined
}

/**
 * A display name: see {@link displayNameProblem}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DisplayName = Schema.String.pipe(Schema.filter((name) => displayNameProblem(name) ?? true))

/**
 * @since 0.1.0
 * @category requests
 */
export const RegisterRequest = Schema.Struct({ id: Wire.PhoneNumberId, pin: Pin })

/**
 * @since 0.1.0
 * @category requests
 */
export const SetPinRequest = Schema.Struct({ id: Wire.PhoneNumberId, pin: Pin })

/**
 * @since 0.1.0
 * @category requests
 */
export const ChangeDisplayNameRequest = Schema.Struct({ id: Wire.PhoneNumberId, displayName: DisplayName })

/**
 * The numbers of a WABA (default `META_WABA_ID`), `pageSize` per page (default 100).
 *
 * @since 0.1.0
 * @category requests
 */
export const ListRequest = Schema.Struct({
  wabaId: Schema.optional(Wire.WabaId),
  pageSize: Schema.optional(
    Schema.Int.pipe(Schema.between(1, 100, { message: () => "must be a whole number from 1 to 100" }))
  )
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Registers a verified number with its two-step PIN. */
  readonly register: (request: typeof RegisterRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
  /** Sets the two-step PIN of a registered number. */
  readonly setPin: (request: typeof SetPinRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
  /** Submits a new display name for Meta's review. */
  readonly changeDisplayName: (
    request: typeof ChangeDisplayNameRequest.Encoded
  ) => Effect.Effect<void, AdminError.AdminError>
  /** Every number of the WABA, page by page. */
  readonly list: (request?: typeof ListRequest.Encoded) => Stream.Stream<NumberStatus, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaNumbers extends Context.Tag("@wa-admin/meta/MetaNumbers")<MetaNumbers, Service>() {}

const registerOperation = "numbers.register"

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
      yield* Budget.refuseWhileRecorded(client.ledger, lock, MetaQuota.registrationLock, registerOperation)
      // Meta counts every call that reaches it: the slot is given back only when nothing was sent.
      yield* Budget.spend(
        client.ledger,
        MetaQuota.keys.registrations(request.id),
        MetaQuota.registrations,
        registerOperation,
        Budget.notSent,
        register(request).pipe(
          // The only QuotaExceeded a sent call meets is Meta's 133016: the number is locked.
          Effect.tapErrorTag("QuotaExceeded", () =>
            Budget.record(client.ledger, lock, MetaQuota.registrationLock, registerOperation))
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
export const fromClient = (client: ClientService): Service => {
  const setPin = client.call(Endpoints.setPin)
  const changeDisplayName = client.call(Endpoints.changeDisplayName)
  const listPage = client.call(Endpoints.listNumberStatuses)
  const onWaba = operationsOn(client, "wabaId")
  const list = onWaba.pages("numbers.list", ListRequest, 100, (wabaId, page) => listPage({ wabaId, ...page }))
  return {
    register: operation(registerOperation, RegisterRequest, registerNumber(client)),
    setPin: operation("numbers.setPin", SetPinRequest, (request) => Effect.asVoid(setPin(request))),
    changeDisplayName: operation(
      "numbers.changeDisplayName",
      ChangeDisplayNameRequest,
      (request) => Effect.asVoid(changeDisplayName(request))
    ),
    list: (request) => list(request ?? {})
  }
}

/**
 * The `MetaNumbers` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `MetaNumbers` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(MetaNumbers, make)

/**
 * The accessors: each method of the service in context (`MetaNumbers.register({ id, pin })`). `register` registers a verified number with its
 * two-step PIN, `setPin` sets the PIN of a registered number, `changeDisplayName` submits a new
 * display name for Meta's review and `list` streams every number of a WABA, page by page.
 *
 * @since 0.1.0
 * @category accessors
 */
export const { changeDisplayName, list, register, setPin } = Accessors.make(MetaNumbers, ["list"])
