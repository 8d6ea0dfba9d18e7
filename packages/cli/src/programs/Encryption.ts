/**
 * What `wa-admin encryption get|set` does once its flags are parsed (loaded when one of them
 * runs): the flows' business public key on WOZTELL (`WoztellEncryption`) or Meta (`MetaFlows`,
 * of the number `META_PHONE_NUMBER_ID`).
 *
 * @since 0.1.0
 */
import { Flow } from "@wa-admin/core"
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

type PublicKey = Flow.BusinessPublicKey

const render = (key: Option.Option<PublicKey>): string =>
  Option.match(key, {
    onNone: () => "(no business public key set)",
    onSome: (key) =>
      [Render.fields([["signature status", key.signatureStatus]]), key.publicKey]
        .filter((part) => part !== "")
        .join("\n")
  })

/** `encryption get` on one provider: its key (or none), shown. */
const getOn = <Module, Services, Key extends PublicKey, I, E, R>(
  extension: Extension.Extension<Module, Services>,
  schema: (module: Module) => Schema.Schema<Key, I>,
  get: (module: Module) => Effect.Effect<Option.Option<Key>, E, R>
) =>
  Extension.variant(
    extension,
    (module) => Effect.flatMap(get(module), (key) => Output.value(Schema.OptionFromNullOr(schema(module)), key, render))
  )

/**
 * `wa-admin encryption get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = (config: GlobalOptions.Globals) =>
  Extension.runAmong(
    [
      getOn(
        extension,
        () => Flow.BusinessPublicKey,
        (module) => module.WoztellEncryption.get
      ),
      getOn(
        meta,
        () => Flow.BusinessPublicKey,
        ({ MetaFlows }) => Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.encryptionKey())
      )
    ],
    config,
    "encryption.get"
  )

/** `encryption set` on one provider: the key checked against its request schema, then set. */
const setOn = <Module, Services, A, I, E, R>(
  extension: Extension.Extension<Module, Services>,
  schema: (module: Module) => Schema.Schema<A, I>,
  set: (module: Module, request: I) => Effect.Effect<unknown, E, R>,
  [path, publicKey]: readonly [path: string, content: string]
) =>
  Extension.variant(extension, (module) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(schema(module), {
        provider: extension.provider,
        operation: "encryption.set"
      })({ publicKey })
      yield* set(module, request)
      yield* Output.text(`Business public key from ${path} set.`)
    }))

/**
 * `wa-admin encryption set`
 *
 * @since 0.1.0
 * @category programs
 */
export const set = (config: Encryption.Flags["set"]) =>
  Extension.runAmong(
    [
      setOn(
        extension,
        (module) => module.WoztellEncryption.SetRequest,
        ({ WoztellEncryption }, request) => WoztellEncryption.set(request),
        config.publicKeyFile
      ),
      setOn(
        meta,
        (module) => module.MetaFlows.SetEncryptionKeyRequest,
        ({ MetaFlows }, request) => Effect.flatMap(MetaFlows.MetaFlows, (flows) => flows.setEncryptionKey(request)),
        config.publicKeyFile
      )
    ],
    config,
    "encryption.set"
  )
