import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Capabilities, Media, Profile } from "@wa-admin/core"
import { Adapter } from "@wa-admin/core/adapter"

import { Config, Context, Effect, Layer } from "effect"

/** A client tag, and how many times a port was built from it. */
class Client extends Context.Tag("test/Client")<Client, { readonly builds: Array<string> }>() {}

const profile = Layer.effect(
  BusinessProfile.BusinessProfile,
  Effect.map(Client, (client) => {
    client.builds.push("businessProfile")
    return BusinessProfile.make("acme", { get: () => Effect.succeed(new Profile.Profile({})) })
  })
)

const provider: Adapter.Identity = {
  name: "acme",
  supportStatus: "deprecated",
  deprecation: "use another one",
  reasons: { "media.upload": "Acme has no media" },
  extensions: ["AcmeStickers"]
}

const acme = Adapter.layers({
  provider,
  ports: [profile],
  extensions: Layer.empty,
  // Written inline, with no extensions: the client's type is still read from here.
  clientConfig: Layer.effect(Client, Effect.map(Config.string("ACME_KEY"), () => ({ builds: [] })))
})

describe("Adapter.layers", () => {
  it.effect("the static layer: the port layers given, built once, and Capabilities from the descriptor", () =>
    Effect.gen(function*() {
      const client = { builds: [] as Array<string> }
      const [capabilities, service] = yield* Effect.all([Capabilities.Capabilities, BusinessProfile.BusinessProfile])
        .pipe(
          Effect.provide(acme.layer),
          Effect.provideService(Client, client)
        )
      assert.deepStrictEqual(client.builds, ["businessProfile"], "the port was built once for both")
      assert.strictEqual(capabilities.provider, "acme")
      assert.strictEqual(capabilities.supportStatus, "deprecated")
      assert.strictEqual(capabilities.deprecation, "use another one")
      assert.deepStrictEqual(capabilities.extensions, ["AcmeStickers"])
      assert.isTrue(capabilities.supports("profile.get"))
      assert.isFalse(capabilities.supports("media.upload"))
      assert.strictEqual(capabilities.reason("media.upload"), "Acme has no media")
      assert.strictEqual(service.provider, "acme")
    }))

  it.effect("parts hold the ports given; layerComplete answers the missing ones with Unsupported and its reason", () =>
    Effect.gen(function*() {
      const client = { builds: [] as Array<string> }
      const parts = yield* acme.parts.pipe(Effect.provideService(Client, client))
      assert.isDefined(parts.businessProfile)
      assert.isUndefined(parts.media)
      assert.strictEqual(parts.provider, "acme")
      const refused = yield* Media.upload({ number: "15551234567", kind: "image", url: "https://example.com/a.png" })
        .pipe(
          Effect.flip,
          Effect.provide(acme.layerComplete),
          Effect.provideService(Client, client)
        )
      assert.strictEqual(refused._tag, "Unsupported")
      if (refused._tag === "Unsupported") assert.include(refused.message, "Acme has no media")
    }))
})

// The static layer provides only the ports given: asking it for another does not type-check.
export const staticViewRefusesAnotherPort = () =>
  Media.Media.pipe(
    Effect.provide(acme.layer),
    // @ts-expect-error Media is not among acme's ports
    (program): Effect.Effect<Media.Service, never, Client> => program
  )
