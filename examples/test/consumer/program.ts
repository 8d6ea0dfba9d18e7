/**
 * The consumer test's program (test/Consumer.test.ts): what someone else's app writes against the
 * published packages, type-checked there with `strict` and `declaration: true`. Every export's
 * type is inferred, so the declaration emit has to name types from inside each package.
 */
import { BusinessProfile, Capabilities, NumberLifecycle, WhatsAppAdmin } from "@wa-admin/core"
import { KaleyraAdmin, KaleyraProvider } from "@wa-admin/kaleyra"
import { VonageAdmin, VonageProvider } from "@wa-admin/vonage"
import { WoztellAdmin, WoztellFlows, WoztellProvider } from "@wa-admin/woztell"
import { ConfigProvider, Effect, Schedule } from "effect"

export const getProfile = (n: string) => BusinessProfile.get({ number: n })

export const setAbout = (number: string, about: string) => BusinessProfile.update({ number, profile: { about } })

export const createFlow = (name: string) => WoztellFlows.create({ name, categories: ["SIGN_UP"] })

export const AdminLive = WhatsAppAdmin.layerConfig([VonageProvider, WoztellProvider, KaleyraProvider])

export const layers = {
  vonage: VonageAdmin.layerConfig,
  woztell: WoztellAdmin.layerConfig,
  kaleyra: KaleyraAdmin.layerConfig
}

/** Runs an effect with `environment` as its whole configuration (as the process environment is read). */
export const configured = (environment: Readonly<Record<string, string>>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(environment)), { pathDelim: "_" }))

/** Provisions a Vonage number and follows it until it is ready, with the code read by `readCode`. */
export const provisionAndVerify = (readCode: (id: string) => Effect.Effect<string>) =>
  Effect.gen(function*() {
    const schedule = Schedule.spaced("20 millis")
    const registration = yield* NumberLifecycle.provision({
      phoneNumber: "+447700900123",
      wabaId: "123456789123",
      providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
    })
    yield* NumberLifecycle.awaitState({ id: registration.id, until: ["code_sent"], schedule })
    yield* NumberLifecycle.verifyCode({ id: registration.id, code: yield* readCode(registration.id) })
    return yield* NumberLifecycle.awaitReady({ id: registration.id, schedule })
  })

/** Kaleyra's (deprecated) activation request, with a one-page PDF as the business certificate. */
export const activate = NumberLifecycle.provision({
  phoneNumber: "+447700900456",
  displayName: "The Bakery",
  providerOptions: {
    kaleyra: {
      business: {
        id: "1234567890",
        name: "The Bakery Ltd",
        certificate: {
          fileName: "certificate.pdf",
          bytes: new TextEncoder().encode("%PDF-1.4\n% a business certificate\n%%EOF\n")
        }
      }
    }
  }
})

/** What `WhatsAppAdmin.layerConfig` chose, as its `Capabilities` say. */
export const chosen = Effect.map(Capabilities.Capabilities, (capabilities) => ({
  provider: capabilities.provider,
  supportStatus: capabilities.supportStatus,
  profileUpdate: capabilities.supports("profile.update")
}))
