/**
 * The emulator's state: deployments with their lifecycle, the OTP outbox, stickers, and the
 * record of requests and effects.
 *
 * Time is never read here: every operation takes `now` (milliseconds of the Effect `Clock` of
 * the fiber that started the emulator), and `advance(now)` applies every transition that is due,
 * so a `TestClock.adjust` moves deployments forward exactly as real time does.
 *
 * @internal
 */
import * as Crypto from "node:crypto"
import type { Profile, VerificationMethod } from "./validation.js"

/** The `current_state.title` values of the document. @internal */
export type StateTitle =
  | "INITIALIZING"
  | "CREATING_CLUSTER"
  | "CLUSTER_CREATED"
  | "CODE_SENT"
  | "WRONG_CODE"
  | "CODE_VERIFIED"
  | "FINALIZING"
  | "READY"
  | "ERROR"
  | "DELETING"
  | "DELETED"

/** States a deployment passes through on its own; it cannot be deleted while in one. @internal */
export const transitionalStates: ReadonlySet<StateTitle> = new Set<StateTitle>([
  "INITIALIZING",
  "CREATING_CLUSTER",
  "CLUSTER_CREATED",
  "CODE_VERIFIED",
  "FINALIZING",
  "DELETING"
])

/** States in which a code has been sent and can be verified or sent again. @internal */
export const awaitingCodeStates: ReadonlySet<StateTitle> = new Set<StateTitle>(["CODE_SENT", "WRONG_CODE"])

const details: Record<StateTitle, string> = {
  INITIALIZING: "Initializing deployment",
  CREATING_CLUSTER: "Creating WhatsApp cluster",
  CLUSTER_CREATED: "WhatsApp cluster created",
  CODE_SENT: "Verification code sent",
  WRONG_CODE: "Wrong verification code submitted",
  CODE_VERIFIED: "Verification code accepted",
  FINALIZING: "Finalizing deployment",
  READY: "Deployment is ready",
  ERROR: "Deployment failed",
  DELETING: "Deleting deployment",
  DELETED: "Deployment deleted"
}

/** @internal */
export interface Sticker {
  readonly index: string
  readonly id: string
  readonly imageDataId: string
  readonly emojis: ReadonlyArray<string>
}

/** @internal */
export interface Stickerpack {
  readonly id: string
  readonly name: string
  readonly publisher: string
  readonly iosAppStoreLink?: string
  readonly androidAppStoreLink?: string
  readonly firstParty: boolean
  readonly stickers: Map<string, Sticker>
  nextIndex: number
}

/** @internal */
export interface Deployment {
  readonly id: string
  readonly wabaId: string
  readonly countryCode: string
  readonly number: string
  readonly vnameCertificate: string
  readonly method: VerificationMethod
  readonly pin: string | undefined
  state: StateTitle
  detail: string
  /** Transitions still to come, in time order. */
  schedule: Array<{ readonly at: number; readonly state: StateTitle; readonly detail?: string }>
  code: string | undefined
  attempts: number
  profile: Profile
  photoUrl: string | undefined
  readonly stickerpacks: Map<string, Stickerpack>
}

/** @internal */
export interface SentCode {
  readonly deploymentId: string
  readonly number: string
  readonly method: VerificationMethod
  readonly code: string
}

/** @internal */
export interface RecordedEffect {
  readonly operation: string
  readonly key: string
}

const firstPartyPack = (
  id: string,
  name: string,
  stickers: ReadonlyArray<ReadonlyArray<string>>
): Stickerpack => ({
  id,
  name,
  publisher: "WhatsApp",
  firstParty: true,
  stickers: new Map(
    stickers.map((emojis, position) => {
      const index = String(position + 1)
      return [index, { index, id: `${id}-${index}`, imageDataId: `${id}-image-${index}`, emojis }] as const
    })
  ),
  nextIndex: stickers.length + 1
})

/** WhatsApp's own packs, listed with `?namespace=whatsapp`; read-only. @internal */
export const firstPartyPacks: ReadonlyArray<Stickerpack> = [
  firstPartyPack("whatsapp-cuppy", "Cuppy", [["☕", "😀"], ["☕", "❤️"], ["☕", "😢"]]),
  firstPartyPack("whatsapp-bibimbap-friends", "Bibimbap Friends", [["🍚", "😋"], ["🍚", "👋"]]),
  firstPartyPack("whatsapp-salty", "Salty", [["🧂", "😂"], ["🧂", "😴"]])
]

const sixDigits = (): string => String(Crypto.randomInt(0, 1_000_000)).padStart(6, "0")

/** @internal */
export class Store {
  readonly deployments = new Map<string, Deployment>()
  readonly outbox: Array<SentCode> = []
  readonly effects: Array<RecordedEffect> = []

  constructor(
    readonly stageMillis: number,
    readonly errorCertificates: ReadonlySet<string>
  ) {}

  recordEffect(operation: string, key: string): void {
    this.effects.push({ operation, key })
  }

  /** Applies every transition due at `now`. */
  advance(now: number): void {
    for (const deployment of this.deployments.values()) {
      while (deployment.schedule.length > 0) {
        const next = deployment.schedule[0]
        if (next === undefined || next.at > now) break
        deployment.schedule.shift()
        this.enter(deployment, next.state, next.detail)
      }
    }
  }

  private enter(deployment: Deployment, state: StateTitle, detail?: string): void {
    deployment.state = state
    deployment.detail = detail ?? details[state]
    if (state === "CODE_SENT") this.sendCode(deployment, deployment.method)
  }

  /** Sends a fresh code and resets the attempt count. */
  sendCode(deployment: Deployment, method: VerificationMethod): void {
    const code = sixDigits()
    deployment.code = code
    deployment.attempts = 0
    deployment.detail = `Verification code sent by ${method}`
    this.outbox.push({
      deploymentId: deployment.id,
      number: `+${deployment.countryCode}${deployment.number}`,
      method,
      code
    })
  }

  /** The deployment holding `countryCode` + `number` that is not DELETED. */
  inUse(countryCode: string, number: string): Deployment | undefined {
    for (const deployment of this.deployments.values()) {
      if (deployment.countryCode === countryCode && deployment.number === number && deployment.state !== "DELETED") {
        return deployment
      }
    }
    return undefined
  }

  create(
    now: number,
    request: Pick<Deployment, "wabaId" | "countryCode" | "number" | "vnameCertificate" | "method" | "pin">
  ): Deployment {
    const stage = this.stageMillis
    // The document names ERROR's detail ("Invalid vname certificate") but not when it happens;
    // the certificate is checked when the cluster registers the number, so a refused one ends
    // cluster creation.
    const schedule: Deployment["schedule"] = this.errorCertificates.has(request.vnameCertificate)
      ? [
        { at: now + stage, state: "CREATING_CLUSTER" },
        { at: now + 2 * stage, state: "ERROR", detail: "Invalid vname certificate" }
      ]
      : [
        { at: now + stage, state: "CREATING_CLUSTER" },
        { at: now + 2 * stage, state: "CLUSTER_CREATED" },
        { at: now + 3 * stage, state: "CODE_SENT" }
      ]
    const deployment: Deployment = {
      id: Crypto.randomUUID(),
      ...request,
      state: "INITIALIZING",
      detail: details.INITIALIZING,
      schedule,
      code: undefined,
      attempts: 0,
      profile: {},
      photoUrl: undefined,
      stickerpacks: new Map()
    }
    this.deployments.set(deployment.id, deployment)
    return deployment
  }

  verified(now: number, deployment: Deployment): void {
    deployment.code = undefined
    deployment.schedule = [
      { at: now + this.stageMillis, state: "FINALIZING" },
      { at: now + 2 * this.stageMillis, state: "READY" }
    ]
    this.enter(deployment, "CODE_VERIFIED")
  }

  wrongCode(deployment: Deployment, maxAttempts: number): void {
    deployment.attempts += 1
    this.enter(
      deployment,
      "WRONG_CODE",
      `Wrong verification code submitted (${deployment.attempts} of ${maxAttempts} attempts used)`
    )
  }

  delete(now: number, deployment: Deployment): void {
    deployment.code = undefined
    deployment.schedule = [{ at: now + this.stageMillis, state: "DELETED" }]
    this.enter(deployment, "DELETING")
  }

  createStickerpack(
    deployment: Deployment,
    pack: {
      readonly name: string
      readonly publisher: string
      readonly iosAppStoreLink: string | undefined
      readonly androidAppStoreLink: string | undefined
    }
  ): Stickerpack {
    const stickerpack: Stickerpack = {
      id: Crypto.randomUUID(),
      name: pack.name,
      publisher: pack.publisher,
      ...(pack.iosAppStoreLink === undefined ? {} : { iosAppStoreLink: pack.iosAppStoreLink }),
      ...(pack.androidAppStoreLink === undefined ? {} : { androidAppStoreLink: pack.androidAppStoreLink }),
      firstParty: false,
      stickers: new Map(),
      nextIndex: 1
    }
    deployment.stickerpacks.set(stickerpack.id, stickerpack)
    return stickerpack
  }

  /** A pack visible to a deployment: its own, or one of WhatsApp's. */
  stickerpack(deployment: Deployment, id: string): Stickerpack | undefined {
    return deployment.stickerpacks.get(id) ?? firstPartyPacks.find((pack) => pack.id === id)
  }

  createSticker(
    stickerpack: Stickerpack,
    sticker: { readonly imageDataId: string; readonly emojis: ReadonlyArray<string> }
  ): Sticker {
    const index = String(stickerpack.nextIndex)
    stickerpack.nextIndex += 1
    const created: Sticker = { index, id: Crypto.randomUUID(), ...sticker }
    stickerpack.stickers.set(index, created)
    return created
  }
}
