/**
 * Meta extension: a number's conversational automation
 * (`POST /{Phone-Number-ID}/conversational_automation`) — the welcome message, up to 3 ice
 * breakers (prompts a user can tap) and up to 30 commands (`/name` with a description).
 *
 * Setting it replaces the whole configuration: what a request leaves out is cleared (Meta's
 * defaults: no welcome message, no prompts, no commands). It is read back from the number's bot
 * (`GET /{WABA-Bot-ID}`), but nothing in Meta's document gives a number's bot id, so this service
 * has no read. The number must have verified its code (else `Conflict`); it defaults to
 * `META_PHONE_NUMBER_ID`.
 *
 * @example
 * import { MetaAutomation } from "@wa-admin/meta"
 *
 * const setUp = MetaAutomation.set({
 *   enableWelcomeMessage: true,
 *   prompts: ["Where is my order?", "Opening hours"],
 *   commands: [{ name: "help", description: "Get help with your order" }]
 * })
 *
 * @since 0.1.0
 */
import type { AdminError } from "@wa-admin/core"
import { Context, Effect, Layer, Schema } from "effect"
import * as Endpoints from "./internal/endpoints.js"
import { operationsOn } from "./internal/service.js"
import * as Wire from "./internal/wire.js"
import { MetaClient } from "./MetaClient.js"
import type { Service as ClientService } from "./MetaClient.js"

/**
 * Meta's limits on the configuration (the document's): 3 prompts of up to 80 characters, 30
 * commands whose names have up to 30 letters, digits or underscores and whose descriptions have
 * up to 256 characters.
 *
 * @since 0.1.0
 * @category constants
 */
export const limits = {
  prompts: 3,
  promptLength: 80,
  commands: 30,
  commandNameLength: 30,
  commandDescriptionLength: 256
} as const

const text = (max: number) =>
  Schema.String.pipe(
    Schema.filter((value) => value.trim().length > 0 || "must not be empty"),
    Schema.filter((value) => value.length <= max || `must be at most ${max} characters`)
  )

/**
 * A command: its name (without the leading `/`) and what it does.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Command = Schema.Struct({
  name: Schema.String.pipe(
    Schema.pattern(new RegExp(`^[A-Za-z0-9_]{1,${limits.commandNameLength}}$`), {
      message: () => `must be 1 to ${limits.commandNameLength} letters, digits or underscores (without the /)`
    })
  ),
  description: text(limits.commandDescriptionLength)
})

/**
 * The whole configuration of a number (default `META_PHONE_NUMBER_ID`); a field left out is
 * cleared.
 *
 * @since 0.1.0
 * @category requests
 */
export const SetRequest = Schema.Struct({
  phoneNumberId: Schema.optional(Wire.PhoneNumberId),
  enableWelcomeMessage: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  prompts: Schema.optionalWith(
    Schema.Array(text(limits.promptLength)).pipe(
      Schema.maxItems(limits.prompts, { message: () => `must have at most ${limits.prompts} prompts` })
    ),
    { default: () => [] }
  ),
  commands: Schema.optionalWith(
    Schema.Array(Command).pipe(
      Schema.maxItems(limits.commands, { message: () => `must have at most ${limits.commands} commands` }),
      Schema.filter((commands) =>
        new Set(commands.map((command) => command.name)).size === commands.length || "must not name a command twice"
      )
    ),
    { default: () => [] }
  )
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Replaces the number's welcome message setting, prompts and commands. */
  readonly set: (request: typeof SetRequest.Encoded) => Effect.Effect<void, AdminError.AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MetaAutomation extends Context.Tag("@wa-admin/meta/MetaAutomation")<MetaAutomation, Service>() {}

/**
 * The service over a client.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: ClientService): Service => {
  const write = client.call(Endpoints.setAutomation)
  return {
    set: operationsOn(client, "phoneNumberId").make(
      "automation.set",
      SetRequest,
      ({ commands, enableWelcomeMessage, prompts }, phoneNumberId) =>
        Effect.asVoid(write({ phoneNumberId, enableWelcomeMessage, prompts, commands }))
    )
  }
}

/**
 * The `MetaAutomation` service for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.map(MetaClient, fromClient)

/**
 * Provides `MetaAutomation` for the `MetaClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = Layer.effect(MetaAutomation, make)

/** @since 0.1.0 @category accessors */
export const set = (request: typeof SetRequest.Encoded) =>
  Effect.flatMap(MetaAutomation, (service) => service.set(request))
