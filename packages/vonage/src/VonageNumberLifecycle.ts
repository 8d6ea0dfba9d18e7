/**
 * `NumberLifecycle` on Vonage deployments: provision (POST /deployments), status (GET), verify
 * and resend the OTP, release (DELETE).
 *
 * Every deployment state maps onto the neutral lifecycle, keeping Vonage's own state
 * (`providerState`) and detail:
 *
 * | Vonage | neutral |
 * |---|---|
 * | `INITIALIZING`, `CREATING_CLUSTER`, `CLUSTER_CREATED` | `pending` |
 * | `CODE_SENT` | `code_sent` |
 * | `WRONG_CODE` | `code_rejected` |
 * | `CODE_VERIFIED`, `FINALIZING` | `verifying` |
 * | `READY` | `ready` |
 * | `ERROR` | `failed` (with Vonage's detail, e.g. "Invalid vname certificate") |
 * | `DELETING`, `DELETED` | `releasing`, `released` |
 *
 * `awaitState` / `awaitReady` (from the core) poll `status` with backoff and stop on a
 * terminal state.
 *
 * A registration's `id` is its deployment id, a UUID as the document shows it: any other id is a
 * local `InvalidInput` naming `id`, and nothing is sent.
 *
 * @since 0.1.0
 */
import { NumberLifecycle, Registration, Validation } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Effect, Layer } from "effect"
import * as Endpoints from "./internal/endpoints/deployments.js"
import { provider } from "./internal/errors.js"
import * as Wire from "./internal/wire/deployments.js"
import { VonageClient } from "./VonageClient.js"
import type { Service as ClientService } from "./VonageClient.js"

const origin = { provider, operation: "numbers.provision" }

const vonageOptions = Registration.providerOptions(provider, Wire.ProvisionOptions)

const wabaIdRequired = { field: "wabaId", rule: "is required by Vonage (the WABA id of the number)" }

/**
 * What Vonage needs beyond the port's rules, checked on the request as given (so that one error
 * names these with the port's): the WABA id, and the vname certificate in `providerOptions.vonage`.
 */
const checkProvision = (
  request: typeof Registration.ProvisionRequest.Encoded
): Effect.Effect<void, AdminError.InvalidInput> =>
  Effect.flatMap(Effect.either(vonageOptions(request)), (options) => {
    const [first, ...rest] = [
      ...(request.wabaId === undefined ? [wabaIdRequired] : []),
      ...(options._tag === "Left" ? options.left.issues : [])
    ]
    return first === undefined ? Effect.void : Effect.fail(Validation.invalidInput(origin, [first, ...rest]))
  })

/** The deployment Vonage needs, once the request passed the port's rules and {@link checkProvision}. */
const deploymentRequest = (
  request: Registration.ProvisionRequest
): Effect.Effect<Wire.DeploymentRequest, AdminError.InvalidInput> => {
  const wabaId = request.wabaId
  if (wabaId === undefined) return Effect.fail(Validation.invalidInput(origin, [wabaIdRequired]))
  return Effect.map(vonageOptions(request), (options) => Wire.deploymentBody({ ...request, wabaId }, options))
}

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): NumberLifecycle.Implementation => {
  const provision = client.exchange(Endpoints.provision)
  const status = client.call(Endpoints.status)
  const resend = client.exchange(Endpoints.resendOtp)
  return {
    checkProvision,
    provision: (request) =>
      Effect.gen(function*() {
        const { response, value } = yield* provision(yield* deploymentRequest(request))
        if (value.id === undefined) {
          return yield* Effect.fail(
            Wire.unexpected("numbers.provision", response.status, "the deployment has no deployment_id")
          )
        }
        return Wire.registration(value, value.id)
      }),
    status: (request) => Effect.map(status(request), (deployment) => Wire.registration(deployment, request.id)),
    verifyCode: client.call(Endpoints.verify),
    resendCode: (request) =>
      Effect.flatMap(resend(request), ({ response, value }) => {
        const delivered = value.method === "sms" || value.method === "voice" ? value.method : request.method
        return delivered === undefined
          ? Effect.fail(
            Wire.unexpected("numbers.resend", response.status, "the answer does not say how the code was sent")
          )
          : Effect.succeed(
            new NumberLifecycle.CodeDelivery({
              method: delivered,
              ...(value.message === undefined ? {} : { message: value.message })
            })
          )
      }),
    release: client.call(Endpoints.release)
  }
}

/**
 * The `NumberLifecycle` service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): NumberLifecycle.Service =>
  NumberLifecycle.make(provider, implementation(client))

/**
 * The `NumberLifecycle` service for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(VonageClient, fromClient)

/**
 * Provides `NumberLifecycle` for the `VonageClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(NumberLifecycle.NumberLifecycle, make)
