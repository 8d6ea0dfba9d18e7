/**
 * The Graph endpoints the emulator serves, below `/{Version}`: each path to the actions of the
 * kinds of object its `{id}` may name. A Graph path does not say what its id is; the object
 * does (`GET /{id}` reads a phone number, a WABA, a template, a flow, a media file or an upload
 * session alike).
 *
 * @internal
 */
import type { EmulatorHost } from "@wa-admin/core/testing"
import { Effect } from "effect"
import * as Accounts from "./accounts.js"
import type { Actions, Context } from "./context.js"
import { endpoint } from "./context.js"
import * as Extensions from "./extensions.js"
import * as Flows from "./flows.js"
import type { GraphError } from "./graph.js"
import * as Media from "./media.js"
import * as Numbers from "./numbers.js"
import * as Profile from "./profile.js"
import * as Templates from "./templates.js"

/**
 * A route whose actions need the context, which is ready once every server listens; an edge
 * (`phone_numbers`, …) names what the route asks of its node.
 */
const on = (
  ready: Effect.Effect<Context>,
  actions: (context: Context) => Actions,
  edge?: string
): EmulatorHost.Handler<GraphError> =>
(call) => Effect.flatMap(ready, (context) => endpoint(context, actions(context), edge)(call))

/** Every route, by method and path: the actions of the kinds of node its `:id` may name. */
const table: Readonly<Record<EmulatorHost.Route, (context: Context) => Actions>> = {
  "GET /:id": (context) => ({
    phone: Numbers.getNumber,
    waba: Accounts.getWaba(context),
    template: Templates.getTemplate(context),
    flow: Flows.getFlow(context),
    media: Media.getMedia(context),
    upload: Media.getUpload
  }),
  "POST /:id": (context) => ({
    phone: Numbers.updateNumber(context),
    template: Templates.editTemplate(context),
    flow: Flows.updateFlowMetadata(context),
    upload: Media.appendUpload(context)
  }),
  "DELETE /:id": (context) => ({ media: Media.deleteMedia(context), flow: Flows.deleteFlow(context) }),

  "GET /:id/phone_numbers": (context) => ({ waba: Numbers.listNumbers(context) }),
  "POST /:id/phone_numbers": (context) => ({ waba: Numbers.addNumber(context) }),
  "POST /:id/request_code": (context) => ({ phone: Numbers.requestCode(context) }),
  "POST /:id/verify_code": (context) => ({ phone: Numbers.verifyCode(context) }),
  "POST /:id/register": (context) => ({ phone: Numbers.register(context) }),
  "POST /:id/deregister": (context) => ({ phone: Numbers.deregister(context) }),

  "GET /:id/whatsapp_business_profile": (context) => ({ phone: Profile.getProfile(context) }),
  "POST /:id/whatsapp_business_profile": (context) => ({ phone: Profile.updateProfile(context) }),

  "POST /:id/media": (context) => ({ phone: Media.uploadMedia(context) }),
  "POST /:id/uploads": (context) => ({ app: Media.openUpload(context) }),

  "GET /:id/whatsapp_business_encryption": () => ({ phone: Extensions.getEncryption }),
  "POST /:id/whatsapp_business_encryption": (context) => ({ phone: Extensions.setEncryption(context) }),
  "GET /:id/message_qrdls": (context) => ({ phone: Extensions.listQrCodes(context) }),
  "POST /:id/message_qrdls": (context) => ({ phone: Extensions.saveQrCode(context) }),
  "GET /:id/message_qrdls/:code": (context) => ({ phone: Extensions.getQrCode(context) }),
  "DELETE /:id/message_qrdls/:code": (context) => ({ phone: Extensions.deleteQrCode(context) }),
  "GET /:id/whatsapp_commerce_settings": () => ({ phone: Extensions.getCommerce }),
  "POST /:id/whatsapp_commerce_settings": (context) => ({ phone: Extensions.setCommerce(context) }),
  "POST /:id/conversational_automation": (context) => ({ phone: Extensions.setAutomation(context) }),

  "GET /:id/message_templates": (context) => ({ waba: Templates.listTemplates(context) }),
  "POST /:id/message_templates": (context) => ({ waba: Templates.createTemplate(context) }),
  "DELETE /:id/message_templates": (context) => ({ waba: Templates.deleteTemplates(context) }),
  "POST /:id/migrate_message_templates": (context) => ({ waba: Templates.migrateTemplates(context) }),

  "GET /:id/flows": (context) => ({ waba: Flows.listFlows(context) }),
  "POST /:id/flows": (context) => ({ waba: Flows.createFlow(context) }),
  "POST /:id/migrate_flows": (context) => ({ waba: Flows.migrateFlows(context) }),
  "GET /:id/assets": (context) => ({ flow: Flows.listAssets(context) }),
  "POST /:id/assets": (context) => ({ flow: Flows.updateFlowJson(context) }),
  "POST /:id/publish": (context) => ({ flow: Flows.publishFlow(context) }),
  "POST /:id/deprecate": (context) => ({ flow: Flows.deprecateFlow(context) }),

  "GET /:id/subscribed_apps": () => ({ waba: Accounts.listSubscriptions }),
  "POST /:id/subscribed_apps": (context) => ({ waba: Accounts.subscribe(context) }),
  "DELETE /:id/subscribed_apps": (context) => ({ waba: Accounts.unsubscribe(context) }),
  "GET /:id/assigned_users": (context) => ({ waba: Accounts.listAssignedUsers(context) }),
  "POST /:id/assigned_users": (context) => ({ waba: Accounts.assignUser(context) }),
  "DELETE /:id/assigned_users": (context) => ({ waba: Accounts.unassignUser(context) }),
  "GET /:id/owned_whatsapp_business_accounts": (context) => ({ business: Accounts.ownedWabas(context) }),
  "GET /:id/client_whatsapp_business_accounts": (context) => ({ business: Accounts.clientWabas(context) })
}

/** The edge a route's path names after its node (`GET /:id/phone_numbers` → `phone_numbers`), if any. */
const edgeOf = (route: string): string | undefined => route.split(" ")[1]?.split("/")[2]

/** Every route. */
export const routes = (ready: Effect.Effect<Context>): EmulatorHost.Routes<GraphError> =>
  Object.fromEntries(Object.entries(table).map(([route, actions]) => [route, on(ready, actions, edgeOf(route))]))
