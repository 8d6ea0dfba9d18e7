/**
 * Hostile ids against the Vonage adapter, over real HTTP to its emulator: every operation that
 * puts an id in a path — the port's number lifecycle, business profile and templates (the WABA
 * id of `/wabas/{id}/templates`, and a template's name and language, sent in the query), and
 * the stickers extension — meets the whole `HostileIds` catalogue (dot segments, encoded dot segments, `/`,
 * `%2F`, `?`, `#`, `&name=value`, CR/LF, NUL, lone surrogates, very long …) in each of its id
 * fields, the others valid. Each call must end in a local `InvalidInput` naming the field with no
 * request sent, or in requests to exactly the resource meant — never the collection, the parent
 * deployment or a sibling.
 */
import { assert, describe, it } from "@effect/vitest"
import { BusinessProfile, NumberLifecycle, Templates } from "@wa-admin/core"
import { HostileIds } from "@wa-admin/core/testing"
import { Effect, Stream } from "effect"
import { VonageStickers } from "../src/index.js"
import type { VonageClient } from "../src/index.js"
import { emulated, templatesWabaId } from "./support.js"

type Services =
  | NumberLifecycle.NumberLifecycle
  | BusinessProfile.BusinessProfile
  | Templates.Templates
  | VonageStickers.VonageStickers
  | VonageClient.VonageClient

/** The cases, given a real deployment, one of its stickerpacks and one of its stickers. */
const casesFor = (
  base: string,
  deploymentId: string,
  stickerpackId: string,
  index: string
): ReadonlyArray<HostileIds.Case<Services>> => {
  const deployment = (encoded: string) => `${base}/deployments/${encoded}`
  const packs = (encoded: string) => `${deployment(encoded)}/stickerpacks`
  const pack = (deploymentSegment: string, packSegment: string) => `${packs(deploymentSegment)}/${packSegment}`
  const sticker = (deploymentSegment: string, packSegment: string, indexSegment: string) =>
    `${pack(deploymentSegment, packSegment)}/stickers/${indexSegment}`
  const d = encodeURIComponent(deploymentId)
  const p = encodeURIComponent(stickerpackId)
  const i = encodeURIComponent(index)
  const photo = "https://example.com/logo.png"
  return [
    // NumberLifecycle: the deployment id is `id`.
    HostileIds.inPath("numbers.status", "id", (id) => NumberLifecycle.status({ id }), deployment),
    HostileIds.inPath(
      "numbers.verify",
      "id",
      (id) => NumberLifecycle.verifyCode({ id, code: "123456" }),
      (e) => `${deployment(e)}/verify`
    ),
    HostileIds.inPath(
      "numbers.resend",
      "id",
      (id) => NumberLifecycle.resendCode({ id, method: "sms" }),
      (e) => `${deployment(e)}/resend-otp`
    ),
    HostileIds.inPath("numbers.release", "id", (id) => NumberLifecycle.release({ id }), deployment),
    // BusinessProfile: the deployment id is `number`.
    HostileIds.inPath(
      "profile.get",
      "number",
      (number) => BusinessProfile.get({ number }),
      (e) => `${deployment(e)}/profile`
    ),
    {
      operation: "profile.update",
      field: "number",
      run: (number) => BusinessProfile.update({ number, profile: { about: "Fresh bread daily", photoUrl: photo } }),
      paths: (e) => [`${deployment(e)}/profile`, `${deployment(e)}/profile/photo`]
    },
    {
      // Checks a change against Vonage's rules without sending anything: a bad number is one of them.
      operation: "profile.update (validate)",
      field: "number",
      run: (number) => BusinessProfile.validate({ number, profile: { about: "Fresh bread daily" } }),
      paths: () => []
    },
    HostileIds.inPath(
      "profile.photo.get",
      "number",
      (number) => BusinessProfile.getPhoto({ number }),
      (e) => `${deployment(e)}/profile/photo`
    ),
    HostileIds.inPath(
      "profile.photo.set",
      "number",
      (number) => BusinessProfile.setPhoto({ number, url: photo }),
      (e) => `${deployment(e)}/profile/photo`
    ),
    // The stickers extension: deploymentId, stickerpackId and index, each in turn.
    HostileIds.inPath(
      "stickers.listStickerpacks",
      "deploymentId",
      (deploymentId) => VonageStickers.listStickerpacks({ deploymentId }),
      (e) => packs(e)
    ),
    HostileIds.inPath(
      "stickers.listWhatsAppStickerpacks",
      "deploymentId",
      (deploymentId) => VonageStickers.listWhatsAppStickerpacks({ deploymentId }),
      (e) => packs(e)
    ),
    HostileIds.inPath(
      "stickers.createStickerpack",
      "deploymentId",
      (deploymentId) => VonageStickers.createStickerpack({ deploymentId, publisher: "Acme", name: "Classics" }),
      (e) => packs(e)
    ),
    HostileIds.inPath(
      "stickers.getStickerpack",
      "deploymentId",
      (deploymentId) => VonageStickers.getStickerpack({ deploymentId, stickerpackId }),
      (e) => pack(e, p)
    ),
    HostileIds.inPath(
      "stickers.getStickerpack",
      "stickerpackId",
      (stickerpackId) => VonageStickers.getStickerpack({ deploymentId, stickerpackId }),
      (e) => pack(d, e)
    ),
    HostileIds.inPath(
      "stickers.listStickers",
      "deploymentId",
      (deploymentId) => VonageStickers.listStickers({ deploymentId, stickerpackId }),
      (e) => `${pack(e, p)}/stickers`
    ),
    HostileIds.inPath(
      "stickers.listStickers",
      "stickerpackId",
      (stickerpackId) => VonageStickers.listStickers({ deploymentId, stickerpackId }),
      (e) => `${pack(d, e)}/stickers`
    ),
    HostileIds.inPath(
      "stickers.createSticker",
      "deploymentId",
      (deploymentId) => VonageStickers.createSticker({ deploymentId, stickerpackId, imageDataId: "media-1" }),
      (e) => `${pack(e, p)}/stickers`
    ),
    HostileIds.inPath(
      "stickers.createSticker",
      "stickerpackId",
      (stickerpackId) => VonageStickers.createSticker({ deploymentId, stickerpackId, imageDataId: "media-1" }),
      (e) => `${pack(d, e)}/stickers`
    ),
    ...[
      ["stickers.getSticker", VonageStickers.getSticker] as const,
      ["stickers.deleteSticker", VonageStickers.deleteSticker] as const
    ].flatMap(([operation, call]) =>
      (["deploymentId", "stickerpackId", "index"] as const).map((field): HostileIds.Case<Services> => ({
        operation,
        field,
        run: (value) => call({ deploymentId, stickerpackId, index, [field]: value }),
        paths: (e) => {
          const segments = { deploymentId: d, stickerpackId: p, index: i, [field]: e }
          return [sticker(segments.deploymentId, segments.stickerpackId, segments.index)]
        }
      }))
    )
  ]
}

/** The template operations: the WABA id in the path; a name and a language in the query. */
const templateCases = (templatesBase: string): ReadonlyArray<HostileIds.Case<Services>> => {
  const wabaId = templatesWabaId
  const templates = (encoded: string) => `${templatesBase}/wabas/${encoded}/templates`
  const mine = templates(wabaId)
  const body = [{ _tag: "BODY" as const, text: "Your order is ready" }]
  const searched = (request: HostileIds.SentRequest, value: string) => request.query["name_or_content"] === value
  return [
    HostileIds.inPath(
      "templates.list",
      "wabaId",
      (id) => Stream.runDrain(Templates.list({ wabaId: id })),
      (e) => templates(e)
    ),
    HostileIds.inPath(
      "templates.get",
      "wabaId",
      (id) => Templates.get({ wabaId: id, name: "order", language: "en_US" }),
      (e) => templates(e)
    ),
    {
      operation: "templates.get",
      field: "name",
      run: (name) => Templates.get({ wabaId, name, language: "en_US" }),
      paths: () => [mine],
      intact: searched
    },
    {
      operation: "templates.get",
      field: "language",
      run: (language) => Templates.get({ wabaId, name: "order", language }),
      paths: () => [mine],
      intact: (request, value) => request.query["language"] === value
    },
    {
      operation: "templates.create",
      field: "wabaId",
      run: (id) =>
        Templates.create({
          wabaId: id,
          template: { name: "order", language: "en_US", category: "UTILITY", components: body }
        }),
      paths: (e) => [templates(e)]
    },
    {
      operation: "templates.create",
      field: "template.name",
      run: (name) =>
        Templates.create({ wabaId, template: { name, language: "en_US", category: "UTILITY", components: body } }),
      paths: () => [mine],
      intact: (request, value) =>
        (request.body as { readonly name?: unknown } | undefined)?.name === value || searched(request, value)
    },
    HostileIds.inPath(
      "templates.delete",
      "wabaId",
      (id) => Templates.remove({ wabaId: id, name: "order", allLanguages: true }),
      (e) => templates(e)
    ),
    {
      operation: "templates.delete",
      field: "name",
      run: (name) => Templates.remove({ wabaId, name, allLanguages: true }),
      paths: () => [mine],
      intact: (request, value) => request.query["name"] === value || searched(request, value)
    }
  ]
}

describe("Vonage hostile ids", () => {
  it.scopedLive("every id of every operation is refused locally or reaches exactly its resource", () =>
    Effect.gen(function*() {
      const { context, emulator } = yield* emulated()
      const { deploymentId, index, stickerpackId } = yield* Effect.gen(function*() {
        const { id: deploymentId } = yield* NumberLifecycle.provision({
          phoneNumber: "+447700900001",
          wabaId: "123456789123",
          verificationMethod: "sms",
          providerOptions: { vonage: { vnameCertificate: "AbCdEFGHiJK123456" } }
        })
        const { id: stickerpackId } = yield* VonageStickers.createStickerpack({
          deploymentId,
          publisher: "Acme",
          name: "Classics"
        })
        const { index } = yield* VonageStickers.createSticker({ deploymentId, stickerpackId, imageDataId: "media-1" })
        return { deploymentId, index, stickerpackId }
      }).pipe(Effect.provide(context))
      const base = new URL(emulator.url).pathname
      const cases = casesFor(base, deploymentId, stickerpackId, index)

      // A deployment id is a UUID, as the document shows it: every hostile value is refused in a
      // deployment id field. Stickerpack ids and indexes are only "string": a few values that stay
      // inside their encoded segment (`idé`, `id&name=value` …) reach exactly their resource.
      const isDeploymentId = (testCase: HostileIds.Case<Services>) =>
        ["id", "number", "deploymentId"].includes(testCase.field)
      const deployments = yield* HostileIds.run(cases.filter(isDeploymentId), emulator).pipe(Effect.provide(context))
      const others = yield* HostileIds.run(cases.filter((testCase) => !isDeploymentId(testCase)), emulator).pipe(
        Effect.provide(context)
      )

      // Template ids are Meta's digits (WABA) and names of lowercase letters, digits and
      // underscores: every hostile value is refused before anything is sent.
      const templateReport = yield* HostileIds.run(templateCases(new URL(emulator.templatesUrl).pathname), emulator)
        .pipe(Effect.provide(context))
      assert.strictEqual(
        templateReport.refused,
        templateReport.scenarios,
        "every hostile template id is refused locally"
      )
      assert.strictEqual(templateReport.scenarios, templateCases("").length * HostileIds.values.length)

      for (const report of [deployments, others, templateReport]) {
        assert.strictEqual(report.strayRequests, 0, "requests that reached another resource")
        assert.strictEqual(report.requestsAfterRefusal, 0, "requests sent although the call was refused")
        assert.deepStrictEqual(report.failures, [])
      }
      assert.strictEqual(deployments.refused, deployments.scenarios, "every hostile deployment id is refused locally")
      assert.strictEqual(deployments.scenarios + others.scenarios, cases.length * HostileIds.values.length)
      assert.isAbove(others.refused, 0)
      // No hostile call changed anything: the deployment, its pack and the pack's sticker are all there is.
      const effects = (yield* emulator.effects).map((effect) => effect.operation)
      assert.deepStrictEqual(effects, ["createDeployment", "createStickerpacks", "createStickers"])
      // The emulator was listening all along: the same calls with the real ids do reach it.
      yield* emulator.clearRequests
      yield* VonageStickers.getSticker({ deploymentId, stickerpackId, index }).pipe(Effect.provide(context))
      assert.deepStrictEqual(
        (yield* emulator.requests).map((request) => request.path),
        [`${base}/deployments/${deploymentId}/stickerpacks/${stickerpackId}/stickers/${index}`]
      )
    }))
})
