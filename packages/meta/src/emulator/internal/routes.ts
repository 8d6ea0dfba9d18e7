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

/** Every route. */
export const routes = (ready: Effect.Effect<Context>): EmulatorHost.Routes<GraphError> => ({
  "GET /:id": on(ready, (context) => ({
    phone: Numbers.getNumber,
    waba: Accounts.getWaba(context),
    template: Templates.getTemplate(context),
    flow: Flows.getFlow(context),
    media: Media.getMedia(context),
    upload: Media.getUpload
  })),
  "POST /:id": on(ready, (context) => ({
    phone: Numbers.updateNumber(context),
    template: Templates.editTemplate(context),
    flow: Flows.updateFlowMetadata(context),
    upload: Media.appendUpload(context)
  })),
  "DELETE /:id": on(ready, (context) => ({ media: Media.deleteMedia(context), flow: Flows.deleteFlow(context) })),

  "GET /:id/phone_numbers": on(ready, (context) => ({ waba: Numbers.listNumbers(context) }), "phone_numbers"),
  "POST /:id/phone_numbers": on(ready, (context) => ({ waba: Numbers.addNumber(context) }), "phone_numbers"),
  "POST /:id/request_code": on(ready, (context) => ({ phone: Numbers.requestCode(context) }), "request_code"),
  "POST /:id/verify_code": on(ready, (context) => ({ phone: Numbers.verifyCode(context) }), "verify_code"),
  "POST /:id/register": on(ready, (context) => ({ phone: Numbers.register(context) }), "register"),
  "POST /:id/deregister": on(ready, (context) => ({ phone: Numbers.deregister(context) }), "deregister"),

  "GET /:id/whatsapp_business_profile": on(
    ready,
    (context) => ({ phone: Profile.getProfile(context) }),
    "whatsapp_business_profile"
  ),
  "POST /:id/whatsapp_business_profile": on(
    ready,
    (context) => ({ phone: Profile.updateProfile(context) }),
    "whatsapp_business_profile"
  ),

  "POST /:id/media": on(ready, (context) => ({ phone: Media.uploadMedia(context) }), "media"),
  "POST /:id/uploads": on(ready, (context) => ({ app: Media.openUpload(context) }), "uploads"),

  "GET /:id/whatsapp_business_encryption": on(
    ready,
    () => ({ phone: Extensions.getEncryption }),
    "whatsapp_business_encryption"
  ),
  "POST /:id/whatsapp_business_encryption": on(
    ready,
    (context) => ({ phone: Extensions.setEncryption(context) }),
    "whatsapp_business_encryption"
  ),
  "GET /:id/message_qrdls": on(ready, (context) => ({ phone: Extensions.listQrCodes(context) }), "message_qrdls"),
  "POST /:id/message_qrdls": on(ready, (context) => ({ phone: Extensions.saveQrCode(context) }), "message_qrdls"),
  "GET /:id/message_qrdls/:code": on(ready, (context) => ({ phone: Extensions.getQrCode(context) }), "message_qrdls"),
  "DELETE /:id/message_qrdls/:code": on(
    ready,
    (context) => ({ phone: Extensions.deleteQrCode(context) }),
    "message_qrdls"
  ),
  "GET /:id/whatsapp_commerce_settings": on(
    ready,
    () => ({ phone: Extensions.getCommerce }),
    "whatsapp_commerce_settings"
  ),
  "POST /:id/whatsapp_commerce_settings": on(
    ready,
    (context) => ({ phone: Extensions.setCommerce(context) }),
    "whatsapp_commerce_settings"
  ),
  "POST /:id/conversational_automation": on(
    ready,
    (context) => ({ phone: Extensions.setAutomation(context) }),
    "conversational_automation"
  ),

  "GET /:id/message_templates": on(
    ready,
    (context) => ({ waba: Templates.listTemplates(context) }),
    "message_templates"
  ),
  "POST /:id/message_templates": on(
    ready,
    (context) => ({ waba: Templates.createTemplate(context) }),
    "message_templates"
  ),
  "DELETE /:id/message_templates": on(
    ready,
    (context) => ({ waba: Templates.deleteTemplates(context) }),
    "message_templates"
  ),
  "POST /:id/migrate_message_templates": on(
    ready,
    (context) => ({ waba: Templates.migrateTemplates(context) }),
    "migrate_message_templates"
  ),

  "GET /:id/flows": on(ready, (context) => ({ waba: Flows.listFlows(context) }), "flows"),
  "POST /:id/flows": on(ready, (context) => ({ waba: Flows.createFlow(context) }), "flows"),
  "POST /:id/migrate_flows": on(ready, (context) => ({ waba: Flows.migrateFlows(context) }), "migrate_flows"),
  "GET /:id/assets": on(ready, (context) => ({ flow: Flows.listAssets(context) }), "assets"),
  "POST /:id/assets": on(ready, (context) => ({ flow: Flows.updateFlowJson(context) }), "assets"),
  "POST /:id/publish": on(ready, (context) => ({ flow: Flows.publishFlow(context) }), "publish"),
  "POST /:id/deprecate": on(ready, (context) => ({ flow: Flows.deprecateFlow(context) }), "deprecate"),

  "GET /:id/subscribed_apps": on(ready, () => ({ waba: Accounts.listSubscriptions }), "subscribed_apps"),
  "POST /:id/subscribed_apps": on(ready, (context) => ({ waba: Accounts.subscribe(context) }), "subscribed_apps"),
  "DELETE /:id/subscribed_apps": on(ready, (context) => ({ waba: Accounts.unsubscribe(context) }), "subscribed_apps"),
  "GET /:id/assigned_users": on(ready, (context) => ({ waba: Accounts.listAssignedUsers(context) }), "assigned_users"),
  "POST /:id/assigned_users": on(ready, (context) => ({ waba: Accounts.assignUser(context) }), "assigned_users"),
  "DELETE /:id/assigned_users": on(ready, (context) => ({ waba: Accounts.unassignUser(context) }), "assigned_users"),
  "GET /:id/owned_whatsapp_business_accounts": on(
    ready,
    (context) => ({ business: Accounts.ownedWabas(context) }),
    "owned_whatsapp_business_accounts"
  ),
  "GET /:id/client_whatsapp_business_accounts": on(
    ready,
    (context) => ({ business: Accounts.clientWabas(context) }),
    "client_whatsapp_business_accounts"
  )
})
