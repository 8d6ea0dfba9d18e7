/**
 * The instruments of the fault suite, checked on their own: the emulators' fault injection
 * (rule windows, `Retry-After` forms, held exchanges, the refusing URL, one engine in all
 * three), and the suite's counters — they must see a duplicate effect and a credentialed request
 * on another host when a caller or a client does what the policy forbids.
 */
import { HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect, Option, TestClock } from "effect"
import * as ForeignHost from "./support/ForeignHost.js"
import { vonage, woztell } from "./support/Subjects.js"

interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
}

const send = (url: string, init?: RequestInit): Effect.Effect<Answer> =>
  Effect.promise(async () => {
    const response = await fetch(url, init)
    return { status: response.status, headers: response.headers, text: await response.text() }
  })

/** What a request that cannot complete ends in: the error's code, or its message. */
const failureOf = (promise: Promise<unknown>): Effect.Effect<string> =>
  Effect.promise(() =>
    promise.then(
      () => "completed",
      (error: unknown) => {
        const cause = error instanceof Error ? error.cause : undefined
        const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined
        return code ?? (error instanceof Error ? error.message : String(error))
      }
    )
  )

const realPause = (millis: number) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, millis)))

describe("fault injection in the emulators", () => {
  it.scoped("a rule lets `after` matches through, hits the next `times`, and selects by method and path", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { accessToken, channelId, phoneNumberId } = emulator.credentials
      const wabaInfo = `${emulator.url}/waba-info?accessToken=${accessToken}&channelId=${channelId}`
      yield* emulator.faults.inject({
        method: "GET",
        path: "/waba-info",
        after: 1,
        times: 2,
        fault: { _tag: "Status", status: 503 }
      })
      yield* emulator.faults.inject({ method: "POST", fault: { _tag: "Status", status: 500 } })

      const statuses: Array<number> = []
      for (let index = 0; index < 4; index++) statuses.push((yield* send(wabaInfo)).status)
      assert.deepStrictEqual(statuses, [200, 503, 503, 200])
      const received = yield* emulator.faults.received
      assert.deepStrictEqual(
        received.map((arrival) => [arrival.method, arrival.path, arrival.fault ?? "none"]),
        [
          ["GET", "/v1.2/api/waba-info", "none"],
          ["GET", "/v1.2/api/waba-info", "Status"],
          ["GET", "/v1.2/api/waba-info", "Status"],
          ["GET", "/v1.2/api/waba-info", "none"]
        ]
      )
      assert.strictEqual(
        (yield* emulator.requests).length,
        2,
        "the emulator handled only the requests no fault answered"
      )

      yield* emulator.faults.clear
      yield* emulator.faults.inject({ path: /business-profile$/, fault: { _tag: "Html" } })
      const profile = yield* send(
        `${emulator.url}/whatsapp-business-profile?accessToken=${accessToken}&phoneNumberId=${phoneNumberId}`
      )
      assert.strictEqual(profile.status, 200)
      assert.match(profile.headers.get("content-type") ?? "", /^text\/html/)
      assert.match(profile.text, /^<!DOCTYPE html>/)
      assert.strictEqual((yield* send(wabaInfo)).status, 200, "clear removed the earlier rules")
    }))

  it.scoped("Retry-After as delay-seconds, as an HTTP date by the emulator's clock, or verbatim; in the provider's envelope", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const url = `${emulator.url}/waba-info`
      yield* emulator.faults.inject({ times: 1, fault: { _tag: "Status", status: 429, retryAfter: 7 } })
      yield* emulator.faults.inject({
        times: 1,
        fault: { _tag: "Status", status: 429, retryAfter: { dateIn: "3 seconds" } }
      })
      yield* emulator.faults.inject({ times: 1, fault: { _tag: "Status", status: 429, retryAfter: "whenever" } })
      yield* emulator.faults.inject({ times: 1, fault: { _tag: "Status", status: 429 } })

      const seconds = yield* send(url)
      assert.strictEqual(seconds.status, 429)
      assert.strictEqual(seconds.headers.get("retry-after"), "7")
      assert.deepStrictEqual(JSON.parse(seconds.text), { ok: 0, error: "Rate limit exceeded, please try again later" })
      yield* TestClock.adjust("1500 millis")
      assert.strictEqual(
        (yield* send(url)).headers.get("retry-after"),
        "Thu, 01 Jan 1970 00:00:05 GMT",
        "1.5 s + 3 s, rounded up"
      )
      assert.strictEqual((yield* send(url)).headers.get("retry-after"), "whenever")
      const bare = yield* send(url)
      assert.strictEqual(bare.status, 429)
      assert.isNull(bare.headers.get("retry-after"))
    }))

  it.scoped("each emulator answers a fault's status in its provider's failure format", () =>
    Effect.gen(function*() {
      const vonageEmulator = yield* VonageEmulator.make()
      const kaleyraEmulator = yield* KaleyraEmulator.make()
      yield* vonageEmulator.faults.inject({ fault: { _tag: "Unauthorized" } })
      yield* kaleyraEmulator.faults.inject({ fault: { _tag: "Status", status: 503 } })
      const refused = yield* send(`${vonageEmulator.url}/deployments`)
      assert.strictEqual(refused.status, 401)
      const problem = JSON.parse(refused.text) as { readonly type: string; readonly detail: string }
      assert.strictEqual(problem.type, "https://developer.vonage.com/api-errors#unauthorized")
      assert.match(problem.detail, /token expired/)
      const unavailable = yield* send(
        `${kaleyraEmulator.url}/v1/${kaleyraEmulator.credentials.sid}/whatsapp/activation`,
        {
          method: "POST"
        }
      )
      assert.strictEqual(unavailable.status, 503)
      assert.deepStrictEqual(JSON.parse(unavailable.text), {
        code: "E503",
        message: "Service Unavailable",
        data: [],
        error: {}
      })
    }))

  it.scoped("a processed fault lets the mutation take effect; the answer is then lost", () =>
    Effect.gen(function*() {
      const emulator = yield* WoztellEmulator.make()
      const { accessToken, phoneNumberId } = emulator.credentials
      const upload = () =>
        fetch(`${emulator.url}/media-id`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ accessToken, phoneNumberId, type: "image", url: "https://cdn.example.com/a.png" })
        }).then((response) => response.text())
      yield* emulator.faults.inject({ path: "/media-id", times: 1, fault: { _tag: "ResetAfterBody" } })
      yield* emulator.faults.inject({ path: "/media-id", times: 1, fault: { _tag: "ResetBeforeBody" } })
      yield* emulator.faults.inject({ path: "/media-id", times: 1, fault: { _tag: "TruncatedBody" } })
      assert.strictEqual(yield* failureOf(upload()), "ECONNRESET")
      assert.strictEqual(yield* failureOf(upload()), "ECONNRESET")
      assert.notStrictEqual(yield* failureOf(upload()), "completed", "a truncated body does not complete")
      assert.deepStrictEqual(
        (yield* emulator.effects).map((effect) => effect.operation),
        ["uploadMedia", "uploadMedia"],
        "reset after the body and truncated took effect; reset before the body did not"
      )
    }))

  it.effect("a held exchange is listed as held, and closing the emulator's scope ends it", () =>
    Effect.gen(function*() {
      const { held, pending } = yield* Effect.scoped(
        Effect.gen(function*() {
          const emulator = yield* KaleyraEmulator.make()
          yield* emulator.faults.inject({ fault: { _tag: "NoResponse" } })
          const pending = failureOf(
            fetch(`${emulator.url}/v1/${emulator.credentials.sid}/whatsapp/activation`, { method: "POST" })
          )
          let held = false
          for (let tries = 0; tries < 2000 && !held; tries++) {
            held = (yield* emulator.faults.received).some((arrival) => arrival.held)
            if (!held) yield* realPause(1)
          }
          return { held, pending }
        })
      )
      assert.isTrue(held)
      assert.notStrictEqual(yield* pending, "completed")
    }))

  it.scoped("refusingUrl names a port nobody listens on", () =>
    Effect.gen(function*() {
      const emulator = yield* VonageEmulator.make()
      const url = yield* emulator.faults.refusingUrl
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/v0\.1\/whatsapp-manager$/)
      assert.notStrictEqual(url, emulator.url)
      assert.strictEqual(yield* failureOf(fetch(`${url}/deployments`)), "ECONNREFUSED")
    }))
})

describe("the suite's counters see what they must", () => {
  it.scoped("a caller repeating a mutation after OutcomeUnknown makes the emulator count two effects", () =>
    Effect.gen(function*() {
      const subject = yield* woztell.start({ refused: false })
      yield* subject.faults.inject({ path: "/media-id", times: 1, fault: { _tag: "ResetAfterBody" } })
      const first = yield* Effect.flip(subject.mutation.run)
      assert.strictEqual(first._tag, "OutcomeUnknown")
      yield* subject.mutation.run
      const uploads = (yield* subject.effects).filter((effect) => effect.operation === subject.mutation.effect)
      assert.strictEqual(uploads.length, 2, "the repeat is a duplicate the suite would count")
    }))

  it.scoped("a client that follows redirects carries credentials to the foreign host, which sees them", () =>
    Effect.gen(function*() {
      const foreign = yield* ForeignHost.make
      const subject = yield* vonage.start({ refused: false, client: (client) => HttpClient.followRedirects(client, 3) })
      const read = Option.getOrThrow(subject.read)
      yield* subject.faults.inject({
        path: read.path,
        fault: { _tag: "Redirect", status: 307, location: `${foreign.url}/moved` }
      })
      yield* Effect.either(read.run)
      assert.strictEqual(foreign.requests().length, 1)
      assert.strictEqual(foreign.credentialed(subject.secrets).length, 1, "the bearer JWT went along")
    }))
})
