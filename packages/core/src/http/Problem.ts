/**
 * Reading RFC 7807 problem bodies (`type`, `title`, `detail`, `instance`,
 * `invalid_parameters`) into the provider-neutral `ProviderProblem`.
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { ProviderProblem } from "../AdminError.js"

const ProblemBody = Schema.Struct({
  type: Schema.optional(Schema.String),
  title: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String),
  instance: Schema.optional(Schema.String),
  invalid_parameters: Schema.optional(
    Schema.Array(Schema.Struct({ name: Schema.String, reason: Schema.String }))
  )
})

const decodeProblem = Schema.decodeUnknownOption(ProblemBody)

/**
 * The problem a body describes, if it is shaped like an RFC 7807 problem.
 *
 * @since 0.1.0
 * @category parsing
 */
export const fromBody = (status: number, body: unknown): Option.Option<ProviderProblem> =>
  decodeProblem(body).pipe(
    Option.filter((problem) =>
      problem.type !== undefined || problem.title !== undefined || problem.detail !== undefined
    ),
    Option.map(
      (problem) =>
        new ProviderProblem({
          status,
          ...(problem.type === undefined ? {} : { type: problem.type, code: codeOf(problem.type) }),
          ...(problem.title === undefined ? {} : { title: problem.title }),
          ...(problem.detail === undefined ? {} : { detail: problem.detail }),
          ...(problem.instance === undefined ? {} : { instance: problem.instance }),
          ...(problem.invalid_parameters === undefined ? {} : { invalidParameters: problem.invalid_parameters })
        })
    )
  )

/**
 * The short code of a problem type URL: the fragment, or the last path segment
 * (`https://developer.vonage.com/api-errors/whatsapp-provisioning#number-in-use` → `number-in-use`).
 *
 * @since 0.1.0
 * @category parsing
 */
export const codeOf = (type: string): string => {
  const hash = type.lastIndexOf("#")
  if (hash >= 0) return type.slice(hash + 1)
  const trimmed = type.replace(/\/+$/, "")
  return trimmed.slice(trimmed.lastIndexOf("/") + 1)
}
