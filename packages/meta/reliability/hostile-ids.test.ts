/**
 * Hostile ids against the Meta adapter, over real HTTP to its emulator: every operation that
 * puts an id in a path — the phone number id of the number lifecycle, the business profile and
 * media, the WABA id of templates and of provisioning, a template's id of an edit, a media id of
 * `MetaMedia` — meets the whole `HostileIds` catalogue in each of its id fields, the others
 * valid. Each call must end in a local `InvalidInput` naming the field with no request sent, or
 * in requests to exactly the resource meant.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, Media, NumberLifecycle, Templates } from "@wa-admin/core"
import { HostileIds } from "@wa-admin/core/testing"
import { Effect, Stream } from "effect"
import { MetaMedia, MetaNumbers } from "../src/index.js"
import type { AdminServices } from "./support.js"
import { emulated } from "./support.js"

const casesFor = (version: string, wabaId: string): ReadonlyArray<HostileIds.Case<AdminServices>> => {
  const node = (encoded: string) => `/${version}/${encoded}`
  const body = [{ _tag: "BODY" as const, text: "Hello" }]
  return [
    { operation: "numbers.status", field: "id", run: (id) => NumberLifecycle.status({ id }), paths: (e) => [node(e)] },
    {
      operation: "numbers.verify",
      field: "id",
      run: (id) => NumberLifecycle.verifyCode({ id, code: "123456" }),
      paths: (e) => [`${node(e)}/verify_code`]
    },
    {
      operation: "numbers.resend",
      field: "id",
      run: (id) => NumberLifecycle.resendCode({ id }),
      paths: (e) => [node(e), `${node(e)}/request_code`]
    },
    {
      operation: "numbers.release",
      field: "id",
      run: (id) => NumberLifecycle.release({ id }),
      paths: (e) => [`${node(e)}/deregister`]
    },
    {
      operation: "numbers.register",
      field: "id",
      run: (id) => MetaNumbers.register({ id, pin: "123456" }),
      paths: (e) => [`${node(e)}/register`]
    },
    {
      operation: "numbers.provision",
      field: "wabaId",
      run: (value) =>
        NumberLifecycle.provision({ phoneNumber: "+16505550177", wabaId: value, displayName: "Hostile Co" }),
      paths: (e) => [`${node(e)}/phone_numbers`]
    },
    {
      operation: "profile.get",
      field: "number",
      run: (number) => BusinessProfile.get({ number }),
      paths: (e) => [`${node(e)}/whatsapp_business_profile`]
    },
    {
      operation: "profile.update",
      field: "number",
      run: (number) => BusinessProfile.update({ number, profile: { about: "Fresh bread daily" } }),
      paths: (e) => [`${node(e)}/whatsapp_business_profile`]
    },
    {
      operation: "profile.photo.get",
      field: "number",
      run: (number) => BusinessProfile.getPhoto({ number }),
      paths: (e) => [`${node(e)}/whatsapp_business_profile`]
    },
    {
      operation: "profile.photo.set",
      field: "number",
      run: (number) => BusinessProfile.setPhoto({ number, url: "https://example.com/photo.png" }),
      paths: () => []
    },
    {
      operation: "media.upload",
      field: "number",
      run: (number) => Media.upload({ number, kind: "image", url: "https://example.com/a.png" }),
      paths: () => []
    },
    { operation: "media.get", field: "mediaId", run: (mediaId) => MetaMedia.get({ mediaId }), paths: (e) => [node(e)] },
    {
      operation: "media.delete",
      field: "mediaId",
      run: (mediaId) => MetaMedia.remove({ mediaId }),
      paths: (e) => [node(e)]
    },
    {
      operation: "templates.list",
      field: "wabaId",
      run: (value) => Stream.runDrain(Templates.list({ wabaId: value })),
      paths: (e) => [`${node(e)}/message_templates`]
    },
    {
      operation: "templates.get",
      field: "wabaId",
      run: (value) => Templates.get({ wabaId: value, name: "order_ready", language: "en_US" }),
      paths: (e) => [`${node(e)}/message_templates`]
    },
    {
      operation: "templates.create",
      field: "wabaId",
      run: (value) =>
        Templates.create({
          wabaId: value,
          template: { name: "hostile", language: "en_US", category: "UTILITY", components: body }
        }),
      paths: (e) => [`${node(e)}/message_templates`]
    },
    {
      operation: "templates.edit",
      field: "id",
      run: (id) => Templates.edit({ wabaId, name: "order_ready", language: "en_US", id, components: body }),
      paths: (e) => [node(e)]
    },
    {
      operation: "templates.delete",
      field: "wabaId",
      run: (value) => Templates.remove({ wabaId: value, name: "order_ready", allLanguages: true }),
      paths: (e) => [`${node(e)}/message_templates`]
    }
  ]
}

describe("Meta hostile ids", () => {
  it.scoped("every id in a path is refused locally or reaches exactly the resource meant", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      const cases = casesFor(emulator.credentials.graphVersion, emulator.credentials.wabaId)
      const report = yield* HostileIds.run(cases, emulator).pipe(Effect.provide(context))
      assert.deepStrictEqual(report.failures.slice(0, 10), [])
      assert.strictEqual(report.strayRequests, 0)
      assert.strictEqual(report.requestsAfterRefusal, 0)
      assert.strictEqual(report.scenarios, cases.length * HostileIds.values.length)
    }))
})
