/**
 * Files a caller names by URL, fetched and uploaded to Meta for them: fetched without any
 * credential (`Download.file`, at most the size WhatsApp takes for the kind), recognised by their
 * content (`files.ts`), then sent through Meta's resumable upload — `POST /{App-ID}/uploads` opens
 * a session (`upload:<id>`), `POST /upload:<id>` with `file_offset: 0` and the bytes answers the
 * handle (`h`) a profile photo or a template's media header carries.
 */
import type { AdminError } from "@wa-admin/core"
import { Validation } from "@wa-admin/core"
import { Endpoint } from "@wa-admin/core/adapter"
import { Effect, Option } from "effect"
import type { Service as ClientService } from "../MetaClient.js"
import * as Endpoints from "./endpoints.js"
import { provider } from "./errors.js"
import * as Files from "./files.js"

/** Where a file comes from, and who asked: named in every refusal. */
export interface Origin {
  readonly operation: string
  /** The input field holding the URL. */
  readonly field: string
}

/** A fetched file and its type. */
export interface Fetched {
  readonly bytes: Uint8Array
  readonly mimeType: string
}

const refuse = (origin: Origin, rule: string) =>
  Validation.invalidInput({ provider, operation: origin.operation }, [{ field: origin.field, rule }])

/** The app id resumable uploads run under; its absence is refused before anything is fetched or sent. */
export const appIdOf = (client: ClientService, origin: Origin): Effect.Effect<string, AdminError.InvalidInput> =>
  Option.match(client.appId, {
    onNone: () =>
      Effect.fail(refuse(origin, "needs META_APP_ID (the app Meta's resumable upload runs under) to be configured")),
    onSome: Effect.succeed
  })

/** Fetches a file at most `maxBytes` long and checks that its content is one of `types`. */
export const fetchFile = (
  client: ClientService,
  url: string,
  origin: Origin,
  limit: { readonly types: ReadonlyArray<string>; readonly maxBytes: number; readonly what: string }
): Effect.Effect<Fetched, AdminError.AdminError> =>
  Effect.gen(function*() {
    const file = yield* client.download(url, {
      provider,
      operation: origin.operation,
      field: origin.field,
      maxBytes: limit.maxBytes
    })
    const mimeType = Files.typeOf(file.bytes, file.mimeType)
    if (mimeType === undefined || !limit.types.includes(mimeType)) {
      return yield* Effect.fail(
        refuse(
          origin,
          `leads to ${
            mimeType === undefined ? "a file of no type WhatsApp takes" : `a ${mimeType} file`
          } (by its content); ${limit.what} must be ${limit.types.join(", ")}`
        )
      )
    }
    return { bytes: file.bytes, mimeType }
  })

/** Uploads a file through the resumable upload; answers its handle. */
export const resumableUpload = (client: ClientService, operation: string) => {
  const open = client.call(Endpoint.serving(operation, Endpoints.openUpload))
  const send = client.call(Endpoint.serving(operation, Endpoints.uploadBytes))
  return (appId: string, file: Fetched, name: string): Effect.Effect<string, AdminError.AdminError> =>
    Effect.flatMap(
      open({
        appId,
        fileName: `${name}.${Files.extensionOf(file.mimeType)}`,
        fileLength: file.bytes.length,
        fileType: file.mimeType
      }),
      (target) => send({ ...target, bytes: file.bytes })
    )
}
