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
import { Effect, Layer, Option } from "effect"
import { NumberLifecycle, Validation } from "@wa-admin/core"
import type { AdminError, Registration, Transport } from "@wa-admin/core"
import { provider } from "./internal/errors.js"
import { deploymentRequest, executeAt, registrationFromWire, unexpected } from "./internal/mapping.js"
import * as Wire from "./internal/wire.js"
import { VonageClient } from "./VonageClient.js"
import type { Service as ClientService } from "./VonageClient.js"

/** Vonage needs the WABA id and the vname certificate; the OTP goes by SMS unless asked otherwise. */
const requiredForVonage = (
  request: Registration.ProvisionRequest
): Effect.Effect<Parameters<typeof deploymentRequest>[0], AdminError.InvalidInput> => {
  const { wabaId, vnameCertificate } = request
  if (wabaId !== undefined && vnameCertificate !== undefined) {
    return Effect.succeed({
      phoneNumber: request.phoneNumber,
      wabaId,
      vnameCertificate,
      verificationMethod: request.verificationMethod ?? "sms",
      pin: request.pin
    })
  }
  const wabaIssue = { field: "wabaId", rule: "is required by Vonage (the WABA id of the number)" }
  const certificateIssue = { field: "vnameCertificate", rule: "is required by Vonage (from the WhatsApp Business dashboard)" }
  const origin = { provider, operation: "numbers.provision" }
  return Effect.fail(
    wabaId === undefined
      ? Validation.invalidInput(origin, vnameCertificate === undefined ? [wabaIssue, certificateIssue] : [wabaIssue])
      : Validation.invalidInput(origin, [certificateIssue])
  )
}

/**
 * The implementation over a client (without the port's validation and spans; see {@link make}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const implementation = (client: ClientService): NumberLifecycle.Implementation => {
  const toRegistration = (operation: string, fallbackId?: string) => (response: Transport.Response) =>
    Effect.flatMap(client.transport.decode(operation, Wire.DeploymentResponse)(response), (wire) =>
      Option.match(registrationFromWire(wire, fallbackId), {
        onNone: () => Effect.fail(unexpected(operation, response.status, "the deployment has no deployment_id")),
        onSome: Effect.succeed
      })
    )

  return {
    provision: (request) =>
      Effect.gen(function* () {
        const valid = yield* requiredForVonage(request)
        const response = yield* client.execute({
          operation: "numbers.provision",
          method: "POST",
          path: "/deployments",
          body: deploymentRequest(valid),
          // A second POST would start a second deployment (or meet number-in-use): never repeated.
          idempotent: false
        })
        return yield* toRegistration("numbers.provision")(response)
      }),

    status: ({ id }) =>
      Effect.flatMap(
        executeAt(client, {
          operation: "numbers.status",
          method: "GET",
          route: "/deployments/{id}",
          ids: { id },
          idempotent: true,
          target: { resource: "deployment", id }
        }),
        toRegistration("numbers.status", id)
      ),

    verifyCode: ({ id, code }) =>
      Effect.asVoid(
        executeAt(client, {
          operation: "numbers.verify",
          method: "POST",
          route: "/deployments/{id}/verify",
          ids: { id },
          body: { code } satisfies Wire.VerifyRequest,
          // A repeated verify after the first landed would meet a deployment past CODE_SENT.
          idempotent: false,
          target: { resource: "deployment", id }
        })
      ),

    resendCode: ({ id, method }) =>
      executeAt(client, {
          operation: "numbers.resend",
          method: "POST",
          route: "/deployments/{id}/resend-otp",
          ids: { id },
          // Without a method Vonage picks it (the document does not require one).
          body: (method === undefined ? {} : { method }) satisfies Wire.ResendOtpRequest,
          // Each resend sends one more SMS or call (and counts against throttling).
          idempotent: false,
          target: { resource: "deployment", id }
        })
        .pipe(
          Effect.flatMap((response) =>
            Effect.map(client.transport.decode("numbers.resend", Wire.ResendOtpResponse)(response), (answer) => ({ response, answer }))
          ),
          Effect.flatMap(({ response, answer }) => {
            const delivered = answer.method === "sms" || answer.method === "voice" ? answer.method : method
            return delivered === undefined
              ? Effect.fail(unexpected("numbers.resend", response.status, "the answer does not say how the code was sent"))
              : Effect.succeed(
                  new NumberLifecycle.CodeDelivery({
                    method: delivered,
                    ...(answer.message === undefined ? {} : { message: answer.message })
                  })
                )
          })
        ),

    release: ({ id }) =>
      Effect.asVoid(
        executeAt(client, {
          operation: "numbers.release",
          method: "DELETE",
          route: "/deployments/{id}",
          ids: { id },
          idempotent: true,
          target: { resource: "deployment", id }
        })
      )
  }
}

/**
 * The `NumberLifecycle` service for the client in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<NumberLifecycle.Service, never, VonageClient> = Effect.map(VonageClient, (client) =>
  NumberLifecycle.make(provider, implementation(client))
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<NumberLifecycle.NumberLifecycle, never, VonageClient> = Layer.effect(
  NumberLifecycle.NumberLifecycle,
  make
)
