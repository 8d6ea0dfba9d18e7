/**
 * Runs the consumer test's program against the emulators of the installed packages and prints
 * one JSON line with what it saw.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { KaleyraEmulator } from "@wa-admin/kaleyra/emulator"
import { VonageEmulator } from "@wa-admin/vonage/emulator"
import { WoztellEmulator } from "@wa-admin/woztell/emulator"
import { Effect, Logger, LogLevel, Option } from "effect"
import {
  activate,
  AdminLive,
  chosen,
  configured,
  createFlow,
  getProfile,
  layers,
  provisionAndVerify,
  setAbout
} from "./program.js"

/** Where WOZTELL's client keeps its template quotas: the scratch project's own directory. */
const quotaDirectory = { WOZTELL_QUOTA_DIR: new URL("../quota", import.meta.url).pathname }

export const main = Effect.gen(function*() {
  const vonage = yield* VonageEmulator.make({ stageDuration: "20 millis" })
  const readCode = (id: string) =>
    Effect.flatMap(
      vonage.lastCode(id),
      Option.match({ onNone: () => Effect.dieMessage(`no code for ${id}`), onSome: Effect.succeed })
    )
  const ready = yield* provisionAndVerify(readCode).pipe(Effect.provide(layers.vonage), configured(vonage.environment))
  const vonageProfile = yield* setAbout(ready.id, "Fresh bread daily").pipe(
    Effect.zipRight(getProfile(ready.id)),
    Effect.provide(layers.vonage),
    configured(vonage.environment)
  )

  const woztell = yield* WoztellEmulator.make()
  const woztellEnvironment = { ...woztell.environment, ...quotaDirectory }
  const { flowId, woztellProfile } = yield* Effect.all({
    woztellProfile: setAbout(woztell.credentials.phoneNumberId, "Open 7am to 7pm").pipe(
      Effect.zipRight(getProfile(woztell.credentials.phoneNumberId))
    ),
    flowId: createFlow("Sign up")
  }).pipe(Effect.provide(layers.woztell), configured(woztellEnvironment))

  const kaleyra = yield* KaleyraEmulator.make()
  const activation = yield* activate.pipe(
    Effect.provide(layers.kaleyra),
    configured(kaleyra.environment),
    Logger.withMinimumLogLevel(LogLevel.Error)
  )

  const atRunTime = yield* chosen.pipe(
    Effect.provide(AdminLive),
    configured({ ...woztellEnvironment, WA_ADMIN_PROVIDER: "woztell" })
  )

  return {
    vonage: { state: ready.state, about: vonageProfile.about },
    woztell: { about: woztellProfile.about, flowCreated: flowId.length > 0 },
    kaleyra: { state: activation.state, provider: activation.provider },
    atRunTime
  }
}).pipe(Effect.scoped, Effect.provide(NodeHttpClient.layerUndici))

Effect.runPromise(main).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  }
)
