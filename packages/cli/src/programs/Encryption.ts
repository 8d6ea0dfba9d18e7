/**
 * What `wa-admin encryption get|set` does once its flags are parsed (loaded when one of them
 * runs; the WOZTELL adapter is loaded only when the chosen provider is WOZTELL).
 *
 * @since 0.1.0
 */
import { WoztellAdmin, WoztellEncryption, WoztellProvider } from "@wa-admin/woztell"
import { Effect, Option, Schema } from "effect"
import type * as Encryption from "../commands/Encryption.js"
import type * as GlobalOptions from "../GlobalOptions.js"
import * as Extension from "../internal/extension.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"

const extension = Extension.make({
  provider: WoztellProvider,
  module: { WoztellEncryption },
  layer: WoztellAdmin.layerConfig
})

const render = (key: Option.Option<WoztellEncryption.BusinessPublicKey>): string =>
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
  Extension.run(extension, config, "encryption.get", ({ WoztellEncryption }) =>
    Effect.gen(function*() {
      const key = yield* WoztellEncryption.get
      yield* Output.value(Schema.OptionFromNullOr(WoztellEncryption.BusinessPublicKey), key, render)
    }))

/**
 * `wa-admin encryption set`
 *
 * @since 0.1.0
 * @category programs
 */
export const set = (config: Encryption.SetKey) =>
  Extension.run(extension, config, "encryption.set", ({ WoztellEncryption }) =>
    Effect.gen(function*() {
      const [path, publicKey] = config.publicKeyFile
      const request = yield* Extension.input(WoztellEncryption.SetRequest, {
        provider: "woztell",
        operation: "encryption.set"
      })({ publicKey })
      yield* WoztellEncryption.set(request)
      yield* Output.text(`Business public key from ${path} set.`)
    }))
