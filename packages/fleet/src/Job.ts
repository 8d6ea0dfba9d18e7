/**
 * A fleet job file: what to do (`kind`), with which providers and credentials, on which WABA
 * pairs or numbers. JSON, checked field by field before anything is stored or sent:
 *
 * ```json
 * {
 *   "format": "wa-admin/fleet-job",
 *   "version": 1,
 *   "id": "move-templates-2026-12",
 *   "kind": "templates",
 *   "source": { "provider": "woztell", "credentials": "SOURCE_" },
 *   "target": { "provider": "meta", "credentials": "TARGET_" },
 *   "pairs": [{ "source": "190787529545503", "target": "106540352242922" }]
 * }
 * ```
 *
 * - `kind`: `templates` (every template of each source WABA onto its target WABA), `profiles`
 *   (each source number's business profile onto its target number: `pairs` name phone numbers),
 *   or `audit` (read each number's profile and status: `numbers` instead of `pairs`, no `target`).
 * - `credentials` is the prefix of the environment variables the side's adapter reads on every
 *   runner: `SOURCE_` makes the WOZTELL adapter read `SOURCE_WOZTELL_ACCESS_TOKEN` (and every other
 *   `WOZTELL_*` variable under that prefix). Secrets never go into the job file, nor into the store.
 * - Ids are checked as every id of the library is (`Id.ResourceId`); sizes are bounded (at most
 *   {@link maxPairs} pairs, a file of at most {@link maxFileBytes}); unknown fields are refused;
 *   a pair (or number) given twice is refused.
 *
 * @since 0.1.0
 */
import { AdminError, Id, Validation } from "@wa-admin/core"
import { Effect, Either, ParseResult, Schema } from "effect"

/**
 * The providers a fleet job can name.
 *
 * @since 0.1.0
 * @category constants
 */
export const providers = ["woztell", "meta"] as const

/**
 * @since 0.1.0
 * @category models
 */
export type ProviderName = (typeof providers)[number]

/**
 * The most WABA pairs (or numbers) one job may hold.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPairs = 50_000

/**
 * The largest job file read.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxFileBytes = 16 * 1024 * 1024

/**
 * The prefix of a side's environment variables: empty, or capital letters, digits and `_`,
 * starting with a letter, at most 40 characters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CredentialsPrefix = Schema.String.pipe(
  Schema.pattern(/^(?:[A-Z][A-Z0-9_]{0,39})?$/, {
    message: () => "must be empty or capital letters, digits and _ (starting with a letter), at most 40 characters"
  })
)

/**
 * One side of a job: the provider and where its credentials are.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Side = Schema.Struct({
  provider: Schema.Literal(...providers),
  credentials: CredentialsPrefix
})

/**
 * @since 0.1.0
 * @category models
 */
export type Side = typeof Side.Type

/**
 * A job's id: an id as the library checks ids, at most 64 characters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobId = Id.ResourceId.pipe(Schema.maxLength(64, { message: () => "must be at most 64 characters" }))

/**
 * A source WABA (or number) and its target.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Pair = Schema.Struct({ source: Id.ResourceId, target: Id.ResourceId })

/**
 * @since 0.1.0
 * @category models
 */
export type Pair = typeof Pair.Type

const header = {
  format: Schema.Literal("wa-admin/fleet-job"),
  version: Schema.Literal(1),
  id: JobId
}

const pairs = Schema.Array(Pair).pipe(
  Schema.minItems(1, { message: () => "must hold at least one pair" }),
  Schema.maxItems(maxPairs, { message: () => `must hold at most ${maxPairs} pairs` })
)

/**
 * A template migration or sync: every template of each source WABA onto its target WABA.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemplatesJob = Schema.Struct({
  ...header,
  kind: Schema.Literal("templates"),
  source: Side,
  target: Side,
  pairs
})

/**
 * A profile sync: each source number's business profile onto its target number.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProfilesJob = Schema.Struct({
  ...header,
  kind: Schema.Literal("profiles"),
  source: Side,
  target: Side,
  pairs
})

/**
 * An audit: each number's business profile and status, read into a report.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuditJob = Schema.Struct({
  ...header,
  kind: Schema.Literal("audit"),
  source: Side,
  numbers: Schema.Array(Id.ResourceId).pipe(
    Schema.minItems(1, { message: () => "must hold at least one number" }),
    Schema.maxItems(maxPairs, { message: () => `must hold at most ${maxPairs} numbers` })
  )
})

/**
 * A job, as a job file holds it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Job = Schema.Union(TemplatesJob, ProfilesJob, AuditJob)

/**
 * @since 0.1.0
 * @category models
 */
export type Job = typeof Job.Type

/**
 * What a job works through, one workflow each: a pair (templates, profiles) or a number (audit),
 * with a label for status lines (`source -> target`, or the number).
 *
 * @since 0.1.0
 * @category models
 */
export interface Unit {
  readonly position: number
  readonly label: string
}

/**
 * The units of a job, in the order the file gives them.
 *
 * @since 0.1.0
 * @category utils
 */
export const units = (job: Job): ReadonlyArray<Unit> =>
  job.kind === "audit"
    ? job.numbers.map((number, position) => ({ position, label: number }))
    : job.pairs.map((pair, position) => ({ position, label: `${pair.source} -> ${pair.target}` }))

const asking = { provider: "wa-admin", operation: "fleet.submit" }

/** The first position at which a unit repeats an earlier one, as an issue. */
const repeated = (job: Job): ReadonlyArray<{ readonly field: string; readonly rule: string }> => {
  const seen = new Map<string, number>()
  const keys = job.kind === "audit" ? job.numbers : job.pairs.map((pair) => `${pair.source}\u0000${pair.target}`)
  const field = job.kind === "audit" ? "numbers" : "pairs"
  for (const [position, key] of keys.entries()) {
    const earlier = seen.get(key)
    if (earlier !== undefined) return [{ field: `${field}.${position}`, rule: `repeats ${field}.${earlier}` }]
    seen.set(key, position)
  }
  return []
}

const parseOptions = { errors: "all", onExcessProperty: "error" } as const

const parseJsonText = Schema.decodeUnknownEither(Schema.parseJson())

/** The job's kind alone, so that a job is checked against its own kind's fields only. */
const Kind = Schema.Struct({ kind: Schema.Literal("templates", "profiles", "audit") })

const decodeKind = Schema.decodeUnknownEither(Kind, { errors: "all", onExcessProperty: "ignore" })

const decodeOfKind: { readonly [K in Job["kind"]]: (input: unknown) => Either.Either<Job, ParseResult.ParseError> } = {
  templates: Schema.decodeUnknownEither(TemplatesJob, parseOptions),
  profiles: Schema.decodeUnknownEither(ProfilesJob, parseOptions),
  audit: Schema.decodeUnknownEither(AuditJob, parseOptions)
}

/** A job file's text as a job: JSON first, then its `kind`, then that kind's fields (each broken one named). */
const decodeJob = (text: string): Either.Either<Job, ParseResult.ParseError> =>
  Either.flatMap(
    parseJsonText(text),
    (input) => Either.flatMap(decodeKind(input), ({ kind }) => decodeOfKind[kind](input))
  )

/**
 * The job in a job file's text, or `InvalidInput` naming every field that breaks a rule (nothing
 * is stored or sent). The job's `kind` is told first — an unknown kind is the one issue — then
 * every field that breaks a rule of that kind is named with its path (`pairs.0.source`). A text
 * larger than {@link maxFileBytes} is refused before it is parsed.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = (text: string): Effect.Effect<Job, AdminError.InvalidInput> => {
  if (Buffer.byteLength(text, "utf8") > maxFileBytes) {
    return Effect.fail(
      Validation.invalidInput(asking, [{ field: "file", rule: `must be at most ${maxFileBytes} bytes` }])
    )
  }
  return Either.match(decodeJob(text), {
    onLeft: (error) => Effect.fail(Validation.invalidInput(asking, Validation.issuesOf(error))),
    onRight: (job) => {
      const [first, ...rest] = repeated(job)
      return first === undefined ? Effect.succeed(job) : Effect.fail(Validation.invalidInput(asking, [first, ...rest]))
    }
  })
}

/**
 * A job as stored: its file's JSON (what {@link decode} reads back).
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = (job: Job): string => JSON.stringify(Schema.encodeSync(Job)(job))

/**
 * A stored job read back: it was checked when submitted, so a failure here means the store was
 * changed outside wa-admin.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeStored = (id: string, text: string): Effect.Effect<Job, AdminError.LocalStateUnavailable> =>
  Either.match(decodeJob(text), {
    onLeft: (error) =>
      Effect.fail(
        new AdminError.LocalStateUnavailable({
          provider: "wa-admin",
          operation: "fleet.job",
          store: "fleet",
          location: "wa_admin_fleet_jobs",
          reason: `the stored job "${id}" is not a job (${
            ParseResult.TreeFormatter.formatErrorSync(error).split("\n").join(" ")
          }): it was changed outside wa-admin; nothing was sent. Delete the job's rows and submit it again`
        })
      ),
    onRight: Effect.succeed
  })
