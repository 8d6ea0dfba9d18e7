/**
 * A fake `HttpClient` for reliability tests: it answers every request from a function (for the
 * answers an emulator never gives — an HTML error page, a truncated document, an odd status)
 * and keeps every request it got.
 *
 * @since 0.1.0
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { Effect, Layer } from "effect"

/**
 * A body sent as it is, not as JSON (an HTML error page, a truncated document …).
 *
 * @since 0.1.0
 * @category fakes
 */
export class RawText {
  constructor(readonly text: string) {}
}

/**
 * What the fake answers: a status, a body (sent as JSON unless it is `RawText`), headers.
 *
 * @since 0.1.0
 * @category fakes
 */
export interface Answer {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

const statusesWithoutBody = new Set([101, 103, 204, 205, 304])

/**
 * The web `Response` for an answer (a status that cannot carry a body gets none).
 *
 * @since 0.1.0
 * @category fakes
 */
export const webResponse = (answer: Answer): Response => {
  const text = answer.body instanceof RawText ? answer.body.text : (JSON.stringify(answer.body) ?? "")
  return new Response(statusesWithoutBody.has(answer.status) || text === "" ? null : text, {
    status: answer.status,
    headers: { "content-type": "application/json", ...answer.headers }
  })
}

/**
 * An `HttpClient` that answers every request from a function and keeps every request it got.
 *
 * @since 0.1.0
 * @category fakes
 */
export const fakeHttp = (answer: (request: HttpClientRequest.HttpClientRequest) => Answer) => {
  const requests: Array<HttpClientRequest.HttpClientRequest> = []
  const layer = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.sync(() => {
        requests.push(request)
        return HttpClientResponse.fromWeb(request, webResponse(answer(request)))
      })
    )
  )
  return { layer, requests }
}

/**
 * A {@link fakeHttp} whose answer a test sets before each call (`answer(next)`); it answers
 * `first` until then.
 *
 * @since 0.1.0
 * @category fakes
 */
export const scripted = (first: Answer = { status: 200, body: {} }) => {
  let current = first
  const http = fakeHttp(() => current)
  return {
    ...http,
    answer: (next: Answer): void => {
      current = next
    }
  }
}
