/**
 * A separate process serving the Vonage and WOZTELL emulators on loopback, so that the clients
 * being measured do not share their event loop (or their memory) with the server.
 *
 * It provisions the deployments the profile benchmarks read (each with a full business
 * profile), seeds the templates the streaming benchmark lists, prints one JSON line describing
 * it all (see {@link Description}), and serves until its standard input closes.
 */
import { NodeRuntime } from "@effect/platform-node"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect } from "effect"
import { createPrivateKey } from "node:crypto"
import { signVonageJwt } from "./Jose.js"
import * as Seeds from "./Seeds.js"

/** What the host serves, as printed on its first line of output. */
export interface Description {
  readonly vonage: {
    readonly url: string
    readonly applicationId: string
    readonly privateKey: string
    /** Deployment ids, each with a business profile set. */
    readonly deployments: ReadonlyArray<string>
  }
  readonly woztell: {
    readonly url: string
    readonly accessToken: string
    readonly wabaId: string
    readonly templates: number
  }
}

const deploymentCount = Number(process.env["BENCH_DEPLOYMENTS"] ?? "101")
const templateCount = Number(process.env["BENCH_TEMPLATES"] ?? "10000")

/** A profile as a real business would have it, so reads decode a realistic body. */
const profileOf = (index: number) => ({
  about: `Fresh bread daily, branch ${index}`,
  address: `${index} Baker Street, London NW1 6XE`,
  description: "Artisan bakery: sourdough, pastries and cakes, baked on site every morning since 1998.",
  email: `branch${index}@example.com`,
  vertical: "Food and Grocery",
  websites: ["https://example.com", `https://example.com/branches/${index}`]
})

const send = async (url: string, token: string, method: string, body: unknown): Promise<unknown> => {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body)
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`)
  return text.length === 0 ? undefined : JSON.parse(text)
}

const provision = async (url: string, token: string, count: number): Promise<ReadonlyArray<string>> => {
  const ids: Array<string> = []
  for (let index = 0; index < count; index++) {
    const created = (await send(`${url}/deployments`, token, "POST", {
      country_code: "44",
      number: String(7700900000 + index),
      vname_certificate: "AbCdEFGHiJK123456",
      method: "sms",
      waba_id: "123456789123"
    })) as { readonly deployment_id: string }
    await send(`${url}/deployments/${created.deployment_id}/profile`, token, "PATCH", profileOf(index))
    ids.push(created.deployment_id)
  }
  return ids
}

const seeds = Seeds.utilityTemplates(templateCount, {
  stem: "order_update",
  digits: 5,
  header: "Your order",
  body: "Hello {{1}}, your order {{2}} is on its way and should arrive by {{3}}.",
  example: ["Ada", "#4711", "Friday"],
  footer: "Reply STOP to opt out",
  buttons: [{ type: "QUICK_REPLY", text: "Track it" }, {
    type: "URL",
    text: "Details",
    url: "https://example.com/orders/{{1}}"
  }]
})

const program = Effect.gen(function*() {
  const vonage = yield* VonageEmulator.make()
  const woztell = yield* WoztellEmulator.make()
  const privateKey = vonage.credentials.privateKey
  if (privateKey === undefined) return yield* Effect.die(new Error("the Vonage emulator generated no key"))
  const token = yield* Effect.promise(() =>
    signVonageJwt(vonage.credentials.applicationId, createPrivateKey(privateKey))
  )
  const deployments = yield* Effect.promise(() => provision(vonage.url, token, deploymentCount))
  yield* Effect.orDie(woztell.seedTemplates(woztell.credentials.wabaId, seeds))
  yield* vonage.clearRequests
  yield* woztell.clearRequests
  const description: Description = {
    vonage: { url: vonage.url, applicationId: vonage.credentials.applicationId, privateKey, deployments },
    woztell: {
      url: woztell.url,
      accessToken: woztell.credentials.accessToken,
      wabaId: woztell.credentials.wabaId,
      templates: templateCount
    }
  }
  process.stdout.write(`${JSON.stringify(description)}\n`)
  // The emulators record every request; the benchmarks send tens of thousands, so forget them.
  const forget = Effect.zipRight(vonage.clearRequests, woztell.clearRequests)
  yield* Effect.async<void>((resume) => {
    const interval = setInterval(() => Effect.runSync(forget), 1000)
    process.stdin.on("end", () => {
      clearInterval(interval)
      resume(Effect.void)
    })
    process.stdin.resume()
  })
}).pipe(Effect.scoped)

NodeRuntime.runMain(program)
