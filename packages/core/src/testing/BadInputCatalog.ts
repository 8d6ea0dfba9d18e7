/**
 * The bad inputs every adapter's catalogue shares: the port's own rules, which are the same for
 * every provider. An adapter's catalogue runs these with `BadInput.run` next to the cases its
 * provider rules differently, so a rule of the port is written down once.
 *
 * @example
 * import { BadInputCatalog } from "@wa-admin/core/testing"
 *
 * const cases = [...BadInputCatalog.emptyIds, ...BadInputCatalog.profileUpdate("123164329653069")]
 *
 * @since 0.2.0
 */
import { Effect } from "effect"
import * as BusinessProfile from "../BusinessProfile.js"
import * as NumberLifecycle from "../NumberLifecycle.js"
import type * as Templates from "../Templates.js"
import type { Case, RequestLog } from "./BadInput.js"
import { casesOf, loosely, port, run } from "./BadInput.js"

const text = (length: number) => "a".repeat(length)

/**
 * An empty id to each read of a number: its status, its profile and its profile photo.
 *
 * @since 0.2.0
 * @category cases
 */
export const emptyIds: ReadonlyArray<Case<NumberLifecycle.NumberLifecycle | BusinessProfile.BusinessProfile>> = [
  port.status("an empty id", { id: "" }, ["id"]),
  port.getProfile("an empty number", { number: "" }, ["number"]),
  port.getPhoto("an empty number", { number: "" }, ["number"])
]

/**
 * The cases of `profile.update` of `number` that break the port's limits, whichever provider
 * serves it (an adapter adds the limits its provider sets tighter).
 *
 * @since 0.2.0
 * @category cases
 */
export const profileUpdate = (number: string): ReadonlyArray<Case<BusinessProfile.BusinessProfile>> => {
  const update = casesOf(
    "profile.update",
    (profile: Record<string, unknown>) => loosely(BusinessProfile.update)({ number, profile })
  )
  return [
    update("no field to change", {}, ["profile"]),
    update("an empty about", { about: "" }, ["profile.about"]),
    update("an address of 257 characters", { address: text(257) }, ["profile.address"]),
    update("an email of 129 characters", { email: `${text(120)}@shop.com` }, ["profile.email"]),
    update("three websites", { websites: ["https://a.example", "https://b.example", "https://c.example"] }, [
      "profile.websites"
    ]),
    update("a website of 260 characters", { websites: [`https://example.com/${text(240)}`] }, ["profile.websites.0"]),
    update("an ftp website", { websites: ["ftp://files.example.com"] }, ["profile.websites.0"]),
    update("a javascript: website", { websites: ["javascript:alert(1)"] }, ["profile.websites.0"]),
    update("a website without a scheme", { websites: ["www.example.com"] }, ["profile.websites.0"]),
    update("an unknown vertical", { vertical: "Bakery" }, ["profile.vertical"]),
    update("a photo URL that is not a URL", { photoUrl: "logo.png" }, ["profile.photoUrl"]),
    update("several fields breaking the port's rules", {
      email: "nope",
      websites: ["ftp://x.example"],
      vertical: "Bakery"
    }, [
      "profile.email",
      "profile.websites.0",
      "profile.vertical"
    ])
  ]
}

/**
 * The cases of `numbers.provision` whose phone number breaks the port's E.164 rules, each on
 * `valid` (a provisioning request the provider accepts) with only the number changed.
 *
 * @since 0.2.0
 * @category cases
 */
export const provisionNumbers = (
  valid: Readonly<Record<string, unknown>>
): ReadonlyArray<Case<NumberLifecycle.NumberLifecycle>> => {
  const provision = casesOf(
    "numbers.provision",
    (phoneNumber: string) => loosely(NumberLifecycle.provision)({ ...valid, phoneNumber })
  )
  const numbers: ReadonlyArray<readonly [input: string, phoneNumber: string]> = [
    ["an E.164 number without +", "447700900001"],
    ["a number with a leading 0 after +", "+0447700900001"],
    ["a number with spaces and dashes", "+44 7700-900001"],
    ["a number of 16 digits", "+4477009000011234"],
    ["a number with letters", "+44770090ABCD"],
    ["an unassigned country code", "+999123456789"],
    ["an empty number", ""]
  ]
  return numbers.map(([input, phoneNumber]) => provision(input, phoneNumber, ["phoneNumber"]))
}

/**
 * The cases of `templates.list` on `wabaId` that break the port's paging and filter rules.
 *
 * @since 0.2.0
 * @category cases
 */
export const templateListing = (wabaId: string): ReadonlyArray<Case<Templates.Templates>> => [
  port.listTemplates("a page size of 0", { wabaId, pageSize: 0 }, ["pageSize"]),
  port.listTemplates("a page size of 101", { wabaId, pageSize: 101 }, ["pageSize"]),
  port.listTemplates("a language name instead of a language code", { wabaId, filter: { language: ["English"] } }, [
    "filter.language.0"
  ])
]

/**
 * What a catalogue run with a control call found: the failing cases, the requests the cases let
 * through, and the requests the valid control call sent.
 *
 * @since 0.2.0
 * @category models
 */
export interface Outcome {
  readonly failures: ReadonlyArray<string>
  readonly requestsSent: number
  readonly controlRequests: number
}

/**
 * Runs a catalogue (`BadInput.run`), then `control`, a valid call that must reach the provider:
 * a catalogue that sent nothing only because nothing was listening shows `controlRequests: 0`.
 * A failing control call fails the run (wrap it in `Effect.ignore` where its answer does not
 * matter).
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { BadInputCatalog } from "@wa-admin/core/testing"
 * import { Effect } from "effect"
 *
 * const outcome = (
 *   emulator: { readonly clearRequests: Effect.Effect<void>; readonly requests: Effect.Effect<ReadonlyArray<unknown>> }
 * ) => BadInputCatalog.runWithControl(BadInputCatalog.emptyIds, emulator, NumberLifecycle.status({ id: "1" }))
 *
 * @since 0.2.0
 * @category running
 */
export const runWithControl = <R, E, R2>(
  cases: ReadonlyArray<Case<R>>,
  provider: RequestLog,
  control: Effect.Effect<unknown, E, R2>
): Effect.Effect<Outcome, E, R | R2> =>
  Effect.gen(function*() {
    const { failures, requestsSent } = yield* run(cases, provider)
    yield* provider.clearRequests
    yield* control
    const controlRequests = (yield* provider.requests).length
    return { failures, requestsSent, controlRequests }
  })
