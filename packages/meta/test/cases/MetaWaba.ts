import { MetaWaba } from "../../src/index.js"
import type { BadInputCase, EndpointCase } from "../extensions.js"
import { businessId, collect, pages, read, refused, succeeding } from "../extensions.js"
import { wabaId } from "../support.js"

const wabaFields =
  "id,name,timezone_id,message_template_namespace,account_review_status,business_verification_status,country,currency,ownership_type"
const clientFields =
  "id,name,timezone_id,currency,country,account_review_status,business_verification_status,ownership_type"

/** Each endpoint, called once with good input. */
export const cases: ReadonlyArray<EndpointCase> = [
  {
    operation: "waba.info",
    title: "reads the WABA with its fields",
    run: MetaWaba.info(),
    answer: () => ({
      id: wabaId,
      name: "My Business WhatsApp Account",
      timezone_id: "1",
      message_template_namespace: "ba30dd89_2ebd_41e4_b805_f2c05ae04cc9",
      account_review_status: "APPROVED",
      business_verification_status: "VERIFIED",
      country: "US",
      ownership_type: "SELF_OWNED",
      primary_business_location: "US"
    }),
    requests: [read(`/${wabaId}`, { fields: wabaFields })],
    decoded: {
      wabaId,
      name: "My Business WhatsApp Account",
      namespace: "ba30dd89_2ebd_41e4_b805_f2c05ae04cc9",
      timezoneId: "1",
      country: "US",
      accountReviewStatus: "APPROVED",
      businessVerificationStatus: "VERIFIED",
      ownershipType: "SELF_OWNED"
    },
    resource: "WABA"
  },
  {
    operation: "waba.owned",
    title: "pages over the business's own WABAs (the page size under first, as the document pages them)",
    run: collect(MetaWaba.owned({ pageSize: 2 })),
    answer: pages(
      {
        data: [
          {
            id: "104996122399160",
            name: "Lucky Shrub",
            message_template_namespace: "58e6d318_b627_4112_b9c7_2961197553ea",
            timezone_id: "1"
          },
          { id: wabaId, name: "Test WhatsApp Business Account", timezone_id: "1" }
        ],
        paging: { cursors: { after: "QVFIUjBrRUs5", before: "QVFIUnpPVXRn" } }
      },
      { data: [{ id: "104996122399161", name: "Third" }] }
    ),
    requests: [
      read(`/${businessId}/owned_whatsapp_business_accounts`, { first: "2" }),
      read(`/${businessId}/owned_whatsapp_business_accounts`, { first: "2", after: "QVFIUjBrRUs5" })
    ],
    decoded: [
      {
        wabaId: "104996122399160",
        name: "Lucky Shrub",
        namespace: "58e6d318_b627_4112_b9c7_2961197553ea",
        timezoneId: "1"
      },
      { wabaId, name: "Test WhatsApp Business Account", timezoneId: "1" },
      { wabaId: "104996122399161", name: "Third" }
    ],
    resource: "business"
  },
  {
    operation: "waba.clients",
    title: "reads the WABAs shared with the business",
    run: collect(MetaWaba.clients({ businessId: "506914307656635" })),
    answer: () => ({
      data: [{
        id: "1234567890123456",
        name: "Client Business WABA",
        account_review_status: "APPROVED",
        currency: "USD",
        country: "US",
        timezone_id: "1",
        business_verification_status: "VERIFIED",
        ownership_type: "CLIENT_OWNED"
      }]
    }),
    requests: [read("/506914307656635/client_whatsapp_business_accounts", { fields: clientFields, limit: "25" })],
    decoded: [{
      wabaId: "1234567890123456",
      name: "Client Business WABA",
      timezoneId: "1",
      currency: "USD",
      country: "US",
      accountReviewStatus: "APPROVED",
      businessVerificationStatus: "VERIFIED",
      ownershipType: "CLIENT_OWNED"
    }],
    resource: "business"
  },
  {
    operation: "waba.users.list",
    title: "reads the users assigned to the WABA, as its business sees them",
    run: collect(MetaWaba.users()),
    answer: () => ({
      data: [
        {
          id: "1234567890123456",
          name: "John Smith",
          business: { id: "9876543210987654", name: "Example Business Inc" },
          user_type: "BUSINESS_USER"
        },
        { id: "2345678901234567", name: "System User Bot", user_type: "SYSTEM_USER" }
      ],
      summary: { total_count: 2 }
    }),
    requests: [
      read(`/${wabaId}/assigned_users`, { business: businessId, fields: "id,name,user_type,business", limit: "25" })
    ],
    decoded: [
      {
        id: "1234567890123456",
        name: "John Smith",
        userType: "BUSINESS_USER",
        business: { id: "9876543210987654", name: "Example Business Inc" }
      },
      { id: "2345678901234567", name: "System User Bot", userType: "SYSTEM_USER" }
    ],
    resource: "WABA"
  },
  {
    operation: "waba.users.add",
    title: "a form with the user and the tasks as a JSON array",
    run: MetaWaba.assignUser({ userId: "2345678901234567", tasks: ["MANAGE_TEMPLATES", "VIEW_INSIGHTS"] }),
    ...succeeding({
      method: "POST",
      path: `/${wabaId}/assigned_users`,
      body: { urlencoded: { user: "2345678901234567", tasks: "[\"MANAGE_TEMPLATES\",\"VIEW_INSIGHTS\"]" } }
    }),
    resource: "WABA",
    stateAt422: true
  },
  {
    operation: "waba.users.remove",
    title: "a form with the user",
    run: MetaWaba.removeUser({ userId: "2345678901234567" }),
    ...succeeding({
      method: "DELETE",
      path: `/${wabaId}/assigned_users`,
      body: { urlencoded: { user: "2345678901234567" } }
    }),
    resource: "assigned user",
    stateAt422: true
  }
]

/** Bad requests, each refused before anything is sent. */
export const badInput: ReadonlyArray<BadInputCase> = [
  { title: "a WABA id with a dot", operation: "waba.info", run: MetaWaba.info({ wabaId: "1.2" }), fields: ["wabaId"] },
  refused("no business configured nor given", "waba.owned", ["businessId"], collect(MetaWaba.owned()), {
    unconfigured: true
  }),
  refused(
    "a page size of 101, a business id with a slash",
    "waba.clients",
    ["businessId", "pageSize"],
    collect(MetaWaba.clients({ businessId: "1/2", pageSize: 101 }))
  ),
  refused(
    "no business for the users' listing",
    "waba.users.list",
    ["businessId"],
    collect(MetaWaba.users({ wabaId })),
    { unconfigured: true }
  ),
  refused(
    "no task, a user id of letters",
    "waba.users.add",
    ["userId", "tasks"],
    MetaWaba.assignUser({ userId: "ana", tasks: [] })
  ),
  refused(
    "an unknown task, a task twice",
    "waba.users.add",
    ["tasks"],
    MetaWaba.assignUser({ userId: "2345678901234567", tasks: ["MANAGE", "MANAGE"] })
  ),
  refused("a user id with a query", "waba.users.remove", ["userId"], MetaWaba.removeUser({ userId: "1?user=2" }))
]
