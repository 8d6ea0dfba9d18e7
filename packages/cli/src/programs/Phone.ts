/**
 * What `wa-admin phone …` does once its flags are parsed (loaded when one of them runs; the Meta
 * adapter is loaded only when the chosen provider is Meta).
 *
 * @since 0.2.0
 */
import { MetaNumbers, MetaProvider } from "@wa-admin/meta"
import { Redacted } from "effect"
import type * as Phone from "../commands/Phone.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"

const meta = Extension.make({ provider: MetaProvider, module: { MetaNumbers }, layer: MetaLayer.layer })

const command = Extension.serviceCommands(meta, "phone", MetaNumbers.MetaNumbers)

const withPin = (config: Phone.Flags["register"]) => ({ id: config.id, pin: Redacted.value(config.pin) })

/**
 * `wa-admin phone register`
 *
 * @since 0.2.0
 * @category programs
 */
export const register = command(
  "phone.register",
  "register",
  (module) => module.MetaNumbers.RegisterRequest,
  withPin,
  (phone, request) => Extension.done(phone.register(request), `Number ${request.id} registered.`)
)

/**
 * `wa-admin phone pin`
 *
 * @since 0.2.0
 * @category programs
 */
export const setPin = command(
  "phone.pin",
  "pin",
  (module) => module.MetaNumbers.SetPinRequest,
  withPin,
  (phone, request) => Extension.done(phone.setPin(request), `Two-step PIN of ${request.id} set.`)
)

/**
 * `wa-admin phone display-name`
 *
 * @since 0.2.0
 * @category programs
 */
export const displayName = command(
  "phone.display-name",
  "displayName",
  (module) => module.MetaNumbers.ChangeDisplayNameRequest,
  (config: Phone.Flags["display-name"]) => ({ id: config.id, displayName: config.name }),
  (phone, request) =>
    Extension.done(
      phone.changeDisplayName(request),
      `Display name "${request.displayName}" submitted for Meta's review.`
    )
)
