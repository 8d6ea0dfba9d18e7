/**
 * Sample domain values for tests: well-formed input and read models as a provider answers them,
 * written once so that tests across packages agree on what "a valid request" or "a legacy
 * template" is.
 *
 * @since 0.2.0
 */
import { unsafeFromE164 } from "../PhoneNumber.js"
import { ProvisionRequest } from "../Registration.js"
import { Template } from "../Template.js"

/**
 * A provision request every port accepts: a UK number, a WABA, verification by SMS, and the
 * certificate Vonage asks for under `providerOptions`.
 *
 * @since 0.2.0
 * @category requests
 */
export const provisionRequest: ProvisionRequest = new ProvisionRequest({
  phoneNumber: unsafeFromE164("+447700900000"),
  wabaId: "100000000000001",
  verificationMethod: "sms",
  providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
})

/**
 * A template as a provider reports it in a category that can no longer be created (Meta's
 * former `TICKET_UPDATE`): the read model keeps it, a migration must refuse to map it.
 *
 * @since 0.2.0
 * @category read models
 */
export const legacyTemplate: Template = new Template({
  name: "sample_flight_confirmation",
  language: "en_US",
  category: "TICKET_UPDATE",
  status: "APPROVED",
  components: [{ _tag: "BODY", text: "This is your flight confirmation for {{1}}.", examples: [["LHR"]] }]
})
