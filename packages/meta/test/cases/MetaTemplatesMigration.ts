import { MetaTemplates } from "../../src/index.js"
import type { BadInputCase, EndpointCase } from "../extensions.js"
import { collect, pages, refused } from "../extensions.js"
import { wabaId } from "../support.js"

const sourceWabaId = "104996122399160"

/** Each endpoint, called once with good input. */
export const cases: ReadonlyArray<EndpointCase> = [
  {
    operation: "templates.migrate",
    title: "page by page (page_number from 0, count per page) until a page comes back short",
    run: collect(MetaTemplates.migrate({ sourceWabaId, pageSize: 2 })),
    answer: pages(
      { migrated_templates: ["1473688840035974", "1473688840035975"], failed_templates: {} },
      {
        migrated_templates: [],
        failed_templates: { "1473688840035976": "Template with the same name already exists" }
      }
    ),
    requests: [
      {
        method: "POST",
        path: `/${wabaId}/migrate_message_templates`,
        body: { json: { source_waba_id: sourceWabaId, page_number: 0, count: 2 } }
      },
      {
        method: "POST",
        path: `/${wabaId}/migrate_message_templates`,
        body: { json: { source_waba_id: sourceWabaId, page_number: 1, count: 2 } }
      }
    ],
    decoded: [
      { page: 0, migrated: ["1473688840035974", "1473688840035975"], failed: [] },
      {
        page: 1,
        migrated: [],
        failed: [{ templateId: "1473688840035976", reason: "Template with the same name already exists" }]
      }
    ],
    resource: "WABA"
  },
  {
    operation: "templates.migrate",
    title: "500 a page when no size is given",
    run: collect(MetaTemplates.migrate({ wabaId: "104996122399161", sourceWabaId })),
    answer: () => ({ migrated_templates: ["1473688840035974"], failed_templates: {} }),
    requests: [{
      method: "POST",
      path: "/104996122399161/migrate_message_templates",
      body: { json: { source_waba_id: sourceWabaId, page_number: 0, count: 500 } }
    }],
    decoded: [{ page: 0, migrated: ["1473688840035974"], failed: [] }],
    resource: "WABA"
  }
]

/** Bad requests, each refused before anything is sent. */
export const badInput: ReadonlyArray<BadInputCase> = [
  refused(
    "the same WABA on both sides",
    "templates.migrate",
    ["sourceWabaId"],
    collect(MetaTemplates.migrate({ wabaId, sourceWabaId: wabaId }))
  ),
  refused(
    "a page size over 500, a source id of letters",
    "templates.migrate",
    ["sourceWabaId", "pageSize"],
    collect(MetaTemplates.migrate({ sourceWabaId: "source", pageSize: 501 }))
  ),
  refused(
    "no WABA configured nor given",
    "templates.migrate",
    ["wabaId"],
    collect(MetaTemplates.migrate({ sourceWabaId })),
    { unconfigured: true }
  )
]
