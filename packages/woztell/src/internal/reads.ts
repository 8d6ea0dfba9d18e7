import { Effect } from "effect"
import type { AdminError } from "@wa-admin/core"
import type { WoztellClient } from "../WoztellClient.js"
import * as Wire from "./wire.js"

/** GET /waba-info and GET /whatsapp-displayname-status, shared by `WoztellWaba` and the number lifecycle. */
export interface Reads {
  readonly wabaInfo: (
    by: { readonly channelId: string } | { readonly wabaId: string },
    operation: string
  ) => Effect.Effect<Wire.WabaInfo, AdminError.AdminError>
  readonly displayNameStatus: (
    phoneNumberId: string,
    operation: string
  ) => Effect.Effect<Wire.DisplayNameStatus, AdminError.AdminError>
}

export const reads = (client: WoztellClient["Type"]): Reads => ({
  wabaInfo: (by: { readonly channelId: string } | { readonly wabaId: string }, operation: string) =>
    client
      .read({
        operation,
        path: "/waba-info",
        query: by,
        auth: "accessToken",
        schema: Wire.WabaInfoResponse,
        notFound: "channelId" in by ? { resource: "channel", id: by.channelId } : { resource: "WABA", id: by.wabaId }
      })
      .pipe(Effect.map((response) => response.result)),
  displayNameStatus: (phoneNumberId: string, operation: string) =>
    client
      .read({
        operation,
        path: "/whatsapp-displayname-status",
        query: { phoneNumberId },
        // The document asks for both here: the access token and the signed context.
        auth: "both",
        schema: Wire.DisplayNameStatusResponse,
        notFound: { resource: "phone number", id: phoneNumberId }
      })
      .pipe(Effect.map((response) => response.data))
})
