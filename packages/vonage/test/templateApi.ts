/**
 * A loopback stand-in for Vonage's WhatsApp Template Management API, written from the facts page
 * (`vonage-whatsapp-template-management.facts.md`) for the adapter's own edge cases — a `next`
 * link to another host, every documented problem body on demand, the 40-per-second limit on the
 * `Clock` — and a file server for the media a template's header points to. The emulator
 * (`src/emulator`) is the reference; this serves what an emulator never does.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Transport } from "@wa-admin/core"
import { EmulatorHost } from "@wa-admin/core/testing"
import { Clock, Context, Effect, Fiber, Layer, TestClock } from "effect"
import type { Scope } from "effect"
import { importSPKI, jwtVerify } from "jose"
import * as Http from "node:http"
import { VonageAdmin, VonageClient } from "../src/index.js"
import { keys } from "./support.js"

/** The problem type of a template API code (`type` ends in `#<code>`). */
export const problemType = (code: string) => `https://developer.vonage.com/api-errors/whatsapp-templates#${code}`

/** A problem body as the facts page shows them: `{ type, title, detail, instance_id }`. */
export const problem = (status: number, code: string, title: string, detail: string) => ({
  status,
  body: { type: problemType(code), title, detail, instance_id: "bf0ca0bf-927b-3b52-e3bc-8e38d8a2b05b" }
})

/** A template as the API stores and lists it. */
export interface StoredTemplate {
  readonly id: string
  readonly name: string
  readonly language: string
  readonly category: string
  status: string
  readonly components: ReadonlyArray<Record<string, unknown>>
}

export interface TemplateApi extends EmulatorHost.Host {
  /** `/v2/whatsapp-manager` on the loopback server. */
  readonly url: string
  /** Templates by WABA. */
  readonly wabas: Map<string, Array<StoredTemplate>>
  /** Files uploaded: `file_type`, the part's content type and bytes. */
  readonly uploads: Array<
    { readonly fileType: string; readonly contentType: string | undefined; readonly bytes: Uint8Array }
  >
  /** Requests answered 429 because they broke the 40-per-second limit. */
  readonly throttled: () => number
  /** Answers the next requests with these replies instead (in order), one each. */
  readonly answerNext: (...replies: ReadonlyArray<EmulatorHost.Reply>) => void
  /** Where `next` links point (`nextBase`; default: the API itself). */
  readonly links: { nextBase: string | undefined }
}

const textsOf = (component: Record<string, unknown>): Array<string> => {
  const texts: Array<string> = []
  if (typeof component["text"] === "string") texts.push(component["text"])
  const buttons = component["buttons"]
  if (Array.isArray(buttons)) {
    for (const button of buttons) {
      if (typeof button === "object" && button !== null && "text" in button && typeof button.text === "string") {
        texts.push(button.text)
      }
    }
  }
  return texts
}

/**
 * Starts the stand-in. `wabas` lists the WABA ids it knows (others are 404 "WABA was not
 * found."); `publicKey` verifies the JWTs (a request without a valid one is 401).
 */
export const templateApi = (options: {
  readonly wabas: ReadonlyArray<string>
  readonly publicKey: string
  readonly rate?: { readonly limit: number; readonly windowMillis: number }
}): Effect.Effect<TemplateApi, EmulatorHost.StartError, Scope.Scope> =>
  Effect.gen(function*() {
    const key = yield* Effect.promise(() => importSPKI(options.publicKey, "RS256"))
    const wabas = new Map<string, Array<StoredTemplate>>(options.wabas.map((waba) => [waba, []]))
    const uploads: TemplateApi["uploads"] = []
    const scripted: Array<EmulatorHost.Reply> = []
    const rate = options.rate ?? { limit: 40, windowMillis: 1000 }
    let arrivals: Array<number> = []
    let throttled = 0
    let sequence = 0
    const links: { nextBase: string | undefined } = { nextBase: undefined }
    let url = ""

    type Failure = EmulatorHost.Reply
    const fail = (reply: Failure) => Effect.fail(reply)
    const wabaOf = (call: EmulatorHost.Call) => {
      const found = wabas.get(call.params["waba"] ?? "")
      return found === undefined
        ? fail(problem(404, "not-found", "Not Found", "WABA was not found."))
        : Effect.succeed(found)
    }

    const host = yield* EmulatorHost.make<Failure>({
      basePath: "/v2/whatsapp-manager",
      authenticate: (call) =>
        Effect.gen(function*() {
          arrivals = arrivals.filter((at) => at > call.now - rate.windowMillis)
          if (arrivals.length >= rate.limit) {
            throttled++
            return yield* fail(
              problem(
                429,
                "1000",
                "Rate Limit Hit",
                "Throttled - You have exceeded the submission capacity allowed on this account. Please wait and retry"
              )
            )
          }
          arrivals.push(call.now)
          const token = /^Bearer (.+)$/.exec(call.headers["authorization"] ?? "")?.[1]
          const valid = token !== undefined &&
            (yield* Effect.promise(() =>
              jwtVerify(token, key, { algorithms: ["RS256"], currentDate: new Date(call.now) }).then(
                () => true,
                () => false
              )
            ))
          if (!valid) {
            return yield* fail(problem(401, "unauthorized", "Unauthorized", "You did not provide correct credentials."))
          }
          const reply = scripted.shift()
          if (reply !== undefined) return yield* fail(reply)
        }),
      routes: {
        "GET /wabas/:waba/templates": (call) =>
          Effect.gen(function*() {
            const all = yield* wabaOf(call)
            const search = call.query["name_or_content"]?.toLowerCase()
            const found = all.filter(
              (template) =>
                (call.query["status"] === undefined || template.status === call.query["status"]) &&
                (call.query["language"] === undefined || template.language === call.query["language"]) &&
                (search === undefined ||
                  template.name.toLowerCase().includes(search) ||
                  template.components.some((component) =>
                    textsOf(component).some((text) => text.toLowerCase().includes(search))
                  ))
            )
            const limit = Math.max(1, Number(call.query["limit"] ?? 25))
            const start = call.query["after"] === undefined
              ? 0
              : Number(Buffer.from(call.query["after"], "base64url").toString("utf8"))
            const page = found.slice(start, start + limit)
            const after = Buffer.from(String(start + limit), "utf8").toString("base64url")
            const before = Buffer.from(String(start), "utf8").toString("base64url")
            const more = start + limit < found.length
            const link = `${links.nextBase ?? url}/wabas/${call.params["waba"]}/templates?limit=${limit}&after=${after}`
            return {
              status: 200,
              body: {
                templates: page,
                paging: { cursors: { before, after }, ...(more ? { next: link } : {}) }
              }
            }
          }),
        "POST /wabas/:waba/templates": (call) =>
          Effect.gen(function*() {
            const all = yield* wabaOf(call)
            if (call.content._tag !== "Json" || typeof call.content.value !== "object" || call.content.value === null) {
              return yield* fail(problem(400, "invalid-json", "Invalid JSON", "The request body could not be read."))
            }
            const body = call.content.value as Record<string, unknown>
            const { category, components, language, name } = body
            if (
              typeof name !== "string" || typeof language !== "string" || typeof category !== "string" ||
              !Array.isArray(components)
            ) {
              return yield* fail(
                problem(
                  422,
                  "invalid-params",
                  "Invalid params",
                  "(#100) The parameter name, language, category and components are required."
                )
              )
            }
            if (all.some((template) => template.name === name && template.language === language)) {
              return yield* fail(
                problem(
                  422,
                  "invalid-params",
                  "Invalid params",
                  `(#2388024) Content in this language already exists for ${name}`
                )
              )
            }
            const id = String(1_000_000_000_000 + ++sequence)
            all.push({ id, name, language, category, status: "PENDING", components })
            return { status: 200, body: { id } }
          }),
        "DELETE /wabas/:waba/templates": (call) =>
          Effect.gen(function*() {
            const all = yield* wabaOf(call)
            const name = call.query["name"]
            if (name === undefined) {
              return yield* fail(problem(400, "invalid-params", "Invalid params", "name is required"))
            }
            const kept = all.filter((template) => template.name !== name)
            all.splice(0, all.length, ...kept)
            return { status: 204 }
          }),
        "POST /media/uploads": (call) =>
          Effect.gen(function*() {
            const fileType = call.query["file_type"]
            const part = call.multipart?.find((candidate) => candidate.name === "file")
            if (fileType === undefined || part?.bytes === undefined) {
              return yield* fail(problem(400, "invalid-params", "Invalid params", "file_type and a file are required"))
            }
            uploads.push({ fileType, contentType: part.contentType, bytes: part.bytes })
            return { status: 200, body: { h: `4::${Buffer.from(fileType).toString("base64")}:ARb${uploads.length}` } }
          })
      },
      failure: (reply) => reply,
      notFound: () => problem(404, "not-found", "Not Found", "The requested resource does not exist."),
      internalError: () => problem(500, "1030", "Internal error", "An internal error has occurred."),
      faultBody: (status) => problem(status, String(status), "Error", "fault").body,
      environment: (url) => ({ VONAGE_TEMPLATES_URL: url })
    })
    url = host.url
    return Object.assign(host, {
      links,
      wabas,
      uploads,
      throttled: () => throttled,
      answerNext: (...replies: ReadonlyArray<EmulatorHost.Reply>) => {
        scripted.push(...replies)
      }
    })
  })

/** A file server on loopback: `files` by path; every request it got, with its headers. */
export const fileServer = (
  files: Readonly<Record<string, { readonly bytes: Uint8Array; readonly contentType: string }>>
) =>
  Effect.acquireRelease(
    Effect.async<
      { readonly url: string; readonly server: Http.Server; readonly requests: Array<Http.IncomingHttpHeaders> }
    >((resume) => {
      const requests: Array<Http.IncomingHttpHeaders> = []
      const server = Http.createServer((request, response) => {
        requests.push(request.headers)
        const file = files[request.url ?? ""]
        if (file === undefined) {
          response.writeHead(404).end()
          return
        }
        response.writeHead(200, { "content-type": file.contentType, "content-length": String(file.bytes.length) }).end(
          file.bytes
        )
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, server, requests }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

/** The first bytes of a PNG, a JPEG and an MP4, padded to `size`. */
export const sample = (kind: "png" | "jpeg" | "mp4" | "pdf", size = 64): Uint8Array => {
  const head = kind === "png"
    ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
    : kind === "jpeg"
    ? [0xff, 0xd8, 0xff, 0xe0]
    : kind === "mp4"
    ? [0, 0, 0, 0x18, ...Array.from("ftypisom", (c) => c.charCodeAt(0))]
    : Array.from("%PDF-1.7", (c) => c.charCodeAt(0))
  const bytes = new Uint8Array(Math.max(size, head.length))
  bytes.set(head)
  return bytes
}

/**
 * One component of every kind (header, body, footer, buttons of every type), in the document's
 * wire shape and as the domain holds it. `parameters` says where `{{n}}` parameters and their
 * examples stand: everywhere (header, body, URL button), in the body only (what Vonage accepts on
 * a creation), or nowhere (no component carries an `example`).
 */
export const everyKindOfComponent = (parameters: "everywhere" | "body" | "none") => {
  const everywhere = parameters === "everywhere"
  const header = everywhere ? "Order {{1}}" : "Your order"
  const url = everywhere ? "https://example.com/{{1}}" : "https://example.com/track"
  const body = parameters === "none" ? "Your order is on its way." : "Hi {{1}} and {{2}}"
  const examples = everywhere ? { header: "#1234", url: "https://example.com/1234" } : undefined
  const bodyExamples = parameters === "none" ? undefined : [["Ada", "Bob"]]
  return {
    wire: [
      {
        type: "HEADER",
        format: "TEXT",
        text: header,
        ...(examples && { example: { header_text: [examples.header] } })
      },
      { type: "BODY", format: "TEXT", text: body, ...(bodyExamples && { example: { body_text: bodyExamples } }) },
      { type: "FOOTER", format: "TEXT", text: "Reply STOP to opt out" },
      {
        type: "BUTTONS",
        format: "TEXT",
        buttons: [
          { type: "QUICK_REPLY", text: "Thanks" },
          { type: "URL", text: "Track", url, ...(examples && { example: [examples.url] }) },
          { type: "PHONE_NUMBER", text: "Call us", phone_number: "+447700900000" }
        ]
      }
    ],
    domain: [
      { _tag: "HEADER", format: "TEXT", text: header, ...(examples && { example: examples.header }) },
      { _tag: "BODY", text: body, ...(bodyExamples && { examples: bodyExamples }) },
      { _tag: "FOOTER", text: "Reply STOP to opt out" },
      {
        _tag: "BUTTONS",
        buttons: [
          { _tag: "QUICK_REPLY", text: "Thanks" },
          { _tag: "URL", text: "Track", url, ...(examples && { example: examples.url }) },
          { _tag: "PHONE_NUMBER", text: "Call us", phoneNumber: "+447700900000" }
        ]
      }
    ]
  } as const
}

/** The WABA the stand-in knows by default. */
export const wabaId = "190787529545503"

type AdminServices = Layer.Layer.Success<typeof VonageAdmin.layer>

/**
 * The stand-in and the adapter over it (real HTTP, undici), signing with the test keys. The
 * WhatsApp Manager base URL points nowhere: template calls must not go there.
 */
export const templatesHarness = (options: { readonly wabas?: ReadonlyArray<string> } = {}) =>
  Effect.gen(function*() {
    const api = yield* Effect.orDie(templateApi({ wabas: options.wabas ?? [wabaId], publicKey: keys.publicKey }))
    const http = yield* Layer.build(NodeHttpClient.layerUndici)
    const client = yield* VonageClient.make({
      applicationId: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
      privateKey: keys.privateKey,
      baseUrl: "http://127.0.0.1:9/v0.1/whatsapp-manager",
      templatesUrl: api.url
    }).pipe(Effect.provide(http), Effect.orDie)
    const clientContext = Context.make(VonageClient.VonageClient, client)
    const admin = yield* Layer.build(VonageAdmin.layer.pipe(Layer.provide(Layer.succeedContext(clientContext))))
    const context: Context.Context<AdminServices | VonageClient.VonageClient> = Context.merge(admin, clientContext)
    const run = <A, E>(effect: Effect.Effect<A, E, AdminServices | VonageClient.VonageClient>) =>
      Effect.provide(effect, context)
    return { api, client, context, run }
  })

/** One turn of the event loop: lets real I/O (the loopback HTTP exchanges) progress. */
const ioTurn = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/**
 * Runs an effect that talks to a loopback server under `TestClock`: time moves only when a
 * fiber waits on the clock for at most `horizon` (a pacer's or a retry's wait), and then exactly
 * to the first wake-up. Attempt timeouts and the call deadline are put a day ahead, so that
 * neither an attempt in flight nor the timers finished attempts leave behind look like such a
 * wait. For effects that send one request at a time.
 */
export const underTestClock = <A, E>(effect: Effect.Effect<A, E>, horizon = 10_000) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(Transport.withPolicy({ attemptTimeout: "1 day", deadline: "2 days" })(effect))
    while ((yield* Fiber.poll(fiber))._tag === "None") {
      yield* ioTurn
      const now = yield* Clock.currentTimeMillis
      const soon = Array.from(yield* TestClock.sleeps()).filter((at) => at - now <= horizon)
      if (soon.length > 0) yield* TestClock.adjust(Math.max(0, Math.min(...soon) - now))
    }
    return yield* Fiber.join(fiber)
  })
