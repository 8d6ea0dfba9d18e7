/**
 * What `wa-admin phone …` does once its flags are parsed (loaded when one of them runs; the Meta
 * adapter is loaded only when the chosen provider is Meta).
 *
 * @since 0.2.0
 */
import { MetaNumbers, MetaProvider } from "@wa-admin/meta"
import { Effect, Redacted } from "effect"
import type * as Phone from "../commands/Phone.js"
import * as Extension from "../internal/extension.js"
import * as MetaLayer from "../internal/meta.js"
import * as Output from "../Output.js"

const meta = Extension.make({ provider: MetaProvider, module: { MetaNumbers }, layer: MetaLayer.layer })

const origin = (operation: string) => ({ provider: "meta", operation: `phone.${operation}` })

const withService = <A, E, R>(use: (service: MetaNumbers.Service) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(MetaNumbers.MetaNumbers, use)

/**
 * `wa-admin phone register`
 *
 * @since 0.2.0
 * @category programs
 */
export const register = (config: Phone.WithPin) =>
  Extension.run(meta, config, "phone.register", ({ MetaNumbers }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaNumbers.RegisterRequest, origin("register"))({
        id: config.id,
        pin: Redacted.value(config.pin)
      })
      yield* withService((service) => service.register(request))
      yield* Output.text(`Number ${request.id} registered.`)
    }))

/**
 * `wa-admin phone pin`
 *
 * @since 0.2.0
 * @category programs
 */
export const setPin = (config: Phone.WithPin) =>
  Extension.run(meta, config, "phone.pin", ({ MetaNumbers }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaNumbers.SetPinRequest, origin("pin"))({
        id: config.id,
        pin: Redacted.value(config.pin)
      })
      yield* withService((service) => service.setPin(request))
      yield* Output.text(`Two-step PIN of ${request.id} set.`)
    }))

/**
 * `wa-admin phone display-name`
 *
 * @since 0.2.0
 * @category programs
 */
export const displayName = (config: Phone.DisplayName) =>
  Extension.run(meta, config, "phone.display-name", ({ MetaNumbers }) =>
    Effect.gen(function*() {
      const request = yield* Extension.input(MetaNumbers.ChangeDisplayNameRequest, origin("displayName"))({
        id: config.id,
        displayName: config.name
      })
      yield* withService((service) => service.changeDisplayName(request))
      yield* Output.text(`Display name "${request.displayName}" submitted for Meta's review.`)
    }))
