/**
 * The end-to-end story `wa-admin demo` tells, against the four provider emulators started in
 * this process on loopback (no credentials, no network):
 *
 * 1. Vonage: provision a number, read the code from the emulator's outbox, verify, wait until
 *    it is ready, set its business profile and photo;
 * 2. migrate that profile to a WOZTELL number (plan, then apply), the vertical mapped to each
 *    provider's spelling;
 * 3. WOZTELL: create templates on one WABA, approve them in the emulator, and migrate them to a
 *    second WABA — then again, to show the plan is empty and nothing is created twice;
 * 4. Meta: move the templates across providers, WOZTELL → Meta, an image header's file
 *    downloaded from its URL and uploaded to Meta (resumable upload) so that Meta gets its own
 *    handle; a second run finds them identical;
 * 5. Kaleyra: the legacy activation, with its deprecation warning;
 * 6. ask `Capabilities` before calling what a provider lacks.
 *
 * Every step goes through the port (`@wa-admin/core`) and the real adapters over HTTP; only the
 * things a person would do by hand (read an SMS, wait for Meta's review) are done through the
 * emulators' controls, and the story says so.
 *
 * @since 0.1.0
 */
import {
  AdminError,
  BusinessProfile,
  Capabilities,
  Media,
  MigrationJournal,
  NumberLifecycle,
  ProfileMigration,
  TemplateMigration,
  Templates
} from "@wa-admin/core"
import type { Port, Registration } from "@wa-admin/core"
import type { Provider } from "@wa-admin/core/adapter"
import type { EmulatorHost } from "@wa-admin/core/testing"
import { KaleyraProvider } from "@wa-admin/kaleyra"
import { MetaAdmin, MetaClient, MetaQuota } from "@wa-admin/meta"
import { VonageProvider } from "@wa-admin/vonage"
import { QuotaStore, WoztellAdmin, WoztellClient } from "@wa-admin/woztell"
import { ConfigProvider, Console, Context, Duration, Effect, Layer, Schedule, Stream } from "effect"
import type { ConfigError, Scope } from "effect"
import { fileServer } from "./internal/fileServer.js"
import * as Migrate from "./programs/Migrate.js"
import * as Providers from "./Providers.js"
import * as Render from "./Render.js"

/**
 * How fast the story runs.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** How long each stage of the Vonage emulator's number lifecycle takes. Default 150 ms. */
  readonly stageDuration?: Duration.DurationInput
  /**
   * How often a registration's state is polled. Default (and least) 1 second: the port holds every
   * schedule to `NumberLifecycle.minPollInterval`.
   */
  readonly pollInterval?: Duration.DurationInput
}

/**
 * Prints numbered steps under section headings.
 *
 * @since 0.1.0
 * @category steps
 */
export interface Steps {
  /** Prints a section heading. */
  readonly section: (title: string) => Effect.Effect<void>
  /** Prints the heading of the next step. */
  readonly step: (title: string) => Effect.Effect<void>
  /** Prints result lines under the current step. */
  readonly show: (text: string) => Effect.Effect<void>
}

/**
 * Numbered steps written to the console.
 *
 * @since 0.1.0
 * @category steps
 */
export const makeSteps = (): Steps => {
  let count = 0
  return {
    section: (title) => Console.log(`\n── ${title} ${"─".repeat(Math.max(3, 72 - title.length))}`),
    step: (title) =>
      Effect.suspend(() => {
        count += 1
        return Console.log(`\n${String(count).padStart(2)}. ${title}`)
      }),
    show: (text) =>
      Console.log(
        text
          .split("\n")
          .map((line) => `    ${line}`)
          .join("\n")
      )
  }
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((line) => (line.startsWith("  ") ? line.slice(2) : line))
    .join("\n")

const refusedBeforeSending = <A, R>(
  steps: Steps,
  effect: Effect.Effect<A, AdminError.AdminError, R>
): Effect.Effect<void, AdminError.AdminError, R> =>
  Effect.flatMap(Effect.either(effect), (result) => {
    if (result._tag === "Right") return Effect.dieMessage("the port accepted input it should have refused")
    const error = result.left
    if (error._tag !== "InvalidInput") return Effect.fail(error)
    return steps.show(
      [
        `refused (${error._tag}, source ${error.source}):`,
        ...error.issues.map((issue) => `  ${issue.field}: ${issue.rule}`)
      ].join(
        "\n"
      )
    )
  })

const notFound = (provider: string, operation: string, resource: string, id: string) =>
  new AdminError.NotFound({ provider, operation, resource, id })

/** A field as the last JSON body holding it reached an emulator (what the provider received). */
const received = (
  requests: ReadonlyArray<{ readonly method: string; readonly path: string; readonly body: unknown }>,
  method: string,
  pathEnd: string,
  pick: (body: unknown) => unknown
): string => {
  const values = requests
    .filter((request) => request.method === method && request.path.endsWith(pathEnd))
    .map((request) => pick(request.body))
    .filter((value): value is string => typeof value === "string")
  const last = values.at(-1)
  return last === undefined ? "(nothing)" : `"${last}"`
}

const field = (...path: ReadonlyArray<string>) => (body: unknown): unknown =>
  path.reduce<unknown>(
    (value, key) => (typeof value === "object" && value !== null && key in value
      ? (value as Record<string, unknown>)[key]
      : undefined),
    body
  )

/** A one-page PDF stand-in for the business certificate Kaleyra's activation asks for. */
const certificate = new TextEncoder().encode("%PDF-1.4\n% wa-admin demo: a business certificate\n%%EOF\n")

const body = (text: string) => ({ _tag: "BODY" as const, text, examples: [["Ada", "#1042"]] })
const buttons = {
  _tag: "BUTTONS" as const,
  buttons: [{ _tag: "QUICK_REPLY" as const, text: "Track it" }, { _tag: "QUICK_REPLY" as const, text: "Stop updates" }]
}

const drafts: ReadonlyArray<typeof Templates.CreateRequest.Encoded["template"]> = [
  {
    name: "order_update",
    language: "en_US",
    category: "UTILITY",
    components: [
      { _tag: "HEADER", format: "TEXT", text: "Your order" },
      body("Hi {{1}}, your order {{2}} has shipped."),
      { _tag: "FOOTER", text: "The Bakery" },
      buttons
    ]
  },
  {
    name: "order_update",
    language: "es",
    category: "UTILITY",
    components: [body("Hola {{1}}, tu pedido {{2}} ha sido enviado."), buttons]
  },
  {
    name: "weekend_offer",
    language: "en_US",
    category: "MARKETING",
    components: [{ _tag: "BODY", text: "Hi {{1}}, croissants are half price this weekend.", examples: [["Ada"]] }]
  }
]

const listTemplates = (templates: Templates.Service, wabaId: string) =>
  templates.list({ wabaId }).pipe(
    Stream.runCollect,
    Effect.map((listed) =>
      listed.length === 0
        ? "(no templates)"
        : [Render.templateColumns.header, ...Array.from(listed, Render.templateColumns.row)].join("\n")
    )
  )

type Failure = AdminError.AdminError | ConfigError.ConfigError | EmulatorHost.StartError

/** The emulators, loaded when the story starts (as the CLI loads them). */
const load = Effect.promise(() =>
  Promise.all([
    import("@wa-admin/vonage/emulator"),
    import("@wa-admin/woztell/emulator"),
    import("@wa-admin/kaleyra/emulator"),
    import("@wa-admin/meta/emulator")
  ])
)

/** Reads the configuration from `environment` only (an emulator's). */
const configuredBy = (environment: Readonly<Record<string, string>>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(environment))))

/** A provider's port, configured by an emulator's environment as a user's environment would. */
const portOf = (
  provider: Provider.Descriptor,
  environment: Readonly<Record<string, string>>
): Effect.Effect<Context.Context<Port.Services>, ConfigError.ConfigError, Scope.Scope> =>
  Layer.build(Providers.services(provider)).pipe(configuredBy(environment))

/**
 * Starts the four emulators and tells the story against them; everything stops when it ends.
 *
 * @since 0.1.0
 * @category story
 */
export const run = (options: Options = {}): Effect.Effect<void, Failure> =>
  Effect.scoped(
    Effect.gen(function*() {
      const [{ VonageEmulator }, { WoztellEmulator }, { KaleyraEmulator }, { MetaEmulator }] = yield* load
      const steps = makeSteps()
      const started = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const schedule = Schedule.spaced(options.pollInterval ?? NumberLifecycle.minPollInterval)

      yield* Console.log("wa-admin demo — one story across four providers, against their emulators")
      const vonage = yield* VonageEmulator.make({ stageDuration: options.stageDuration ?? "150 millis" })
      const woztell = yield* WoztellEmulator.make({
        wabas: [{
          wabaId: "104996745761324",
          phoneNumberId: "100609346426084",
          name: "The Bakery",
          phoneNumber: "447700900200"
        }]
      })
      const kaleyra = yield* KaleyraEmulator.make()
      const meta = yield* MetaEmulator.make({ reviewDuration: "1 millis" })
      // The bakery's logo, where a WOZTELL template's image header points (a CDN, in real life).
      const logo = yield* fileServer
      yield* Console.log(
        [
          "started in this process, on loopback (written from each provider's documents; no credentials needed):",
          `  Vonage WhatsApp Manager   ${vonage.url}`,
          `  WOZTELL WhatsApp Cloud    ${woztell.url}`,
          `  Kaleyra (legacy)          ${kaleyra.url}`,
          `  Meta WhatsApp Cloud API   ${meta.graphUrl}`
        ].join("\n")
      )

      const vonagePort = yield* portOf(VonageProvider, vonage.environment)
      const woztellPort: Context.Context<Port.Services> = yield* Layer.build(
        WoztellAdmin.layerComplete.pipe(
          Layer.provide(WoztellClient.layerConfig()),
          // The client-side template quotas, kept in memory for the demo (the CLI keeps them on disk).
          Layer.provide(Layer.merge(Providers.httpClient, QuotaStore.layerMemory()))
        )
      ).pipe(configuredBy(woztell.environment))
      const metaPort: Context.Context<Port.Services> = yield* Layer.build(
        MetaAdmin.layerComplete.pipe(
          Layer.provide(MetaClient.layerConfig()),
          // Meta's client-side budgets, kept in memory for the demo (the CLI keeps them in its state store).
          Layer.provide(Layer.merge(Providers.httpClient, MetaQuota.layerMemory))
        )
      ).pipe(configuredBy(meta.environment))
      const onVonage = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, vonagePort)

      // ── Vonage ──────────────────────────────────────────────────────────────────────────────
      yield* steps.section("Vonage WhatsApp Manager: provision and verify a number")
      const provision = {
        phoneNumber: "+447700900123",
        wabaId: "123456789012",
        providerOptions: { vonage: { vnameCertificate: "CkQKDQiBx9bZ2" } },
        verificationMethod: "sms" as const
      }
      yield* steps.step(`Provision ${provision.phoneNumber} on WABA ${provision.wabaId} (code by sms)`)
      const registration = yield* onVonage(NumberLifecycle.provision(provision))
      yield* steps.show(Render.registration(registration))
      const follow = {
        id: registration.id,
        schedule,
        onChange: (changed: Registration.Registration) => steps.show(`→ ${Render.stateChange(changed)}`)
      }

      yield* steps.step("Wait until the verification code is sent")
      yield* onVonage(NumberLifecycle.awaitState({ ...follow, until: ["code_sent"] }))

      yield* steps.step("Read the code from the Vonage emulator's outbox (a real phone would get it by SMS)")
      const sent = (yield* vonage.outbox).filter((code) => code.deploymentId === registration.id).at(-1)
      if (sent === undefined) {
        return yield* Effect.fail(notFound("vonage", "numbers.verify", "verification code", registration.id))
      }
      yield* steps.show(`code ${sent.code}, sent by ${sent.method} to ${sent.number}`)

      yield* steps.step("A malformed code (12ab) is refused before anything is sent")
      yield* refusedBeforeSending(steps, onVonage(NumberLifecycle.verifyCode({ id: registration.id, code: "12ab" })))

      yield* steps.step(`Verify with ${sent.code}`)
      yield* onVonage(NumberLifecycle.verifyCode({ id: registration.id, code: sent.code }))
      yield* steps.show("code accepted")

      yield* steps.step("Wait until the number is ready")
      const ready = yield* onVonage(NumberLifecycle.awaitReady(follow))

      yield* steps.step("Set its business profile and photo")
      const profile = yield* onVonage(
        BusinessProfile.update({
          number: ready.id,
          profile: {
            about: "Fresh bread daily",
            description: "A neighbourhood bakery since 1962",
            email: "hello@bakery.example",
            vertical: "Grocery",
            websites: ["https://bakery.example"],
            photoUrl: "https://bakery.example/logo.png"
          }
        })
      )
      yield* steps.show(Render.profile(profile))
      yield* steps.show(
        `(Vonage received the vertical as ${
          received(yield* vonage.requests, "PATCH", "/profile", field("vertical"))
        }: its own name for Grocery)`
      )

      // ── Profile migration ───────────────────────────────────────────────────────────────────
      yield* steps.section("Migrate the profile from Vonage to a WOZTELL number")
      const sides: ProfileMigration.Sides = {
        source: Context.get(vonagePort, BusinessProfile.BusinessProfile),
        from: { provider: "vonage", number: ready.id },
        target: Context.get(woztellPort, BusinessProfile.BusinessProfile),
        to: { provider: "woztell", number: woztell.credentials.phoneNumberId }
      }
      yield* steps.step(`Plan (wa-admin migrate profile --from vonage:${ready.id} --to woztell --dry-run)`)
      const profilePlan = yield* ProfileMigration.plan(sides)
      yield* steps.show(indent(Migrate.renderProfilePlan(Migrate.profilePlanJson(profilePlan))))

      yield* steps.step("Apply: every field WOZTELL can hold is moved; one it could not would be reported, not dropped")
      const profileReport = yield* ProfileMigration.apply(profilePlan, sides.target)
      yield* steps.show(indent(Migrate.renderProfileReport(Migrate.profileReportJson(profilePlan, profileReport))))
      yield* steps.show(
        `(WOZTELL received the vertical as ${
          received(yield* woztell.requests, "PATCH", "/whatsapp-business-profile", field("profile", "vertical"))
        }: Meta's code for Grocery)`
      )

      // ── Template migration ──────────────────────────────────────────────────────────────────
      yield* steps.section("WOZTELL: templates, migrated from one WABA to another")
      const templates = Context.get(woztellPort, Templates.Templates)
      const sourceWaba = woztell.credentials.wabaId
      const targetWaba = "104996745761999"
      yield* steps.step(`Create three templates on WABA ${sourceWaba}`)
      yield* Effect.forEach(drafts, (template) => templates.create({ wabaId: sourceWaba, template }), { discard: true })
      yield* steps.show(yield* listTemplates(templates, sourceWaba))

      yield* steps.step(
        "Approve them in the emulator (Meta reviews every new template; the emulator does it when told)"
      )
      yield* Effect.forEach(
        drafts,
        (draft) => Effect.orDie(woztell.setTemplateStatus(sourceWaba, draft.name, draft.language, "APPROVED")),
        { discard: true }
      )
      yield* steps.show(yield* listTemplates(templates, sourceWaba))

      yield* steps.step(`Add a second WABA, ${targetWaba}, to the emulator and plan the migration`)
      yield* Effect.orDie(
        woztell.addWaba({ wabaId: targetWaba, phoneNumberId: "100609346426999", name: "The Bakery (new)" })
      )
      const from = { provider: "woztell", wabaId: sourceWaba }
      const to = { provider: "woztell", wabaId: targetWaba }
      const planTemplates = TemplateMigration.plan({
        source: templates.list({ wabaId: sourceWaba }),
        from,
        target: templates,
        to
      })
      const templatePlan = yield* planTemplates
      yield* steps.show(indent(Migrate.renderTemplatePlan(Migrate.templatePlanJson(templatePlan))))

      yield* steps.step("Apply: each creation journaled, within WOZTELL's 100 template creations per WABA per hour")
      const journal = yield* MigrationJournal.makeMemory
      const templateReport = yield* TemplateMigration.apply(templatePlan, { target: templates, journal }).pipe(
        Effect.orDie
      )
      const report = Migrate.templateReportJson(
        templatePlan,
        templateReport,
        {
          kind: "file",
          location: "in memory for the demo (wa-admin migrate keeps it in the state store, .wa-admin/state.db)"
        },
        yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      )
      yield* steps.show(indent(Migrate.renderTemplateReport(report)))

      yield* steps.step("Run the same migration again: the plan is empty, nothing is created twice")
      const again = yield* planTemplates
      yield* steps.show(indent(Migrate.renderTemplatePlan(Migrate.templatePlanJson(again))))
      if (!TemplateMigration.isEmpty(again)) return yield* Effect.dieMessage("a second migration still had work to do")
      const creations = (yield* woztell.effects).filter(
        (effect) => effect.operation === "createTemplate" && effect.key.startsWith(`${targetWaba}/`)
      )
      yield* steps.show(
        `the WOZTELL emulator saw ${creations.length} template creations on WABA ${targetWaba}, one per template`
      )

      // ── Meta ────────────────────────────────────────────────────────────────────────────────
      yield* steps.section("Meta WhatsApp Cloud API: the templates move across providers")
      const metaWaba = meta.credentials.wabaId
      yield* steps.step("Add a template with an image header on WOZTELL (its example: the URL of the bakery's logo)")
      const withPicture = {
        name: "fresh_batch",
        language: "en_US",
        category: "MARKETING" as const,
        components: [
          { _tag: "HEADER" as const, format: "IMAGE" as const, example: logo.url },
          { _tag: "BODY" as const, text: "Hi {{1}}, a fresh batch is out of the oven.", examples: [["Ada"]] }
        ]
      }
      yield* templates.create({ wabaId: sourceWaba, template: withPicture })
      yield* Effect.orDie(woztell.setTemplateStatus(sourceWaba, withPicture.name, withPicture.language, "APPROVED"))
      yield* steps.show(yield* listTemplates(templates, sourceWaba))

      const acrossFrom = { provider: "woztell", wabaId: sourceWaba }
      const acrossTo = { provider: "meta", wabaId: metaWaba }
      const planAcross = Migrate.planTemplates({
        source: templates.list({ wabaId: sourceWaba }),
        from: acrossFrom,
        target: Context.get(metaPort, Templates.Templates),
        targetMedia: Context.get(metaPort, Media.Media),
        to: acrossTo
      })
      yield* steps.step(
        `Plan (wa-admin migrate templates --from woztell:${sourceWaba} --to meta:${metaWaba} --dry-run)`
      )
      const across = yield* planAcross
      yield* steps.show(indent(Migrate.renderTemplatePlan(Migrate.templatePlanJson(across.plan))))

      yield* steps.step(
        "Apply: the header's file is downloaded from its URL and uploaded to Meta, which gets its own handle"
      )
      const acrossReport = yield* TemplateMigration.apply(across.plan, {
        target: across.target,
        journal: yield* MigrationJournal.makeMemory
      }).pipe(Effect.orDie)
      yield* steps.show(
        indent(Migrate.renderTemplateReport(Migrate.templateReportJson(
          across.plan,
          acrossReport,
          { kind: "file", location: "in memory for the demo (wa-admin migrate keeps it in the state store)" },
          yield* Effect.clockWith((clock) => clock.currentTimeMillis)
        )))
      )
      const uploads = yield* meta.uploads
      yield* steps.show(
        `(the logo was downloaded ${logo.downloads()} time and Meta's emulator received ${uploads.length} upload; ` +
          `WOZTELL's URL never reached Meta)`
      )

      yield* steps.step("Run it again: Meta's templates read as identical (the header's example is Meta's own copy)")
      const acrossAgain = yield* planAcross
      yield* steps.show(indent(Migrate.renderTemplatePlan(Migrate.templatePlanJson(acrossAgain.plan))))
      if (!TemplateMigration.isEmpty(acrossAgain.plan)) {
        return yield* Effect.dieMessage("a second migration to Meta still had work to do")
      }

      // ── Kaleyra ─────────────────────────────────────────────────────────────────────────────
      yield* steps.section("Kaleyra: the legacy activation, deprecated by the vendor")
      yield* steps.step("Build the Kaleyra adapter (it logs a deprecation warning on stderr) and ask Capabilities")
      const kaleyraPort = yield* portOf(KaleyraProvider, kaleyra.environment)
      const kaleyraCapabilities = Context.get(kaleyraPort, Capabilities.Capabilities)
      yield* steps.show(
        Render.fields([
          ["support", kaleyraCapabilities.supportStatus],
          ["deprecation", kaleyraCapabilities.deprecation],
          ["operations", Array.from(kaleyraCapabilities.operations).join(", ")]
        ])
      )
      yield* steps.step("Activate +447700900456 with the business certificate (a PDF)")
      const activation = yield* Effect.provide(
        NumberLifecycle.provision({
          phoneNumber: "+447700900456",
          displayName: "The Bakery",
          providerOptions: {
            kaleyra: {
              business: {
                id: "1234567890",
                name: "The Bakery Ltd",
                certificate: { fileName: "certificate.pdf", bytes: certificate }
              }
            }
          }
        }),
        kaleyraPort
      )
      yield* steps.show(
        Render.fields([
          ["id", activation.id],
          ["phone number", activation.phoneNumber?.e164],
          ["WABA", activation.wabaId],
          ["state", activation.state],
          ["detail", activation.detail]
        ])
      )
      yield* steps.show(
        "(Kaleyra offers nothing to follow or verify an activation: the other lifecycle operations are Unsupported)"
      )

      // ── Capabilities ────────────────────────────────────────────────────────────────────────
      yield* steps.section("Ask Capabilities before calling")
      yield* steps.step("WOZTELL administers numbers but cannot provision them")
      const woztellCapabilities = Context.get(woztellPort, Capabilities.Capabilities)
      yield* steps.show(
        `woztell supports numbers.provision: ${woztellCapabilities.supports("numbers.provision") ? "yes" : "no"}`
      )
      const attempt = yield* Effect.either(
        Effect.provide(NumberLifecycle.provision({ ...provision, phoneNumber: "+447700900999" }), woztellPort)
      )
      if (attempt._tag === "Right") return yield* Effect.dieMessage("an unsupported operation succeeded")
      if (attempt.left._tag !== "Unsupported") return yield* Effect.fail(attempt.left)
      yield* steps.show(`calling it anyway fails with ${attempt.left._tag}: ${attempt.left.message}`)
      yield* steps.show("(the CLI exits with code 10 for Unsupported)")

      const finished = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      yield* Console.log(`\nDemo complete in ${Duration.format(Duration.millis(finished - started))}.`)
    })
  )
