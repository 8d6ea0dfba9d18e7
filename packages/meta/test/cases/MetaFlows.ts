import { assert } from "@effect/vitest"
import { Effect, Option } from "effect"
import { generateKeyPairSync } from "node:crypto"
import { MetaFlows } from "../../src/index.js"
import type { BadInputCase, EndpointCase } from "../extensions.js"
import { collect, pages, read, refused, succeeding } from "../extensions.js"
import { phoneNumberId, wabaId } from "../support.js"

const publicKey = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" })
  .toString()
const privateKey = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
  type: "pkcs8",
  format: "pem"
}).toString()
const ecKey = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ type: "spki", format: "pem" })
  .toString()

const flowJson = JSON.stringify(
  {
    version: "6.0",
    screens: [{ id: "SIGN_UP", title: "Sign up", terminal: true, layout: { type: "SingleColumnLayout", children: [] } }]
  },
  null,
  2
)

/** The document's validation error example. */
const validationError = {
  column_end: 30,
  column_start: 17,
  error: "INVALID_PROPERTY",
  error_type: "JSON_SCHEMA_ERROR",
  line_end: 46,
  line_start: 46,
  message: "The property \"initial-text\" cannot be specified at \"$root/screens/0/layout/children/2/children/0\"."
}
const decodedValidationError = {
  message: validationError.message,
  error: "INVALID_PROPERTY",
  errorType: "JSON_SCHEMA_ERROR",
  lineStart: 46,
  lineEnd: 46,
  columnStart: 17,
  columnEnd: 30
}

const flowId = "1234567890123456"
const sourceWabaId = "104996122399160"

/** A change of one flow that Graph answers with `success` alone: one request without a body. */
const flowAction = (
  operation: string,
  title: string,
  run: EndpointCase["run"],
  method: "POST" | "DELETE",
  path: string
): EndpointCase => ({
  operation,
  title,
  run,
  ...succeeding({ method, path, body: { none: true } }),
  resource: "flow"
})

/** Each endpoint, called once with good input. */
export const cases: ReadonlyArray<EndpointCase> = [
  {
    operation: "flows.list",
    title: "pages over the WABA's flows by cursor",
    run: collect(MetaFlows.list({ pageSize: 2 })),
    answer: pages(
      {
        data: [
          { categories: ["SIGN_UP"], id: "flow-1", name: "my first flow", status: "DRAFT", validation_errors: [] },
          {
            categories: ["SIGN_UP", "SIGN_IN"],
            id: "flow-2",
            name: "my second flow",
            status: "DRAFT",
            validation_errors: [validationError]
          }
        ],
        paging: { cursors: { after: "QVFIUnZAWV", before: "QVFIUnpKT" }, next: "https://graph.facebook.com/next" }
      },
      {
        data: [{ categories: ["CONTACT_US"], id: "flow-3", name: "another flow", status: "PUBLISHED" }],
        paging: { cursors: { after: "QVFIUlast", before: "QVFIUnpKT" } }
      }
    ),
    requests: [
      read(`/${wabaId}/flows`, { limit: "2" }),
      read(`/${wabaId}/flows`, { limit: "2", after: "QVFIUnZAWV" })
    ],
    decoded: [
      { id: "flow-1", name: "my first flow", categories: ["SIGN_UP"], status: "DRAFT", validationErrors: [] },
      {
        id: "flow-2",
        name: "my second flow",
        categories: ["SIGN_UP", "SIGN_IN"],
        status: "DRAFT",
        validationErrors: [decodedValidationError]
      },
      { id: "flow-3", name: "another flow", categories: ["CONTACT_US"], status: "PUBLISHED", validationErrors: [] }
    ],
    resource: "WABA"
  },
  {
    operation: "flows.create",
    title: "a multipart form with name, categories as JSON, the clone and the endpoint",
    run: MetaFlows.create({
      name: "Sign up",
      categories: ["SIGN_UP", "OTHER"],
      cloneFlowId: "1111111111111111",
      endpointUrl: "https://flows.example.com/endpoint"
    }),
    answer: () => ({ id: flowId }),
    requests: [{
      method: "POST",
      path: `/${wabaId}/flows`,
      body: {
        form: {
          name: "Sign up",
          categories: "[\"SIGN_UP\",\"OTHER\"]",
          clone_flow_id: "1111111111111111",
          endpoint_uri: "https://flows.example.com/endpoint"
        }
      }
    }],
    decoded: flowId,
    resource: "WABA"
  },
  {
    operation: "flows.get",
    title: "reads the flow with the document's fields",
    run: MetaFlows.get({ flowId }),
    answer: () => ({
      id: flowId,
      name: "Sign up",
      categories: ["SIGN_UP"],
      preview: {
        preview_url: "https://business.facebook.com/wa/manage/flows/1/preview/?token=t",
        expires_at: "2024-02-05T11:18:09+0000"
      },
      status: "DRAFT",
      validation_errors: [],
      json_version: "6.0",
      data_api_version: "3.0",
      data_channel_uri: "https://flows.example.com/endpoint",
      health_status: { can_send_message: "AVAILABLE", entities: [] },
      whatsapp_business_account: {
        id: wabaId,
        name: "Lucky Shrub",
        currency: "USD",
        timezone_id: "1",
        message_template_namespace: "58e6d318_b627_4112_b9c7_2961197553ea"
      },
      application: { link: "https://www.facebook.com/games/?app_id=1234567890", name: "Flows app", id: "1234567890" }
    }),
    requests: [read(`/${flowId}`, {
      fields:
        "id,name,categories,preview,status,validation_errors,json_version,data_api_version,data_channel_uri,health_status,whatsapp_business_account,application"
    })],
    decoded: {
      id: flowId,
      name: "Sign up",
      categories: ["SIGN_UP"],
      status: "DRAFT",
      preview: {
        url: "https://business.facebook.com/wa/manage/flows/1/preview/?token=t",
        expiresAt: "2024-02-05T11:18:09.000Z"
      },
      validationErrors: [],
      jsonVersion: "6.0",
      dataApiVersion: "3.0",
      endpointUrl: "https://flows.example.com/endpoint",
      canSendMessage: "AVAILABLE",
      waba: {
        id: wabaId,
        name: "Lucky Shrub",
        currency: "USD",
        timezoneId: "1",
        messageTemplateNamespace: "58e6d318_b627_4112_b9c7_2961197553ea"
      },
      application: { id: "1234567890", name: "Flows app", link: "https://www.facebook.com/games/?app_id=1234567890" }
    },
    resource: "flow"
  },
  {
    operation: "flows.preview",
    title: "asks for a renewed preview link",
    run: MetaFlows.preview({ flowId, invalidate: true }),
    answer: () => ({
      preview: {
        preview_url: "https://business.facebook.com/wa/manage/flows/2/preview/?token=u",
        expires_at: "2024-02-05T11:18:09+0000"
      },
      id: flowId
    }),
    requests: [read(`/${flowId}`, { fields: "preview.invalidate(true)" })],
    decoded: {
      url: "https://business.facebook.com/wa/manage/flows/2/preview/?token=u",
      expiresAt: "2024-02-05T11:18:09.000Z"
    },
    resource: "flow"
  },
  {
    operation: "flows.assets",
    title: "reads the flow JSON's download URL",
    run: MetaFlows.assets({ flowId }),
    answer: () => ({
      data: [{
        asset_type: "FLOW_JSON",
        download_url: "https://scontent.xx.fbcdn.net/m1/v/t0.57323-24/An_Hq0jnfJ",
        name: "flow.json"
      }],
      paging: { cursors: { after: "QVFIU1", before: "QVFIU0" } }
    }),
    requests: [read(`/${flowId}/assets`, { limit: "25" })],
    decoded: [{
      name: "flow.json",
      assetType: "FLOW_JSON",
      downloadUrl: "https://scontent.xx.fbcdn.net/m1/v/t0.57323-24/An_Hq0jnfJ"
    }],
    resource: "flow"
  },
  {
    operation: "flows.updateMetadata",
    title: "a multipart form of the fields changed only",
    run: MetaFlows.updateMetadata({ flowId, name: "Sign up 2", categories: ["SIGN_IN"] }),
    ...succeeding({
      method: "POST",
      path: `/${flowId}`,
      body: { form: { name: "Sign up 2", categories: "[\"SIGN_IN\"]" } }
    }),
    resource: "flow"
  },
  {
    operation: "flows.updateJson",
    title: "the flow JSON as the file flow.json; Meta's validation errors decoded",
    run: MetaFlows.updateJson({ flowId, json: flowJson }),
    answer: () => ({ success: true, validation_errors: [validationError] }),
    requests: [{
      method: "POST",
      path: `/${flowId}/assets`,
      body: { form: { name: "flow.json", asset_type: "FLOW_JSON" } }
    }],
    check: ([request]) => {
      // A JSON part is read back as text: its name and type are checked on the body as sent.
      const file = (request?.multipart ?? []).find((part) => part.name === "file")
      assert.strictEqual(file?.contentType, "application/json")
      assert.strictEqual(file?.value ?? new TextDecoder().decode(file?.bytes), flowJson)
      assert.include(request?.bodyText, "name=\"file\"; filename=\"flow.json\"")
    },
    decoded: { validationErrors: [decodedValidationError] },
    resource: "flow"
  },
  flowAction("flows.publish", "publishes", MetaFlows.publish({ flowId }), "POST", `/${flowId}/publish`),
  flowAction("flows.deprecate", "deprecates", MetaFlows.deprecate({ flowId }), "POST", `/${flowId}/deprecate`),
  flowAction("flows.delete", "deletes a draft", MetaFlows.remove({ flowId }), "DELETE", `/${flowId}`),
  {
    operation: "flows.migrate",
    title: "copies the named flows of another WABA; both outcomes decoded",
    run: MetaFlows.migrate({ sourceWabaId, names: ["appointment", "leadgen"] }),
    answer: () => ({
      failed_flows: [{
        error_code: "4233041",
        error_message: "Flows Migration Error: Flow name not found in source WABA.",
        source_name: "leadgen"
      }],
      migrated_flows: [{ migrated_id: "dest-flow-1", source_id: "source-flow-1", source_name: "appointment" }]
    }),
    requests: [{
      method: "POST",
      path: `/${wabaId}/migrate_flows`,
      body: { form: { source_waba_id: sourceWabaId, source_flow_names: "[\"appointment\",\"leadgen\"]" } }
    }],
    decoded: {
      migrated: [{ sourceName: "appointment", sourceId: "source-flow-1", migratedId: "dest-flow-1" }],
      failed: [{
        sourceName: "leadgen",
        errorCode: "4233041",
        errorMessage: "Flows Migration Error: Flow name not found in source WABA."
      }]
    },
    resource: "WABA"
  },
  {
    operation: "encryption.get",
    title: "reads the number's public key and its signature status",
    run: Effect.map(MetaFlows.encryptionKey(), Option.getOrUndefined),
    answer: () => ({ data: [{ business_public_key: publicKey, business_public_key_signature_status: "VALID" }] }),
    requests: [read(`/${phoneNumberId}/whatsapp_business_encryption`)],
    decoded: { publicKey, signatureStatus: "VALID" },
    resource: "phone number"
  },
  {
    operation: "encryption.get",
    title: "no key on file is none",
    run: Effect.map(MetaFlows.encryptionKey({ phoneNumberId: "106540352242923" }), Option.isNone),
    answer: () => ({ data: [] }),
    requests: [read("/106540352242923/whatsapp_business_encryption")],
    decoded: true,
    resource: "phone number"
  },
  {
    operation: "encryption.set",
    title: "a multipart form with the PEM key",
    run: MetaFlows.setEncryptionKey({ publicKey }),
    ...succeeding({
      method: "POST",
      path: `/${phoneNumberId}/whatsapp_business_encryption`,
      body: { form: { business_public_key: publicKey } }
    }),
    resource: "phone number",
    stateAt422: true
  }
]

/** Bad requests, each refused before anything is sent. */
export const badInput: ReadonlyArray<BadInputCase> = [
  refused("a page size of 0", "flows.list", ["pageSize"], collect(MetaFlows.list({ pageSize: 0 }))),
  refused("a WABA id with a slash", "flows.list", ["wabaId"], collect(MetaFlows.list({ wabaId: "1/2" }))),
  refused("no WABA configured nor given", "flows.list", ["wabaId"], collect(MetaFlows.list()), { unconfigured: true }),
  refused(
    "a blank name, no category, an http endpoint",
    "flows.create",
    ["name", "categories", "endpointUrl"],
    MetaFlows.create({ name: " ", categories: [], endpointUrl: "http://flows.example.com" })
  ),
  refused(
    "an unknown category, a category twice",
    "flows.create",
    ["categories"],
    MetaFlows.create({ name: "A", categories: ["SIGN_UP", "SIGN_UP"] })
  ),
  refused("a flow id that is not digits", "flows.get", ["flowId"], MetaFlows.get({ flowId: "../me" })),
  refused("a flow id with a query", "flows.preview", ["flowId"], MetaFlows.preview({ flowId: "1?fields=x" })),
  refused("nothing to change", "flows.updateMetadata", ["(input)"], MetaFlows.updateMetadata({ flowId })),
  refused(
    "JSON that does not parse",
    "flows.updateJson",
    ["json"],
    MetaFlows.updateJson({ flowId, json: "{ version: 6 " })
  ),
  refused(
    "a flow JSON without screens",
    "flows.updateJson",
    ["json"],
    MetaFlows.updateJson({ flowId, json: "{\"version\":\"6.0\",\"screens\":[]}" })
  ),
  refused(
    "a flow JSON nested too deep",
    "flows.updateJson",
    ["json"],
    MetaFlows.updateJson({ flowId, json: `${"[".repeat(200)}${"]".repeat(200)}` })
  ),
  refused(
    "a flow JSON over 10 MB",
    "flows.updateJson",
    ["json"],
    MetaFlows.updateJson({ flowId, json: `{"version":"6.0","screens":[{}],"x":"${"a".repeat(10_000_000)}"}` })
  ),
  refused("a flow id with a fragment", "flows.assets", ["flowId"], MetaFlows.assets({ flowId: "1#x" })),
  { title: "an empty flow id", operation: "flows.publish", run: MetaFlows.publish({ flowId: "" }), fields: ["flowId"] },
  refused("a flow id with a space", "flows.deprecate", ["flowId"], MetaFlows.deprecate({ flowId: "1 2" })),
  refused("a negative flow id", "flows.delete", ["flowId"], MetaFlows.remove({ flowId: "-1" })),
  refused(
    "no names, a bad source WABA",
    "flows.migrate",
    ["sourceWabaId", "names"],
    MetaFlows.migrate({ sourceWabaId: "abc", names: [] })
  ),
  refused("a name twice", "flows.migrate", ["names"], MetaFlows.migrate({ sourceWabaId, names: ["a", "a"] })),
  refused("no number configured nor given", "encryption.get", ["phoneNumberId"], MetaFlows.encryptionKey(), {
    unconfigured: true
  }),
  refused("a private key", "encryption.set", ["publicKey"], MetaFlows.setEncryptionKey({ publicKey: privateKey })),
  refused("an EC key", "encryption.set", ["publicKey"], MetaFlows.setEncryptionKey({ publicKey: ecKey })),
  refused(
    "text that is no PEM",
    "encryption.set",
    ["publicKey"],
    MetaFlows.setEncryptionKey({ publicKey: "ssh-rsa AAAA" })
  )
]
