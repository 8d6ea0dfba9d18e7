import { MetaNumbers } from "../../src/index.js"
import type { BadInputCase, EndpointCase } from "../extensions.js"
import { collect, pages, read, refused, succeeding } from "../extensions.js"
import { phoneNumberId, wabaId } from "../support.js"

const listedFields =
  "id,display_phone_number,verified_name,status,quality_rating,code_verification_status,account_mode,messaging_limit_tier,is_official_business_account,host_platform"

/** Each endpoint, called once with good input. */
export const cases: ReadonlyArray<EndpointCase> = [
  {
    operation: "numbers.setPin",
    title: "sets the two-step PIN in a JSON body",
    run: MetaNumbers.setPin({ id: phoneNumberId, pin: "246810" }),
    ...succeeding({ method: "POST", path: `/${phoneNumberId}`, body: { json: { pin: "246810" } } }),
    resource: "phone number",
    stateAt422: true
  },
  {
    operation: "numbers.changeDisplayName",
    title: "submits a new display name in a JSON body",
    run: MetaNumbers.changeDisplayName({ id: phoneNumberId, displayName: "Lucky Shrub Britain" }),
    ...succeeding({
      method: "POST",
      path: `/${phoneNumberId}`,
      body: { json: { new_display_name: "Lucky Shrub Britain" } }
    }),
    resource: "phone number",
    stateAt422: true
  },
  {
    operation: "numbers.list",
    title: "pages over the WABA's numbers with their state",
    run: collect(MetaNumbers.list({ pageSize: 1 })),
    answer: pages(
      {
        data: [{
          id: "1906385232743451",
          display_phone_number: "+1 631-555-5555",
          verified_name: "Jasper's Market",
          status: "CONNECTED",
          quality_rating: "GREEN",
          code_verification_status: "VERIFIED",
          account_mode: "LIVE",
          host_platform: "CLOUD_API",
          messaging_limit_tier: "TIER_1K",
          is_official_business_account: true
        }],
        paging: { cursors: { after: "MTAx", before: "MTAw" }, next: "https://graph.facebook.com/next" }
      },
      {
        data: [{
          id: "1913623884432103",
          display_phone_number: "+1 631-555-5556",
          verified_name: "Jasper's Ice Cream",
          status: "PENDING",
          quality_rating: "UNKNOWN",
          code_verification_status: "NOT_VERIFIED"
        }],
        paging: { cursors: { after: "MTAy", before: "MTAx" } }
      },
      { data: [], paging: { cursors: { after: "MTAy", before: "MTAx" } } }
    ),
    requests: [
      read(`/${wabaId}/phone_numbers`, { fields: listedFields, limit: "1" }),
      read(`/${wabaId}/phone_numbers`, { fields: listedFields, limit: "1", after: "MTAx" }),
      read(`/${wabaId}/phone_numbers`, { fields: listedFields, limit: "1", after: "MTAy" })
    ],
    decoded: [
      {
        phoneNumberId: "1906385232743451",
        displayPhoneNumber: "+1 631-555-5555",
        verifiedName: "Jasper's Market",
        status: "CONNECTED",
        qualityRating: "GREEN",
        codeVerificationStatus: "VERIFIED",
        accountMode: "LIVE",
        messagingLimitTier: "TIER_1K",
        isOfficialBusinessAccount: true,
        platform: "CLOUD_API"
      },
      {
        phoneNumberId: "1913623884432103",
        displayPhoneNumber: "+1 631-555-5556",
        verifiedName: "Jasper's Ice Cream",
        status: "PENDING",
        qualityRating: "UNKNOWN",
        codeVerificationStatus: "NOT_VERIFIED"
      }
    ],
    resource: "WABA"
  }
]

/** Bad requests, each refused before anything is sent. */
export const badInput: ReadonlyArray<BadInputCase> = [
  refused("a PIN of 5 digits", "numbers.setPin", ["pin"], MetaNumbers.setPin({ id: phoneNumberId, pin: "12345" })),
  refused(
    "a PIN of letters, a number id with a slash",
    "numbers.setPin",
    ["id", "pin"],
    MetaNumbers.setPin({ id: "1/2", pin: "abcdef" })
  ),
  refused(
    "a display name of one character",
    "numbers.changeDisplayName",
    ["displayName"],
    MetaNumbers.changeDisplayName({ id: phoneNumberId, displayName: "A" })
  ),
  refused(
    "a display name over 75 characters",
    "numbers.changeDisplayName",
    ["displayName"],
    MetaNumbers.changeDisplayName({ id: phoneNumberId, displayName: "x".repeat(76) })
  ),
  refused("a page size of 0", "numbers.list", ["pageSize"], collect(MetaNumbers.list({ pageSize: 0 }))),
  refused("no WABA configured nor given", "numbers.list", ["wabaId"], collect(MetaNumbers.list()), {
    unconfigured: true
  })
]
