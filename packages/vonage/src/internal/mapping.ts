/**
 * Explicit mapping between Vonage's wire formats and the domain model, both ways.
 */
import { Effect, Either, Option, ParseResult, Schema } from "effect"
import { AdminError, Path, PhoneNumber, Profile, Registration, Vertical } from "@wa-admin/core"
import type { Transport } from "@wa-admin/core"
import type { Request as ClientRequest, Service as ClientService } from "../VonageClient.js"
import { provider } from "./errors.js"
import * as Wire from "./wire.js"

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/** The fields an id in a path may come from. */
export type PathIds = { readonly [K in keyof typeof Wire.pathIds]?: string }

/** A request to a route: its path as a template (`/deployments/{id}/verify`) and the ids that fill it. */
export interface RouteRequest extends Omit<ClientRequest, "path"> {
  /** The path template, its placeholders named after the input fields the ids come from. */
  readonly route: string
  readonly ids: PathIds
}

/**
 * Sends a request to a route of the WhatsApp Manager: each id is checked against what the
 * document says it is (`Wire.pathIds`) and encoded as one segment. A broken id is a local
 * `InvalidInput` naming its field, and nothing is sent.
 */
export const executeAt = (
  client: ClientService,
  { ids, route, ...request }: RouteRequest
): Effect.Effect<Transport.Response, AdminError.AdminError> =>
  Effect.flatMap(Path.make({ provider, operation: request.operation }, route, ids, Wire.pathIds), (path) =>
    client.execute({ ...request, path }))

// ---------------------------------------------------------------------------------------------
// Deployments → registrations
// ---------------------------------------------------------------------------------------------

/** Every deployment state on the neutral lifecycle. */
export const numberStates: { readonly [S in Wire.DeploymentState]: Registration.NumberState } = {
  INITIALIZING: "pending",
  CREATING_CLUSTER: "pending",
  CLUSTER_CREATED: "pending",
  CODE_SENT: "code_sent",
  WRONG_CODE: "code_rejected",
  CODE_VERIFIED: "verifying",
  FINALIZING: "verifying",
  READY: "ready",
  ERROR: "failed",
  DELETING: "releasing",
  DELETED: "released"
}

const decodePhoneNumber = Schema.decodeUnknownOption(PhoneNumber.PhoneNumber)

/** A deployment as a registration; `fallbackId` is the id asked for when the body omits it. */
export const registrationFromWire = (wire: Wire.DeploymentResponse, fallbackId?: string): Option.Option<Registration.Registration> => {
  const id = wire.deployment_id ?? fallbackId
  if (id === undefined) return Option.none()
  const phoneNumber =
    wire.country_code === undefined || wire.number === undefined
      ? Option.none()
      : decodePhoneNumber({ countryCode: wire.country_code.replace(/^\+/, ""), nationalNumber: wire.number })
  const detail = wire.current_state.detail
  return Option.some(
    new Registration.Registration({
      id,
      provider,
      ...(Option.isSome(phoneNumber) ? { phoneNumber: phoneNumber.value } : {}),
      ...(wire.waba_id === undefined ? {} : { wabaId: wire.waba_id }),
      state: numberStates[wire.current_state.title],
      providerState: wire.current_state.title,
      ...(detail === undefined ? {} : { detail })
    })
  )
}

/** The body of POST /deployments for a validated provisioning request. */
export const deploymentRequest = (request: {
  readonly phoneNumber: PhoneNumber.PhoneNumber
  readonly wabaId: string
  readonly vnameCertificate: string
  readonly verificationMethod: Registration.VerificationMethod
  readonly pin?: string | undefined
}): Wire.DeploymentRequest => ({
  country_code: request.phoneNumber.countryCode,
  number: request.phoneNumber.nationalNumber,
  vname_certificate: request.vnameCertificate,
  method: request.verificationMethod,
  waba_id: request.wabaId,
  ...(request.pin === undefined ? {} : { pin: request.pin })
})

// ---------------------------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------------------------

/** The fields Vonage's profile holds (the photo is a separate resource). */
export type ProfileFields = Omit<typeof Profile.Profile.Type, "photoUrl">

/** A profile change in Vonage's spelling, or the vertical Vonage cannot hold. */
export const profileToWire = (profile: ProfileFields): Either.Either<Wire.Profile, Vertical.NotRepresentable> => {
  const vertical = profile.vertical === undefined ? undefined : Vertical.vonageNames.encode(profile.vertical)
  if (vertical !== undefined && Either.isLeft(vertical)) return Either.left(vertical.left)
  return Either.right({
    ...(profile.about === undefined ? {} : { about: profile.about }),
    ...(profile.address === undefined ? {} : { address: profile.address }),
    ...(profile.description === undefined ? {} : { description: profile.description }),
    ...(profile.email === undefined ? {} : { email: profile.email }),
    ...(vertical === undefined ? {} : { vertical: vertical.right }),
    ...(profile.websites === undefined ? {} : { websites: profile.websites })
  })
}

const decodeProfile = Schema.decodeUnknownEither(Profile.Profile, { errors: "all" })

/**
 * A profile as Vonage answers it, in the domain model. A vertical spelling Vonage does not
 * document, or a value the domain refuses, is reported with the field it is in.
 */
export const profileFromWire = (wire: Wire.Profile): Either.Either<Profile.Profile, string> => {
  const vertical = wire.vertical === undefined ? undefined : Vertical.vonageNames.decode(wire.vertical)
  // The provider's value is not quoted: this text is built after the transport's redaction, which
  // alone knows the secrets the request carried (its JWT), and could carry one back.
  if (vertical !== undefined && Either.isLeft(vertical)) {
    return Either.left(`vertical: not one of the ${Vertical.vonageNames.values.length} verticals Vonage documents`)
  }
  return decodeProfile({
    ...(wire.about === undefined ? {} : { about: wire.about }),
    ...(wire.address === undefined ? {} : { address: wire.address }),
    ...(wire.description === undefined ? {} : { description: wire.description }),
    ...(wire.email === undefined ? {} : { email: wire.email }),
    ...(vertical === undefined ? {} : { vertical: vertical.right }),
    ...(wire.websites === undefined ? {} : { websites: wire.websites })
  }).pipe(
    Either.mapLeft((error) =>
      ParseResult.ArrayFormatter.formatErrorSync(error)
        .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
        .join("; ")
    )
  )
}

/** An `UnexpectedResponse` for a body that decoded but cannot be held by the domain model. */
export const unexpected = (operation: string, status: number, reason: string): AdminError.UnexpectedResponse =>
  new AdminError.UnexpectedResponse({ provider, operation, status, reason })
