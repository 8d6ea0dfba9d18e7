/**
 * What `wa-admin waba …` does once its flags are parsed (loaded when it runs; each adapter is
 * loaded only when the chosen provider is its own).
 *
 * @since 0.1.0
 */
import { MetaProvider, MetaWaba } from "@wa-admin/meta"
import { WoztellProvider, WoztellWaba } from "@wa-admin/woztell"
import { Effect, Option } from "effect"
import { UsageError } from "../CliError.js"
import type * as Waba from "../commands/Waba.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import * as WoztellLayer from "../internal/woztell.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import { compact } from "./internal.js"

const meta = Extension.make({ provider: MetaProvider, module: { MetaWaba }, layer: MetaLayer.layer })

const command = Extension.serviceCommands(meta, "waba", MetaWaba.MetaWaba)

/** The fields every provider shows of a WABA, first. */
const identity = (
  info: { readonly wabaId: string; readonly name?: string | undefined; readonly namespace?: string | undefined }
) => [["WABA id", info.wabaId], ["name", info.name], ["namespace", info.namespace]] as const

const renderMeta = (info: MetaWaba.WabaInfo): string =>
  Render.fields([
    ...identity(info),
    ["currency", info.currency],
    ["time zone", info.timezoneId],
    ["country", info.country],
    ["review", info.accountReviewStatus],
    ["business verification", info.businessVerificationStatus],
    ["ownership", info.ownershipType]
  ])

const wabaColumns = Render.columns<MetaWaba.WabaInfo>([
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
    ...identity(info),
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
export const info = (config: Waba.Flags["info"]) =>
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
          const request = yield* Extension.input(MetaWaba.InfoRequest, { provider: "meta", operation: "waba.info" })(
            compact({ wabaId: Extension.optional(config.wabaId) })
          )
          const waba = yield* Effect.flatMap(MetaWaba.MetaWaba, (service) => service.info(request))
          yield* Output.value(MetaWaba.WabaInfo, waba, renderMeta)
        }))
    ],
    config,
    "waba.info"
  )

const businessWabas = (which: "owned" | "clients") =>
  command(
    `waba.${which}`,
    which,
    (module) => module.MetaWaba.BusinessRequest,
    (config: Waba.Flags["owned"]) => ({ businessId: config.businessId }),
    (waba, request) => Extension.table(waba[which](request), MetaWaba.WabaInfo, wabaColumns, "(no WABAs)")
  )

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
export const users = command(
  "waba.users",
  "users",
  (module) => module.MetaWaba.UsersRequest,
  (config: Waba.Flags["users"]) => ({ wabaId: config.wabaId, businessId: config.businessId }),
  (waba, request) =>
    Extension.table(
      waba.users(request),
      MetaWaba.AssignedUser,
      Render.columns<MetaWaba.AssignedUser>([
        { title: "USER ID", width: 18, value: (user) => user.id },
        { title: "TYPE", width: 14, value: (user) => user.userType ?? "" },
        { title: "NAME", width: 0, value: (user) => user.name ?? "" }
      ]),
      "(no users)"
    )
)

/**
 * `wa-admin waba assign-user` (Meta)
 *
 * @since 0.2.0
 * @category programs
 */
export const assignUser = command(
  "waba.assign-user",
  "assignUser",
  (module) => module.MetaWaba.AssignRequest,
  (config: Waba.Flags["assign-user"]) => ({ wabaId: config.wabaId, userId: config.userId, tasks: config.tasks }),
  (waba, request) =>
    Extension.done(waba.assignUser(request), `User ${request.userId} assigned: ${request.tasks.join(", ")}.`)
)

/**
 * `wa-admin waba remove-user` (Meta)
 *
 * @since 0.2.0
 * @category programs
 */
export const removeUser = command(
  "waba.remove-user",
  "removeUser",
  (module) => module.MetaWaba.RemoveRequest,
  (config: Waba.Flags["remove-user"]) => ({ wabaId: config.wabaId, userId: config.userId }),
  (waba, request) => Extension.done(waba.removeUser(request), `User ${request.userId} removed from the WABA.`)
)
