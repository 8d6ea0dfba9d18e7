/**
 * The one Kaleyra endpoint the adapter calls, as data: the account's WhatsApp activation.
 *
 * @internal
 */
import { Endpoint } from "@wa-admin/core/adapter"
import * as Wire from "./wire.js"

/**
 * What the activation is called with: the account SID (a path segment, checked against
 * `Wire.pathIds`) and the multipart form (the kit sends it as bytes, through any client).
 */
export interface ActivationInput {
  readonly sid: string
  readonly form: FormData
}

/** POST /v1/{SID}/whatsapp/activation (`multipart/form-data`). */
export const activate = Endpoint.make({
  operation: "numbers.provision",
  method: "POST",
  path: "/v1/{sid}/whatsapp/activation",
  // idempotent: no — an account may submit one activation; a second answers E937, so a request
  // whose outcome is unknown must not be sent again.
  idempotent: false,
  body: ({ form }: ActivationInput) => Endpoint.formData(form),
  response: Wire.ActivationCreated
})
