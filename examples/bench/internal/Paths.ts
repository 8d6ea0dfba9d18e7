/**
 * Where things are, relative to this file (the bench runs from any working directory).
 */
import { fileURLToPath } from "node:url"

/** `examples/bench/`. */
export const benchDirectory: string = fileURLToPath(new URL("../", import.meta.url))

/** The repository root. */
export const repositoryRoot: string = fileURLToPath(new URL("../../../", import.meta.url))

/** A file of the repository, by its path from the root. */
export const fromRoot = (path: string): string => fileURLToPath(new URL(path, `file://${repositoryRoot}`))
