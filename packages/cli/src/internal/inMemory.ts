import type { InMemory } from "@wa-admin/core/testing"
import { Effect } from "effect"

/** The in-memory reference adapter, loaded on first use as the adapters are. */
export const load: Effect.Effect<typeof InMemory> = Effect.promise(() => import("@wa-admin/core/testing")).pipe(
  Effect.map((testing) => testing.InMemory)
)
