/**
 * What `wa-admin waba …` does once its flags are parsed (loaded when it runs; each adapter is
 * loaded only when the chosen provider is its own).
 *
 * @since 0.1.0
 */
import { MetaProvider, MetaWaba } from "@wa-admin/meta"
import { WoztellProvider, WoztellWaba } from "@wa-admin/woztell"
import { Effect, Option, Schema } from "effect"
import { UsageError } from "../CliError.js"
import type * as Waba from "../commands/Waba.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import * as WoztellLayer from "../internal/woztell.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { compact } from "./internal.js"

const meta = Extension.make({ provider: MetaProvider, module: { MetaWaba }, layer: MetaLayer.layer })

const metaOrigin = (operation: string) => ({ provider: "meta", operation: `waba.${operation}` })

/**
 * The JSON form of a Meta WABA.
 *
 * @since 0.2.0
 * @category schemas
 */
export const MetaWabaJson = Schema.Struct({
  wabaId: Schema.String,
  name: Schema.optional(Schema.String),
  namespace: Schema.optional(Schema.String),
  timezoneId: Schema.optional(Schema.String),
  currency: Schema.optional(Schema.String),
  country: Schema.optional(Schema.String),
  accountReviewStatus: Schema.optional(Schema.String),
  businessVerificationStatus: Schema.optional(Schema.String),
  ownershipType: Schema.optional(Schema.String)
})

/**
 * The JSON form of a user assigned to a Meta WABA.
 *
 * @since 0.2.0
 * @category schemas
 */
export const AssignedUserJson = Schema.Struct({
  id: Schema.String,
  name: Schema.optional(Schema.String),
  userType: Schema.optional(Schema.String),
  business: Schema.optional(Schema.Struct({ id: Schema.optional(Schema.String), name: Schema.optional(Schema.String) }))
})

const renderMeta = (info: typeof MetaWabaJson.Type): string =>
  Render.fields([
    ["WABA id", info.wabaId],
    ["name", info.name],
    ["namespace", info.namespace],
    ["currency", info.currency],
    ["time zone", info.timezoneId],
    ["country", info.country],
    ["review", info.accountReviewStatus],
    ["business verification", info.businessVerificationStatus],
    ["ownership", info.ownershipType]
  ])

const wabaColumns = Render.columns<typeof MetaWabaJson.Type>([
  { title: "WABA ID", width: 18, value: (waba) => waba.wabaId },
  { title: "REVIEW", width: 10, value: (waba) => waba.accountReviewStatus ?? "" },
  { title: "NAME", width: 0, value: (waba) => waba.name ?? "" }
])

const woztell = Extension.make({
  provider: WoztellProvider,
  module: { WoztellWaba },
  layer: WoztellLayer.layer
})

const render = (info: WoztellWaba.WabaInfo): string =>
  Render.fields([
    ["WABA id", info.wabaId],
    ["name", info.name],
    ["namespace", info.namespace],
    ["phone number id", info.phoneNumberId],
    ["phone number", info.formattedPhoneNumber ?? info.phoneNumber],
    ["WhatsApp id", info.waId],
    ["embedded signup", info.embeddedSignup === undefined ? undefined : info.embeddedSignup ? "yes" : "no"]
  ])

/**
 * `wa-admin waba info`
 *
 * @since 0.1.0
 * @category programs
 */
export const info = (config: Waba.Info) =>
  Extension.runAmong(
    [
      Extension.variant(woztell, ({ WoztellWaba }) =>
        Effect.gen(function*() {
          const origin = { provider: "woztell", operation: "waba.info" }
          type By = { readonly channelId: string } | { readonly wabaId: string }
          const by: Option.Option<By> = Option.isSome(config.channelId)
            ? Option.isSome(config.wabaId)
              ? yield* Effect.fail(new UsageError({ reason: "give --channel-id or --waba-id, not both" }))
              : Option.some({ channelId: config.channelId.value })
            : Option.map(config.wabaId, (wabaId) => ({ wabaId }))
          const request = yield* Option.match(by, {
            onNone: () => Effect.succeed(undefined),
            onSome: Extension.input(WoztellWaba.InfoRequest, origin)
          })
          const waba = yield* WoztellWaba.info(request)
          yield* Output.value(WoztellWaba.WabaInfo, waba, render)
        })),
      Extension.variant(meta, ({ MetaWaba }) =>
        Effect.gen(function*() {
          if (Option.isSome(config.channelId)) {
            return yield* new UsageError({ reason: "--channel-id is WOZTELL's; on Meta name the WABA with --waba-id" })
          }
          const request = yield* Extension.input(MetaWaba.InfoRequest, metaOrigin("info"))(
            compact({ wabaId: Extension.optional(config.wabaId) })
          )
          const waba = yield* Effect.flatMap(MetaWaba.MetaWaba, (service) => service.info(request))
          yield* Output.value(MetaWabaJson, waba, renderMeta)
        }))
    ],
    config,
    "waba.info"
  )

const businessWabas = (which: "owned" | "clients") => (config: Waba.ByBusiness) =>
  Extension.run(meta, config, `waba.${which}`, ({ MetaWaba }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaWaba.BusinessRequest, metaOrigin(which))(
        compact({ businessId: Extension.optional(config.businessId) })
      )
      const service = yield* MetaWaba.MetaWaba
      yield* Extension.table(service[which](request), MetaWabaJson, wabaColumns, "(no WABAs)")
    }))

/**
 * `wa-admin waba owned` (Meta)
 *
 * @since 0.2.0
 * @category programs
 */
export const owned = businessWabas("owned")

/**
 * `wa-admin waba clients` (Meta)
 *
 * @since 0.2.0
 * @category programs
 */
export const clients = businessWabas("clients")

/**
 * `wa-admin waba users` (Meta)
 *
 * @since 0.2.0
 * @category programs
 */
export const users = (config: Waba.Users) =>
  Extension.run(meta, config, "waba.users", ({ MetaWaba }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaWaba.UsersRequest, metaOrigin("users"))(
        compact({ wabaId: Extension.optional(config.wabaId), businessId: Extension.optional(config.businessId) })
      )
      const service = yield* MetaWaba.MetaWaba
      yield* Extension.table(
        service.users(request),
        AssignedUserJson,
        Render.columns<typeof AssignedUserJson.Type>([
          { title: "USER ID", width: 18, value: (user) => user.id },
          { title: "TYPE", width: 14, value: (user) => user.userType ?? "" },
          { title: "NAME", width: 0, value: (user) => user.name ?? "" }
        ]),
        "(no users)"
      )
    }))

/**
 * `wa-admin waba assign-user` (Meta)
 *
 * @since 0.2.0
 * @category programs
 */
export const assignUser = (config: Waba.AssignUser) =>
  Extension.run(meta, config, "waba.assign-user", ({ MetaWaba }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaWaba.AssignRequest, metaOrigin("assignUser"))(
        compact({ wabaId: Extension.optional(config.wabaId), userId: config.userId, tasks: config.tasks })
      )
      yield* Effect.flatMap(MetaWaba.MetaWaba, (service) => service.assignUser(request))
      yield* Output.text(`User ${request.userId} assigned: ${request.tasks.join(", ")}.`)
    }))

/**
 * `wa-admin waba remove-user` (Meta)
 *
 * @since 0.2.0
 * @category programs
 */
export const removeUser = (config: Waba.RemoveUser) =>
  Extension.run(meta, config, "waba.remove-user", ({ MetaWaba }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaWaba.RemoveRequest, metaOrigin("removeUser"))(
        compact({ wabaId: Extension.optional(config.wabaId), userId: config.userId })
      )
      yield* Effect.flatMap(MetaWaba.MetaWaba, (service) => service.removeUser(request))
      yield* Output.text(`User ${request.userId} removed from the WABA.`)
    }))
