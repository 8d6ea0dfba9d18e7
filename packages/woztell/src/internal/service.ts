import { DateTime, Effect, Option } from "effect"

/** The span of an extension operation: `wa-admin.woztell.<area>.<operation>`. */
export const span = (operation: string) =>
  Effect.withSpan(`wa-admin.woztell.${operation}`, { attributes: { "wa-admin.provider": "woztell" }, captureStackTrace: false })

/** Reads WOZTELL's timestamps ("2024-03-08T04:52:37+0000", ISO 8601 or UNIX seconds). */
export const parseTime = (value: string | number | undefined): Option.Option<DateTime.Utc> => {
  if (value === undefined) return Option.none()
  if (typeof value === "number") return DateTime.make(value * 1000)
  return DateTime.make(value.trim().replace(/([+-]\d{2})(\d{2})$/, "$1:$2"))
}
