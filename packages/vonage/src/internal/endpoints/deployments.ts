/**
 * The deployment endpoints (`NumberLifecycle`): provision, status, verify, resend the OTP,
 * release.
 */
import { Endpoint } from "@wa-admin/core/adapter"
import * as Wire from "../wire/deployments.js"
import { deployment, resource } from "./common.js"

const deployments = resource("/deployments")
const one = deployment("id")

/** POST /deployments. */
export const provision = deployments.send({
  operation: "numbers.provision",
  method: "POST",
  // idempotent: no — a second POST would start a second deployment (or meet number-in-use).
  idempotent: false,
  body: Endpoint.jsonOf(Wire.DeploymentRequest),
  response: Wire.Deployment
})

/** GET /deployments/{deployment_id}. */
export const status = one.read("numbers.status", "", Wire.Deployment)

/** POST /deployments/{deployment_id}/verify. */
export const verify = one.send({
  operation: "numbers.verify",
  method: "POST",
  path: "/verify",
  // idempotent: no — a repeated verify after the first landed would meet a deployment past CODE_SENT.
  idempotent: false,
  body: ({ code }: { readonly code: string }) => Endpoint.json({ code })
})

/** POST /deployments/{deployment_id}/resend-otp. */
export const resendOtp = one.send({
  operation: "numbers.resend",
  method: "POST",
  path: "/resend-otp",
  // idempotent: no — each resend sends one more SMS or call (and counts against throttling).
  idempotent: false,
  // Without a method Vonage picks it (the document does not require one).
  body: ({ method }: { readonly method?: "sms" | "voice" | undefined }) =>
    Endpoint.json(method === undefined ? {} : { method }),
  response: Wire.ResendOtpResponse
})

/** DELETE /deployments/{deployment_id}. */
export const release = one.remove("numbers.release")
