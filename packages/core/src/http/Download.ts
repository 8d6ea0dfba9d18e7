/**
 * Fetching a public file a caller names by URL (a template's header image to carry to another
 * provider, a photo to upload): without any credential, at most a stated number of bytes,
 * bounded in time, following at most a few redirects, and failing only with the error union.
 *
 * @since 0.1.0
 */
import { HttpClient, HttpClientError, HttpClientRequest } from "@effect/platform"
import { Duration, Effect } from "effect"
import { FieldIssue, InvalidInput, ProviderUnavailable } from "../AdminError.js"
import type { AdminError } from "../AdminError.js"
import * as Body from "./Body.js"
import { redactUrl } from "./Redaction.js"

/**
 * A downloaded file.
 *
 * @since 0.1.0
 * @category models
 */
export interface File {
  readonly bytes: Uint8Array
  /** The media type the server gave (`Content-Type` without parameters), lower-cased; `application/octet-stream` when none. */
  readonly mimeType: string
}

/**
 * How to fetch.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly provider: string
  readonly operation: string
  /** The input field the URL came from, named when the file cannot be used. */
  readonly field: string
  /** The largest file accepted, in bytes. */
  readonly maxBytes: number
  /** Default 30 seconds for the whole download. */
  readonly timeout?: Duration.DurationInput
}

/**
 * Downloads `url` (GET, no credentials, at most 5 redirects). A file larger than `maxBytes` (by
 * its `Content-Length` or as it streams in) or an answer other than 2xx is an `InvalidInput` on
 * `field` — the caller's URL does not lead to a usable file —; a transport failure or the
 * timeout is `ProviderUnavailable`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const file = (url: string, options: Options): Effect.Effect<File, AdminError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const origin = { provider: options.provider, operation: options.operation }
    const shown = redactUrl(url)
    const refuse = (rule: string) =>
      new InvalidInput({ ...origin, source: "local", issues: [new FieldIssue({ field: options.field, rule })] })
    const client = (yield* HttpClient.HttpClient).pipe(
      HttpClient.followRedirects(5),
      HttpClient.withTracerDisabledWhen(() => true)
    )
    const fetched = Effect.scoped(
      Effect.flatMap(client.execute(HttpClientRequest.get(url)), (response): Effect.Effect<
        { readonly read: Body.ReadBytes; readonly mimeType: string },
        InvalidInput | HttpClientError.HttpClientError
      > => {
        if (response.status < 200 || response.status >= 300) {
          return Effect.fail(refuse(`could not be fetched: ${shown} answered HTTP ${response.status}`))
        }
        return Effect.map(Body.readBytes(response, options.maxBytes), (read) => ({
          read,
          mimeType:
            (response.headers["content-type"] ?? "application/octet-stream").split(";")[0]?.trim().toLowerCase() ??
              "application/octet-stream"
        }))
      })
    )
    const { mimeType, read } = yield* fetched.pipe(
      Effect.timeoutFail({
        duration: options.timeout ?? Duration.seconds(30),
        onTimeout: () => new ProviderUnavailable({ ...origin, attempts: 1, reason: `fetching ${shown} took too long` })
      }),
      Effect.catchIf(
        HttpClientError.isHttpClientError,
        () => Effect.fail(new ProviderUnavailable({ ...origin, attempts: 1, reason: `fetching ${shown} failed` }))
      )
    )
    if (!read.complete) {
      return yield* Effect.fail(
        refuse(`leads to a file larger than ${Body.formatBytes(options.maxBytes)}, the most accepted`)
      )
    }
    return { bytes: read.bytes, mimeType }
  })
