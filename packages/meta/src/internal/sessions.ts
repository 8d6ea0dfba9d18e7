/**
 * What one client remembers of the numbers it provisions, in memory: the two-step PIN given at
 * provisioning (kept until the code is verified, then used to register the number), the language
 * codes are requested in, and whether the last code submitted was refused (Meta's answers do not
 * say so). Bounded: past {@link maxSessions} numbers, the oldest is forgotten.
 */
import type { Redacted } from "effect"

/** The most numbers remembered at once. */
export const maxSessions = 1_000

/** What is remembered of one number. */
export interface Session {
  readonly pin?: Redacted.Redacted<string> | undefined
  readonly language?: string | undefined
  readonly codeRejected?: boolean | undefined
}

/** The sessions of one client. */
export interface Sessions {
  readonly get: (id: string) => Session
  readonly update: (id: string, change: Partial<Session>) => void
}

/** Sessions in memory. */
export const make = (): Sessions => {
  const sessions = new Map<string, Session>()
  return {
    get: (id) => sessions.get(id) ?? {},
    update: (id, change) => {
      const next = { ...sessions.get(id), ...change }
      sessions.delete(id)
      sessions.set(id, next)
      if (sessions.size > maxSessions) {
        const oldest = sessions.keys().next()
        if (oldest.done !== true) sessions.delete(oldest.value)
      }
    }
  }
}
