/**
 * What `wa-admin templates …` does once its flags are parsed (loaded when one of them runs).
 *
 * @since 0.1.0
 */
import { FileSystem } from "@effect/platform"
import { Media, Template, TemplateMigration, Templates, Validation } from "@wa-admin/core"
import type { AdminError } from "@wa-admin/core"
import { Chunk, Context, DateTime, Effect, Layer, Option, Predicate, Schema, Stream } from "effect"
import * as Arr from "effect/Array"
import { UsageError } from "../CliError.js"
import * as TemplatesCommand from "../commands/Templates.js"
import type * as GlobalOptions from "../GlobalOptions.js"
import { suggest } from "../internal/argv.js"
import * as Extension from "../internal/extension.js"
import * as Json from "../internal/json.js"
import * as Output from "../Output.js"
import * as Providers from "../Providers.js"
import * as Render from "../Render.js"
import * as SessionModule from "../Session.js"
import { checkCallShow, compact } from "./internal.js"
import * as Migrate from "./Migrate.js"

const componentOrder = ["HEADER", "BODY", "FOOTER", "BUTTONS"]

const tagOf = (component: unknown): string | undefined =>
  typeof component === "object" && component !== null && "_tag" in component && typeof component._tag === "string"
    ? component._tag
    : undefined

const pair = (flag: string, value: string, origin: Validation.Origin) => {
  const at = value.indexOf("=")
  return at <= 0
    ? Effect.fail(Validation.invalidInput(origin, [{ field: flag, rule: `must be TEXT=VALUE, got "${value}"` }]))
    : Effect.succeed([value.slice(0, at), value.slice(at + 1)] as const)
}

const flagComponents = (flags: TemplatesCommand.ComponentFlags, origin: Validation.Origin) =>
  Effect.gen(function*() {
    const components: Array<unknown> = []
    if (Option.isSome(flags.headerText) || Option.isSome(flags.headerFormat)) {
      components.push(
        compact({
          _tag: "HEADER",
          format: Option.getOrElse(Option.map(flags.headerFormat, (format) => format.toUpperCase()), () => "TEXT"),
          text: Option.getOrUndefined(flags.headerText),
          example: Option.getOrUndefined(flags.headerExample)
        })
      )
    } else if (Option.isSome(flags.headerExample)) {
      return yield* Effect.fail(new UsageError({ reason: "--header-example needs --header-format" }))
    }
    if (Option.isSome(flags.body)) {
      components.push(
        compact({
          _tag: "BODY",
          text: flags.body.value,
          examples: flags.bodyExamples.length === 0 ? undefined : [flags.bodyExamples]
        })
      )
    } else if (flags.bodyExamples.length > 0) {
      return yield* Effect.fail(new UsageError({ reason: "--body-example needs --body" }))
    }
    if (Option.isSome(flags.footer)) components.push({ _tag: "FOOTER", text: flags.footer.value })
    const urls = yield* Effect.forEach(flags.urlButtons, (value) => pair("--url-button", value, origin))
    const phones = yield* Effect.forEach(flags.phoneButtons, (value) => pair("--phone-button", value, origin))
    const buttons = [
      ...flags.quickReplies.map((text) => ({ _tag: "QUICK_REPLY", text })),
      ...urls.map(([text, url]) => ({ _tag: "URL", text, url })),
      ...phones.map(([text, phoneNumber]) => ({ _tag: "PHONE_NUMBER", text, phoneNumber }))
    ]
    if (buttons.length > 0) components.push({ _tag: "BUTTONS", buttons })
    return components
  })

const readFile = (
  file: Option.Option<readonly [path: string, content: string]>,
  origin: Validation.Origin
): Effect.Effect<Readonly<Record<string, unknown>>, AdminError.InvalidInput> =>
  Option.match(file, {
    onNone: () => Effect.succeed({}),
    onSome: (given) => Extension.jsonObject(given, "file", origin, "a TemplateDraft")
  })

/** The file's components with each kind given by flags replaced, in the order header, body, footer, buttons. */
const mergeComponents = (fromFile: unknown, fromFlags: ReadonlyArray<unknown>): unknown => {
  if (fromFlags.length === 0) return fromFile
  const replaced = new Set(fromFlags.map(tagOf))
  const kept = Array.isArray(fromFile) ? fromFile.filter((component) => !replaced.has(tagOf(component))) : []
  const rank = (component: unknown) => {
    const index = componentOrder.indexOf(tagOf(component) ?? "")
    return index === -1 ? componentOrder.length : index
  }
  return [...kept, ...fromFlags].sort((a, b) => rank(a) - rank(b))
}

/**
 * The template `create` and `edit` describe: the `--file`'s draft, and over it the flags' name,
 * language and components (a component kind given by flags replaces the file's).
 */
const drafted = (
  config: TemplatesCommand.Flags["create"] | TemplatesCommand.Flags["edit"],
  origin: Validation.Origin
) =>
  Effect.gen(function*() {
    const draft = yield* readFile(config.file, origin)
    const components = yield* flagComponents(config, origin)
    return {
      draft,
      fields: {
        name: Option.getOrElse(config.name, () => draft["name"]),
        language: Option.getOrElse(config.language, () => draft["language"]),
        components: mergeComponents(draft["components"], components)
      }
    }
  })

/**
 * The JSON form of an export's result.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExportJson = Schema.Struct({
  kind: Schema.Literal("templates.export"),
  file: Schema.String,
  source: Schema.Struct({ provider: Schema.String, wabaId: Schema.String }),
  exportedAt: Schema.String,
  /** Template language versions written. */
  templates: Schema.Number,
  /** Distinct template names among them. */
  names: Schema.Number
})

/** Reads a templates file: JSON, the right format and version, then every template's shape. */
const readTemplateFile = (
  path: string,
  text: string,
  origin: Validation.Origin
): Effect.Effect<TemplateMigration.TemplateFile, AdminError.InvalidInput> =>
  Effect.gen(function*() {
    const parsed = yield* Effect.try({
      try: (): unknown => JSON.parse(text),
      catch: (error) =>
        Validation.invalidInput(origin, [
          { field: "file", rule: `${path} must hold JSON (${error instanceof Error ? error.message : String(error)})` }
        ])
    })
    const header = Predicate.isRecord(parsed) ? parsed : {}
    if (header["format"] !== "wa-admin/templates") {
      return yield* Effect.fail(
        Validation.invalidInput(origin, [
          { field: "file.format", rule: `must be "wa-admin/templates" (a file written by wa-admin templates export)` }
        ])
      )
    }
    if (header["version"] !== 1) {
      return yield* Effect.fail(
        Validation.invalidInput(origin, [
          {
            field: "file.version",
            rule: `must be 1, the version this wa-admin reads (got ${Json.stringify(header["version"], 40)})`
          }
        ])
      )
    }
    return yield* Validation.validate(TemplateMigration.TemplateFile, origin)(parsed).pipe(
      Effect.mapError((error) =>
        Validation.invalidInput(
          origin,
          Arr.map(error.issues, (issue) => ({ field: `file.${issue.field}`, rule: issue.rule }))
        )
      )
    )
  })

/** One of `values`, or a rule naming them all (and the one probably meant). */
const oneOf = <const Values extends readonly [string, ...Array<string>]>(values: Values) =>
  Schema.Literal(...values).annotations({
    message: (issue) => {
      const given: unknown = "actual" in issue ? issue.actual : undefined
      const close = typeof given === "string" ? suggest(given, values) : []
      return {
        message: `must be one of ${values.join(", ")} (got ${Json.stringify(given, 40)})` +
          (close.length === 0 ? "" : `; did you mean ${close.join(" or ")}?`),
        override: true
      }
    }
  })

/**
 * The request of `templates list`: the port's, with each filter typed — a status, category or
 * quality score the providers do not know is refused here, naming the flag, rather than sent
 * (or matching nothing).
 */
const ListRequest = Schema.Struct({
  ...Templates.ListRequest.fields,
  filter: Schema.optional(
    Schema.Struct({
      ...Template.TemplateFilter.fields,
      status: Schema.optional(Schema.Array(oneOf(TemplatesCommand.statuses))),
      category: Schema.optional(Schema.Array(oneOf(TemplatesCommand.categories))),
      qualityScore: Schema.optional(Schema.Array(oneOf(TemplatesCommand.qualityScores)))
    })
  )
})

/**
 * `wa-admin templates list`
 *
 * @since 0.1.0
 * @category programs
 */
export const list = SessionModule.program((session, config: TemplatesCommand.Flags["list"]) =>
  Effect.gen(function*() {
    const output = yield* Output.Output
    const operation = "templates.list"
    const filter = compact({
      status: config.status.length === 0 ? undefined : config.status,
      category: config.category.length === 0 ? undefined : config.category,
      language: config.language.length === 0 ? undefined : config.language,
      qualityScore: config.qualityScore.length === 0 ? undefined : config.qualityScore,
      name: Option.getOrUndefined(config.name),
      content: Option.getOrUndefined(config.content)
    })
    const request = yield* session.input(ListRequest, operation)(
      compact({
        wabaId: yield* session.wabaId(config.wabaId, operation),
        filter: Object.keys(filter).length === 0 ? undefined : filter,
        pageSize: Option.getOrUndefined(config.pageSize)
      })
    )
    const count = yield* Templates.list(request).pipe(
      Stream.zipWithIndex,
      Stream.runFoldEffect(0, (count, [template, index]) =>
        (index === 0 ? output.text(Render.templateColumns.header) : Effect.void).pipe(
          Effect.zipRight(output.value(Template.Template, template, Render.templateColumns.row)),
          Effect.as(count + 1)
        ))
    )
    if (count === 0) {
      yield* output.text("(no templates)")
    }
  })
)

/** A program that checks a template request, asks the port with it and shows the template it answers. */
const showing = <Config extends GlobalOptions.Globals, I, E1 extends Output.Failure, R1, E2 extends Output.Failure, R2>(
  operation: string,
  check: (session: SessionModule.Service, config: Config, operation: string) => Effect.Effect<I, E1, R1>,
  call: (request: I) => Effect.Effect<Template.Template, E2, R2>
) => checkCallShow(operation, check, call, Template.Template, Render.template)

/**
 * `wa-admin templates get`
 *
 * @since 0.1.0
 * @category programs
 */
export const get = showing(
  "templates.get",
  (session, config: TemplatesCommand.Flags["get"], operation) =>
    Effect.flatMap(
      session.wabaId(config.wabaId, operation),
      (wabaId) =>
        session.input(Templates.TemplateRef, operation)({ wabaId, name: config.name, language: config.language })
    ),
  Templates.get
)

/**
 * `wa-admin templates create`
 *
 * @since 0.1.0
 * @category programs
 */
export const create = showing(
  "templates.create",
  (session, config: TemplatesCommand.Flags["create"], operation) =>
    Effect.gen(function*() {
      const { draft, fields } = yield* drafted(config, session.origin(operation))
      return yield* session.input(Templates.CreateRequest, operation)({
        wabaId: yield* session.wabaId(config.wabaId, operation),
        template: compact({ ...draft, ...fields, category: Option.getOrElse(config.category, () => draft["category"]) })
      })
    }),
  Templates.create
)

/**
 * `wa-admin templates edit`
 *
 * @since 0.1.0
 * @category programs
 */
export const edit = SessionModule.program((session, config: TemplatesCommand.Flags["edit"]) =>
  Effect.gen(function*() {
    const operation = "templates.edit"
    const origin = session.origin(operation)
    const { draft, fields } = yield* drafted(config, origin)
    const request = yield* session.input(Templates.EditRequest, operation)(
      compact({
        wabaId: yield* session.wabaId(config.wabaId, operation),
        ...fields,
        id: Option.getOrElse(config.id, () => draft["id"])
      })
    )
    yield* Templates.edit(request)
    yield* Output.text(`Template ${request.name} (${request.language}) updated.`)
  })
)

/**
 * `wa-admin templates delete`
 *
 * @since 0.1.0
 * @category programs
 */
export const remove = SessionModule.program((session, config: TemplatesCommand.Flags["delete"]) =>
  Effect.gen(function*() {
    const operation = "templates.delete"
    if (config.allLanguages && Option.isSome(config.language)) {
      return yield* Effect.fail(new UsageError({ reason: "give --language or --all-languages, not both" }))
    }
    if (!config.allLanguages && Option.isNone(config.language)) {
      return yield* Effect.fail(
        Validation.invalidInput(session.origin(operation), [
          { field: "language", rule: "is required: pass --language, or --all-languages to delete every language" }
        ])
      )
    }
    const wabaId = yield* session.wabaId(config.wabaId, operation)
    const request = yield* session.input(Templates.DeleteRequest, operation)(
      config.allLanguages
        ? { wabaId, name: config.name, allLanguages: true }
        : { wabaId, name: config.name, language: Option.getOrUndefined(config.language) }
    )
    yield* Templates.remove(request)
    yield* Output.text(
      Option.match(config.language, {
        onNone: () => `Template ${config.name} deleted (every language).`,
        onSome: (language) => `Template ${config.name} (${language}) deleted.`
      })
    )
  })
)

/**
 * `wa-admin templates export`
 *
 * @since 0.1.0
 * @category programs
 */
export const exportTemplates = SessionModule.program((session, config: TemplatesCommand.Flags["export"]) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const operation = "templates.export"
    const request = yield* session.input(Templates.WabaRef, operation)({
      wabaId: yield* session.wabaId(config.wabaId, operation)
    })
    const templates = Chunk.toReadonlyArray(yield* Stream.runCollect(Templates.list({ wabaId: request.wabaId })))
    const exportedAt = DateTime.formatIso(yield* DateTime.now)
    const source = { provider: session.provider.name, wabaId: request.wabaId }
    const encoded = yield* Effect.orDie(
      Schema.encode(TemplateMigration.TemplateFile)({
        format: "wa-admin/templates",
        version: 1,
        exportedAt,
        source,
        templates
      })
    )
    yield* fs
      .writeFileString(config.file, `${JSON.stringify(encoded, null, 2)}\n`)
      .pipe(
        Effect.mapError((error) =>
          new UsageError({ reason: `--file ${config.file}: cannot be written (${error.message})` })
        )
      )
    yield* Output.value(
      ExportJson,
      {
        kind: "templates.export" as const,
        file: config.file,
        source,
        exportedAt,
        templates: templates.length,
        names: new Set(templates.map((template) => template.name)).size
      },
      (result) =>
        `Exported ${result.templates} template language version${result.templates === 1 ? "" : "s"} ` +
        `(${result.names} name${
          result.names === 1 ? "" : "s"
        }) of ${result.source.provider}:${result.source.wabaId} to ${result.file}.`
    )
  })
)

/**
 * `wa-admin templates import`
 *
 * @since 0.1.0
 * @category programs
 */
export const importTemplates = (config: TemplatesCommand.Flags["import"]) =>
  Migrate.run(config, (globals) =>
    Effect.scoped(
      Effect.gen(function*() {
        const provider = yield* Providers.select(globals.provider)
        const operation = "templates.import"
        const origin = { provider: provider.name, operation }
        const wabaId = Option.isSome(config.wabaId) ? config.wabaId : yield* Providers.defaultOf(provider, "wabaId")
        if (Option.isNone(wabaId)) {
          return yield* Effect.fail(
            Validation.invalidInput(origin, [{ field: "wabaId", rule: "is required: pass --waba-id" }])
          )
        }
        yield* Validation.validate(Templates.WabaRef, origin)({ wabaId: wabaId.value })
        const fs = yield* FileSystem.FileSystem
        const text = yield* fs
          .readFileString(config.file)
          .pipe(
            Effect.mapError((error) =>
              new UsageError({ reason: `--file ${config.file}: cannot be read (${error.message})` })
            )
          )
        const file = yield* readTemplateFile(config.file, text, origin)
        const port = yield* Layer.build(Providers.stateful(provider))
        yield* Migrate.migrateTemplates({
          source: Stream.fromIterable(file.templates),
          from: file.source,
          target: Context.get(port, Templates.Templates),
          targetMedia: Context.get(port, Media.Media),
          to: { provider: provider.name, wabaId: wabaId.value },
          file: config.file,
          flags: config
        })
      })
    ))
