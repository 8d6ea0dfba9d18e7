/**
 * What `wa-admin encryption get|set` does once its flags are parsed (loaded when one of them
 * runs): the flows' business public key on WOZTELL (`WoztellEncryption`) or Meta (`MetaFlows`,
 * of the number `META_PHONE_NUMBER_ID`).
 *
 * @since 0.1.0
 */
import { MetaFlows, MetaProvider } from "@wa-admin/meta"
import { WoztellEncryption, WoztellProvider } from "@wa-admin/woztell"
import { Effect, Option, Schema } from "effect"
import type * as Encryption from "../commands/Encryption.js"
import type * as GlobalOptions from "../GlobalOptions.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import * as WoztellLayer from "../internal/woztell.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"

const extension = Extension.make({
  provider: WoztellProvider,
  module: { WoztellEncryption },
  layer: WoztellLayer.layer
})

const meta = Extension.make({ provider: MetaProvider, module: { MetaFlows }, layer: MetaLayer.layer })

const render = (key: Option.Option<WoztellEncryption.BusinessPublicKey | MetaFlows.BusinessPublicKey>): string =>
  Option.match(key, {
    onNone: () => "(no business public key set)",
    onSome: (key) =>
      [Render.fields([["signature status", key.signatureStatus]]), key.publicKey]
        .filter((part) => part !== "")
        .join("\n")
  })

/**
 * `wa-admin encryption get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = (config: GlobalOptions.Globals) =>
  Extension.runAmong(
    [
      Extension.variant(extension, ({ WoztellEncryption }) =>
        Effect.gen(function*() {
          const key = yield* WoztellEncryption.get
          yield* Output.value(Schema.OptionFromNullOr(WoztellEncryption.BusinessPublicKey), key, render)
        })),
      Extension.variant(meta, ({ MetaFlows }) =>
        Effect.gen(function*() {
          const key = yield* Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.encryptionKey())
          yield* Output.value(Schema.OptionFromNullOr(MetaFlows.BusinessPublicKey), key, render)
        }))
    ],
    config,
    "encryption.get"
  )

/**
 * `wa-admin encryption set`
 *
 * @since 0.1.0
 * @category programs
 */
export const set = (config: Encryption.Flags["set"]) => {
  const [path, publicKey] = config.publicKeyFile
  return Extension.runAmong(
    [
      Extension.variant(extension, ({ WoztellEncryption }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(WoztellEncryption.SetRequest, {
            provider: "woztell",
            operation: "encryption.set"
          })({ publicKey })
          yield* WoztellEncryption.set(request)
          yield* Output.text(`Business public key from ${path} set.`)
        })),
      Extension.variant(meta, ({ MetaFlows }) =>
        Effect.gen(function*() {
          const request = yield* Extension.input(MetaFlows.SetEncryptionKeyRequest, {
            provider: "meta",
            operation: "encryption.set"
          })({ publicKey })
          yield* Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.setEncryptionKey(request))
          yield* Output.text(`Business public key from ${path} set.`)
        }))
    ],
    config,
    "encryption.set"
  )
}
