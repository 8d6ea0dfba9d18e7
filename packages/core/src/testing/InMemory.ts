/**
 * The in-memory reference adapter: every port service, behaving as a real provider would,
 * with state held in memory and time taken from Effect's `Clock` (so `TestClock` drives it).
 *
 * - Numbers: provisioning goes `pending` → `code_sent` after `stageDelay`; the right code moves
 *   the registration to `verifying` and `ready` one `stageDelay` later; a wrong code answers
 *   `VerificationFailed` and leaves it `code_rejected`; after `maxVerifyAttempts` wrong codes it
 *   is blocked (`failed`, provider state `BLOCKED`). A code can be resent only while one is
 *   awaited. A phone number in use by another registration is a `Conflict` naming it. Release
 *   goes `releasing` → `released` and frees the phone number.
 * - Business profiles per number (a registration id, or a number seeded with `seedNumber`);
 *   updates merge the given fields.
 * - Media uploads answer a `MediaHandle` expiring 30 days after `Clock` now; a template asset
 *   answers a handle (the file is not fetched).
 * - Templates per WABA, one per name and language, listed as a paginated stream honouring every
 *   `TemplateFilter` field; at most `templateCreationsPerHour` creations per WABA per hour
 *   (`QuotaExceeded` beyond). WABAs need no registration: an unknown WABA has no templates.
 *
 * `InMemoryControl` lets a test (or a demo) read what the "provider" did: the code sent to a
 * registration, the stored state, every request and every effect.
 *
 * @example
 * import { NumberLifecycle } from "@wa-admin/core"
 * import { InMemory } from "@wa-admin/core/testing"
 * import { Effect, Option } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const control = yield* InMemory.InMemoryControl
 *   const registration = yield* NumberLifecycle.provision({ phoneNumber: "+447700900000" })
 *   yield* NumberLifecycle.awaitState({ id: registration.id, until: ["code_sent"] })
 *   const code = Option.getOrThrow(yield* control.lastCode(registration.id))
 *   yield* NumberLifecycle.verifyCode({ id: registration.id, code })
 *   return yield* NumberLifecycle.awaitReady({ id: registration.id })
 * }).pipe(Effect.provide(InMemory.layer({ stageDelay: "100 millis" })))
 *
 * @since 0.1.0
 */
import { Chunk, Clock, Context, DateTime, Duration, Effect, Layer, Option, Random, Schema, Stream } from "effect"
import type { AdminError } from "../AdminError.js"
import { Conflict, InvalidInput, NotFound, QuotaExceeded, VerificationFailed } from "../AdminError.js"
import * as BusinessProfile from "../BusinessProfile.js"
import type { Operation } from "../Capabilities.js"
import * as Media from "../Media.js"
import { MediaHandle, TemplateAsset } from "../MediaHandle.js"

/** The media type an in-memory template asset reports, by kind (nothing is fetched). */
const assetTypes = { image: "image/png", video: "video/mp4", document: "application/pdf" } as const
import * as NumberLifecycle from "../NumberLifecycle.js"
import type { PhoneNumber } from "../PhoneNumber.js"
import * as Port from "../Port.js"
import { Profile, ProfilePhoto } from "../Profile.js"
import type { NumberState, VerificationMethod } from "../Registration.js"
import { Registration } from "../Registration.js"
import type { Component } from "../Template.js"
import { Template, TemplateDraft } from "../Template.js"
import * as TemplateModule from "../Template.js"
import * as Templates from "../Templates.js"
import { issuesOf } from "../Validation.js"

/**
 * How the in-memory provider behaves.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The provider name in errors, spans and `Capabilities` (default `"memory"`). */
  readonly provider?: string
  /** How long each lifecycle stage takes (default 1 second). */
  readonly stageDelay?: Duration.DurationInput
  /** Template creations allowed per WABA in any hour (default 100). */
  readonly templateCreationsPerHour?: number
  /** Wrong codes after which verification is blocked (default 3). */
  readonly maxVerifyAttempts?: number
}

/**
 * A template to seed, as a draft plus the status and quality the provider would report.
 *
 * @since 0.1.0
 * @category models
 */
export type SeedTemplate = typeof TemplateDraft.Encoded & {
  readonly status?: string
  readonly qualityScore?: string
  readonly rejectedReason?: string
}

/**
 * A request that reached the in-memory provider (after the port's validation).
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly operation: Operation
  readonly input: unknown
}

/**
 * A change that took effect, one entry per effect (so duplicates can be counted).
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedEffect {
  readonly operation: Operation
  readonly key: string
}

/**
 * What a test or demo can see and arrange in the in-memory provider.
 *
 * @since 0.1.0
 * @category models
 */
export interface Control {
  readonly provider: string
  /** The last verification code sent to a registration (none before `code_sent`). */
  readonly lastCode: (id: string) => Effect.Effect<Option.Option<string>>
  /**
   * Makes a number usable by `BusinessProfile` and `Media` without provisioning: a `ready`
   * registration whose id is `number`, with the given profile (replacing any existing one).
   */
  readonly seedNumber: (
    number: string,
    profile?: ConstructorParameters<typeof Profile>[0]
  ) => Effect.Effect<void>
  /** Adds templates without counting against the creation quota; answers them as stored. */
  readonly seedTemplates: (
    wabaId: string,
    templates: ReadonlyArray<SeedTemplate>
  ) => Effect.Effect<ReadonlyArray<Template>, InvalidInput | Conflict>
  /** Changes a template's review status, as the provider's review would. */
  readonly setTemplateStatus: (
    request: typeof Templates.TemplateRef.Encoded & { readonly status: string }
  ) => Effect.Effect<void, NotFound>
  /** Every registration, as `status` would answer it now. */
  readonly registrations: Effect.Effect<ReadonlyArray<Registration>>
  /** The templates of a WABA, in creation order. */
  readonly templates: (wabaId: string) => Effect.Effect<ReadonlyArray<Template>>
  /** The business profile of a number, when it exists. */
  readonly profile: (number: string) => Effect.Effect<Option.Option<Profile>>
  /** Every media upload, in order. */
  readonly media: Effect.Effect<ReadonlyArray<MediaHandle>>
  /** Every request that reached the provider, in order. */
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  /** Every change that took effect, in order. */
  readonly effects: Effect.Effect<ReadonlyArray<RecordedEffect>>
}

/**
 * The control of the in-memory provider in context.
 *
 * @since 0.1.0
 * @category tags
 */
export class InMemoryControl
  extends Context.Tag("@wa-admin/core/testing/InMemoryControl")<InMemoryControl, Control>()
{}

/**
 * An in-memory provider: its port parts (for `Port.layerComplete`, or to wrap) and its control.
 *
 * @since 0.1.0
 * @category models
 */
export interface InMemory {
  readonly parts: Port.Parts
  readonly control: Control
}

/**
 * How long a media id stays valid, as WhatsApp Cloud documents it.
 *
 * @since 0.1.0
 * @category constants
 */
export const mediaLifetime: Duration.Duration = Duration.days(30)

interface RegistrationRecord {
  readonly id: string
  readonly phoneNumber: PhoneNumber | undefined
  readonly wabaId: string | undefined
  method: VerificationMethod
  state: NumberState
  providerState: string
  detail: string | undefined
  /** When the current state was entered (epoch millis). */
  since: number
  /** The code that will be, or was, sent. */
  code: string
  /** Whether `code` was delivered. */
  codeSent: boolean
  attempts: number
  profile: Profile
}

interface TemplateRecord {
  readonly sequence: number
  readonly id: string
  readonly name: string
  readonly language: string
  readonly category: string
  status: string
  readonly qualityScore: string | undefined
  readonly rejectedReason: string | undefined
  components: ReadonlyArray<Component>
}

const hour = Duration.toMillis(Duration.hours(1))

const providerStateOf = (state: NumberState): string => state.toUpperCase()

const toRegistration = (provider: string, record: RegistrationRecord): Registration =>
  new Registration({
    id: record.id,
    provider,
    state: record.state,
    providerState: record.providerState,
    ...(record.phoneNumber === undefined ? {} : { phoneNumber: record.phoneNumber }),
    ...(record.wabaId === undefined ? {} : { wabaId: record.wabaId }),
    ...(record.detail === undefined ? {} : { detail: record.detail }),
    details: { verificationMethod: record.method, attempts: record.attempts }
  })

const toTemplate = (record: TemplateRecord): Template =>
  new Template({
    id: record.id,
    name: record.name,
    language: record.language,
    category: record.category,
    status: record.status,
    components: record.components,
    ...(record.qualityScore === undefined ? {} : { qualityScore: record.qualityScore }),
    ...(record.rejectedReason === undefined ? {} : { rejectedReason: record.rejectedReason })
  })

/**
 * Whether a template matches a filter (moved to `Template.matches`; kept here for callers of 0.1).
 *
 * @since 0.1.0
 * @category predicates
 */
export const matches = TemplateModule.matches

const decodeDraft = Schema.decodeUnknown(TemplateDraft, { errors: "all" })

/**
 * Builds an in-memory provider: its port parts and its control.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<InMemory> =>
  Effect.sync(() => {
    const provider = options.provider ?? "memory"
    const stageDelay = Duration.toMillis(Duration.decode(options.stageDelay ?? "1 second"))
    const creationsPerHour = options.templateCreationsPerHour ?? 100
    const maxVerifyAttempts = options.maxVerifyAttempts ?? 3

    const registrations = new Map<string, RegistrationRecord>()
    const wabas = new Map<string, Array<TemplateRecord>>()
    const creations = new Map<string, Array<number>>()
    const uploads: Array<MediaHandle> = []
    const requests: Array<RecordedRequest> = []
    const effects: Array<RecordedEffect> = []
    let counter = 0
    const nextNumber = () => ++counter

    const record = (operation: Operation, input: unknown) => requests.push({ operation, input })
    const took = (operation: Operation, key: string) => effects.push({ operation, key })

    /** Applies every timed transition that is due at `now`. */
    const settle = (registration: RegistrationRecord, now: number): RegistrationRecord => {
      for (;;) {
        const due = registration.since + stageDelay
        if (now < due) return registration
        switch (registration.state) {
          case "pending":
            enter(registration, "code_sent", due, `Code sent by ${registration.method}`)
            registration.codeSent = true
            break
          case "verifying":
            enter(registration, "ready", due, "Ready")
            break
          case "releasing":
            enter(registration, "released", due, "Released")
            break
          default:
            return registration
        }
      }
    }

    const enter = (
      registration: RegistrationRecord,
      state: NumberState,
      since: number,
      detail: string | undefined,
      providerState: string = providerStateOf(state)
    ) => {
      registration.state = state
      registration.providerState = providerState
      registration.since = since
      registration.detail = detail
    }

    const notFound = (operation: Operation, resource: string, id: string) =>
      new NotFound({ provider, operation, resource, id })

    /** A registration by id, settled at `now`. */
    const registration = (
      operation: Operation,
      id: string,
      now: number
    ): Effect.Effect<RegistrationRecord, NotFound> => {
      const found = registrations.get(id)
      return found === undefined
        ? Effect.fail(notFound(operation, "registration", id))
        : Effect.succeed(settle(found, now))
    }

    /** A number whose profile and media can be used: any registration not released. */
    const number = (operation: Operation, id: string, now: number): Effect.Effect<RegistrationRecord, NotFound> => {
      const found = registrations.get(id)
      if (found === undefined) return Effect.fail(notFound(operation, "number", id))
      const settled = settle(found, now)
      return settled.state === "released" ? Effect.fail(notFound(operation, "number", id)) : Effect.succeed(settled)
    }

    const newCode = Effect.map(Random.nextIntBetween(0, 1_000_000), (n) => String(n).padStart(6, "0"))

    const operationWithTime = <A>(
      operation: Operation,
      input: unknown,
      body: (now: number) => Effect.Effect<A, AdminError>
    ): Effect.Effect<A, AdminError> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.suspend(() => {
          record(operation, input)
          return body(now)
        }))

    // ── numbers ────────────────────────────────────────────────────────────────────────────

    const numberLifecycle = NumberLifecycle.make(provider, {
      provision: (request) =>
        Effect.flatMap(newCode, (code) =>
          operationWithTime("numbers.provision", request, (now) => {
            const e164 = request.phoneNumber.e164
            const existing = [...registrations.values()].find(
              (candidate) => settle(candidate, now).state !== "released" && candidate.phoneNumber?.e164 === e164
            )
            if (existing !== undefined) {
              return Effect.fail(
                new Conflict({
                  provider,
                  operation: "numbers.provision",
                  reason: `${e164} is already in use by registration ${existing.id}`,
                  existingId: existing.id
                })
              )
            }
            const id = `${provider}-registration-${nextNumber()}`
            const created: RegistrationRecord = {
              id,
              phoneNumber: request.phoneNumber,
              wabaId: request.wabaId,
              method: request.verificationMethod ?? "sms",
              state: "pending",
              providerState: providerStateOf("pending"),
              detail: "Provisioning",
              since: now,
              code,
              codeSent: false,
              attempts: 0,
              profile: new Profile({})
            }
            registrations.set(id, created)
            took("numbers.provision", e164)
            return Effect.succeed(toRegistration(provider, created))
          })),
      status: (request) =>
        operationWithTime("numbers.status", request, (now) =>
          Effect.map(registration("numbers.status", request.id, now), (found) =>
            toRegistration(provider, found))),
      verifyCode: (request) =>
        operationWithTime("numbers.verify", request, (now) =>
          Effect.flatMap(registration("numbers.verify", request.id, now), (found): Effect.Effect<void, AdminError> => {
            const failed = (reason: string) =>
              new VerificationFailed({ provider, operation: "numbers.verify", reason })
            if (found.providerState === "BLOCKED") {
              return Effect.fail(failed("too many attempts"))
            }
            if (found.state !== "code_sent" && found.state !== "code_rejected") {
              return Effect.fail(
                new Conflict({
                  provider,
                  operation: "numbers.verify",
                  reason: `no code awaits verification (registration is ${found.state})`
                })
              )
            }
            if (request.code === found.code) {
              enter(found, "verifying", now, "Code verified")
              took("numbers.verify", found.id)
              return Effect.void
            }
            found.attempts += 1
            if (found.attempts >= maxVerifyAttempts) {
              enter(found, "failed", now, "Too many verification attempts", "BLOCKED")
              return Effect.fail(failed("too many attempts"))
            }
            enter(found, "code_rejected", now, "Wrong code")
            return Effect.fail(failed("wrong code"))
          })),
      resendCode: (request) =>
        Effect.flatMap(newCode, (code) =>
          operationWithTime("numbers.resend", request, (now) =>
            Effect.flatMap(registration("numbers.resend", request.id, now), (found) => {
              if (found.state !== "code_sent" && found.state !== "code_rejected") {
                return Effect.fail(
                  new Conflict({
                    provider,
                    operation: "numbers.resend",
                    reason: `a code can be resent only while one is awaited (registration is ${found.state})`
                  })
                )
              }
              const method = request.method ?? found.method
              found.method = method
              found.code = code
              found.codeSent = true
              found.attempts = 0
              enter(found, "code_sent", now, `Code sent by ${method}`)
              took("numbers.resend", found.id)
              return Effect.succeed(new NumberLifecycle.CodeDelivery({ method, message: "Code sent" }))
            }))),
      release: (request) =>
        operationWithTime("numbers.release", request, (now) =>
          Effect.flatMap(registration("numbers.release", request.id, now), (found) => {
            if (found.state === "pending" || found.state === "verifying" || found.state === "releasing") {
              return Effect.fail(
                new Conflict({
                  provider,
                  operation: "numbers.release",
                  reason: `registration is ${found.state}; release it once that settles`
                })
              )
            }
            if (found.state === "released") {
              return Effect.fail(
                new Conflict({ provider, operation: "numbers.release", reason: "registration is already released" })
              )
            }
            enter(found, "releasing", now, "Releasing")
            took("numbers.release", found.id)
            return Effect.void
          }))
    })

    // ── business profile ──────────────────────────────────────────────────────────────────

    const businessProfile = BusinessProfile.make(provider, {
      get: (request) =>
        operationWithTime("profile.get", request, (now) =>
          Effect.map(number("profile.get", request.number, now), (found) =>
            found.profile)),
      update: (request) =>
        operationWithTime("profile.update", request, (now) =>
          Effect.map(number("profile.update", request.number, now), (found) => {
            found.profile = new Profile({ ...found.profile, ...request.profile })
            took("profile.update", found.id)
            return found.profile
          })),
      getPhoto: (request) =>
        operationWithTime("profile.photo.get", request, (now) =>
          Effect.map(number("profile.photo.get", request.number, now), (found) =>
            found.profile.photoUrl === undefined
              ? new ProfilePhoto({})
              : new ProfilePhoto({ url: found.profile.photoUrl }))),
      setPhoto: (request) =>
        operationWithTime("profile.photo.set", request, (now) =>
          Effect.map(number("profile.photo.set", request.number, now), (found) => {
            found.profile = new Profile({ ...found.profile, photoUrl: request.url })
            took("profile.photo.set", found.id)
            return new ProfilePhoto({ url: request.url })
          }))
    })

    // ── media ─────────────────────────────────────────────────────────────────────────────

    const media = Media.make(provider, {
      upload: (request) =>
        operationWithTime("media.upload", request, (now) =>
          Effect.map(number("media.upload", request.number, now), (found) => {
            const handle = new MediaHandle({
              id: `${provider}-media-${nextNumber()}`,
              kind: request.kind,
              source: request.url,
              expiresAt: DateTime.unsafeMake(now + Duration.toMillis(mediaLifetime))
            })
            uploads.push(handle)
            took("media.upload", `${found.id}/${handle.id}`)
            return handle
          })),
      uploadTemplateAsset: (request) =>
        operationWithTime("media.templateAsset", request, () => {
          const asset = new TemplateAsset({
            handle: `${provider}-asset-${nextNumber()}`,
            kind: request.kind,
            mimeType: assetTypes[request.kind],
            size: 0
          })
          took("media.templateAsset", asset.handle)
          return Effect.succeed(asset)
        })
    })

    // ── templates ─────────────────────────────────────────────────────────────────────────

    const templatesOf = (wabaId: string): Array<TemplateRecord> => {
      const existing = wabas.get(wabaId)
      if (existing !== undefined) {
        return existing
      }
      const created: Array<TemplateRecord> = []
      wabas.set(wabaId, created)
      return created
    }

    const templateKey = (wabaId: string, name: string, language: string) =>
      `${wabaId}/${name}/${language}`

    const findTemplate = (
      operation: Operation,
      request: { readonly wabaId: string; readonly name: string; readonly language: string }
    ): Effect.Effect<TemplateRecord, NotFound> => {
      const found = wabas
        .get(request.wabaId)
        ?.find((template) =>
          template.name === request.name && template.language === request.language
        )
      return found === undefined
        ? Effect.fail(notFound(operation, "template", `${request.name}/${request.language}`))
        : Effect.succeed(found)
    }

    const insertTemplate = (
      wabaId: string,
      draft: TemplateDraft,
      review: { readonly status: string; readonly qualityScore?: string; readonly rejectedReason?: string }
    ): Effect.Effect<TemplateRecord, Conflict> => {
      const templates = templatesOf(wabaId)
      const existing = templates.find((template) =>
        template.name === draft.name && template.language === draft.language
      )
      if (existing !== undefined) {
        return Effect.fail(
          new Conflict({
            provider,
            operation: "templates.create",
            reason: `template ${draft.name} already exists in ${draft.language}`,
            existingId: existing.id
          })
        )
      }
      const sequence = nextNumber()
      const created: TemplateRecord = {
        sequence,
        id: String(100_000_000_000_000 + sequence),
        name: draft.name,
        language: draft.language,
        category: draft.category,
        status: review.status,
        qualityScore: review.qualityScore,
        rejectedReason: review.rejectedReason,
        components: draft.components
      }
      templates.push(created)
      return Effect.succeed(created)
    }

    const templates = Templates.make(provider, {
      list: (request) => {
        const pageSize = request.pageSize ?? 100
        const keep = matches(request.filter)
        return Stream.paginateChunkEffect(0, (after: number) =>
          Effect.sync(() => {
            record("templates.list", { ...request, after })
            const page = (wabas.get(request.wabaId) ?? [])
              .filter((template) =>
                template.sequence > after && keep(template)
              )
              .slice(0, pageSize + 1)
            const shown = page.slice(0, pageSize)
            const last = shown[shown.length - 1]
            return [
              Chunk.fromIterable(shown.map(toTemplate)),
              page.length > pageSize && last !== undefined ? Option.some(last.sequence) : Option.none()
            ] as const
          }))
      },
      get: (request) =>
        operationWithTime("templates.get", request, () =>
          Effect.map(findTemplate("templates.get", request), toTemplate)),
      create: (request) =>
        operationWithTime("templates.create", request, (now) => {
          const recent = (creations.get(request.wabaId) ?? []).filter((at) =>
            at > now - hour
          )
          creations.set(request.wabaId, recent)
          const oldest = recent[0]
          if (recent.length >= creationsPerHour && oldest !== undefined) {
            return Effect.fail(
              new QuotaExceeded({
                provider,
                operation: "templates.create",
                quota: "template creations per hour",
                limit: creationsPerHour,
                retryAfter: Duration.millis(oldest + hour - now)
              })
            )
          }
          return Effect.map(
            insertTemplate(request.wabaId, request.template, { status: "PENDING", qualityScore: "UNKNOWN" }),
            (created) => {
              recent.push(now)
              took("templates.create", templateKey(request.wabaId, created.name, created.language))
              return toTemplate(created)
            }
          )
        }),
      edit: (request) =>
        operationWithTime("templates.edit", request, () =>
          Effect.flatMap(findTemplate("templates.edit", request), (found) => {
            if (request.id !== undefined && request.id !== found.id) {
              return Effect.fail(notFound("templates.edit", "template", request.id))
            }
            found.components = request.components
            found.status = "PENDING"
            took("templates.edit", templateKey(request.wabaId, found.name, found.language))
            return Effect.void
          })),
      delete: (request) =>
        operationWithTime("templates.delete", request, () => {
          const all = wabas.get(request.wabaId) ?? []
          const doomed = all.filter(
            (template) =>
              template.name === request.name && ("allLanguages" in request || template.language === request.language)
          )
          if (doomed.length === 0) {
            const id = "language" in request ? `${request.name}/${request.language}` : request.name
            return Effect.fail(notFound("templates.delete", "template", id))
          }
          wabas.set(
            request.wabaId,
            all.filter((template) =>
              !doomed.includes(template)
            )
          )
          for (const template of doomed) {
            took("templates.delete", templateKey(request.wabaId, template.name, template.language))
          }
          return Effect.void
        })
    })

    // ── control ───────────────────────────────────────────────────────────────────────────

    const withNow = <A>(f: (now: number) => A): Effect.Effect<A> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() =>
          f(now)
        ))

    const control: Control = {
      provider,
      lastCode: (id) =>
        withNow((now) => {
          const found = registrations.get(id)
          return found !== undefined && settle(found, now).codeSent ? Option.some(found.code) : Option.none()
        }),
      seedNumber: (id, profile) =>
        withNow((now) => {
          const existing = registrations.get(id)
          registrations.set(id, {
            id,
            phoneNumber: existing?.phoneNumber,
            wabaId: existing?.wabaId,
            method: existing?.method ?? "sms",
            state: "ready",
            providerState: providerStateOf("ready"),
            detail: "Ready",
            since: now,
            code: existing?.code ?? "000000",
            codeSent: existing?.codeSent ?? false,
            attempts: 0,
            profile: new Profile(profile ?? {})
          })
        }),
      seedTemplates: (wabaId, seeds) =>
        Effect.forEach(seeds, (seed) =>
          decodeDraft(seed).pipe(
            Effect.mapError(
              (error) =>
                new InvalidInput({ provider, operation: "templates.create", source: "local", issues: issuesOf(error) })
            ),
            Effect.flatMap((draft) =>
              insertTemplate(wabaId, draft, {
                status: seed.status ?? "APPROVED",
                ...(seed.qualityScore === undefined ? {} : { qualityScore: seed.qualityScore }),
                ...(seed.rejectedReason === undefined ? {} : { rejectedReason: seed.rejectedReason })
              })
            ),
            Effect.map(toTemplate)
          )),
      setTemplateStatus: (request) =>
        Effect.suspend(() =>
          Effect.map(findTemplate("templates.edit", request), (found) => {
            found.status = request.status
          })
        ),
      registrations: withNow((now) =>
        [...registrations.values()].map((found) =>
          toRegistration(provider, settle(found, now))
        )
      ),
      templates: (wabaId) =>
        Effect.sync(() =>
          (wabas.get(wabaId) ?? []).map(toTemplate)
        ),
      profile: (id) =>
        withNow((now) => {
          const found = registrations.get(id)
          return found === undefined || settle(found, now).state === "released"
            ? Option.none()
            : Option.some(found.profile)
        }),
      media: Effect.sync(() => [...uploads]),
      requests: Effect.sync(() => [...requests]),
      effects: Effect.sync(() => [...effects])
    }

    return {
      parts: { provider, supportStatus: "stable", numberLifecycle, businessProfile, media, templates },
      control
    }
  })

/**
 * Every port service backed by a fresh in-memory provider, plus its `InMemoryControl`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<Port.Services | InMemoryControl> =>
  Layer.unwrapEffect(
    Effect.map(make(options), ({ control, parts }) =>
      Layer.merge(Port.layerComplete(parts), Layer.succeed(InMemoryControl, control)))
  )
