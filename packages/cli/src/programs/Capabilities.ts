/**
 * What `wa-admin capabilities` does (loaded when it runs): it answers from the provider's
 * descriptor, so it needs no credentials and sends nothing.
 *
 * @since 0.1.0
 */
import { Capabilities } from "@wa-admin/core"
import { Provider } from "@wa-admin/core/adapter"
import { Schema } from "effect"
import type * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Render from "../Render.js"
import * as Session from "../Session.js"

/**
 * The JSON form of a provider's capabilities.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CapabilitiesJson = Schema.Struct({
  provider: Schema.String,
  supportStatus: Schema.Literal("stable", "deprecated"),
  deprecation: Schema.optional(Schema.String),
  operations: Schema.Array(Schema.Literal(...Capabilities.operations)),
  extensions: Schema.Array(Schema.String),
  /** Why each operation the provider lacks is missing, and what to do instead (where it says). */
  reasons: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})

const toJson = (service: Capabilities.Service): typeof CapabilitiesJson.Type => {
  const reasons = Object.fromEntries(
    Capabilities.operations.flatMap((operation) => {
      const reason = service.reason(operation)
      return reason === undefined ? [] : [[operation, reason] as const]
    })
  )
  return {
    provider: service.provider,
    supportStatus: service.supportStatus,
    ...(service.deprecation === undefined ? {} : { deprecation: service.deprecation }),
    operations: Capabilities.operations.filter((operation) => service.supports(operation)),
    extensions: service.extensions,
    ...(Object.keys(reasons).length === 0 ? {} : { reasons })
  }
}

/**
 * `wa-admin capabilities`
 *
 * @since 0.1.0
 * @category programs
 */
export const show = (config: GlobalOptions.Globals) =>
  Session.runDescribed(config, (provider) => {
    const capabilities = Provider.capabilities(provider)
    return Output.value(CapabilitiesJson, toJson(capabilities), () => Render.capabilities(capabilities))
  })
