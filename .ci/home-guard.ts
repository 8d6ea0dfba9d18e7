/**
 * Global setup of the whole suite: tests write only inside their own temporary directories.
 *
 * Every test process runs with `HOME` (and `USERPROFILE`, `XDG_*`) pointing at a fresh, empty
 * directory, so a default that would write into the real home (a quota store in `~/.wa-admin`, a
 * journal, a config) lands there instead — and the teardown fails the run, naming every file,
 * if anything did. The real home directory's `.wa-admin` is compared before and after as well.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs"
import { homedir, tmpdir } from "node:os"
import { join, relative } from "node:path"

/** The variable a test can read to know the guard is on (and where the decoy home is). */
export const guardVariable = "WA_ADMIN_TEST_HOME"

const listing = (root: string): ReadonlyArray<string> => {
  const found: Array<string> = []
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name)
      found.push(`${relative(root, path)} ${entry.isDirectory() ? "dir" : statSync(path).mtimeMs}`)
      if (entry.isDirectory()) walk(path)
    }
  }
  try {
    walk(root)
  } catch {
    // no such directory: nothing there
  }
  return found.sort()
}

export default function setup(): () => void {
  const realHome = homedir()
  const realState = join(realHome, ".wa-admin")
  const before = listing(realState)
  const decoy = mkdtempSync(join(tmpdir(), "wa-admin-test-home-"))
  for (const name of ["HOME", "USERPROFILE", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"]) {
    process.env[name] = name.startsWith("XDG_") ? join(decoy, name.toLowerCase()) : decoy
  }
  process.env[guardVariable] = decoy
  // npm and pnpm keep reading the user's own configuration (registry, where Node's headers are for
  // native addons), which lives in the real home; reading it writes nothing.
  const npmrc = join(realHome, ".npmrc")
  if (process.env["npm_config_userconfig"] === undefined && existsSync(npmrc)) {
    process.env["npm_config_userconfig"] = npmrc
  }
  return () => {
    const written = listing(decoy)
    const after = listing(realState)
    rmSync(decoy, { recursive: true, force: true })
    const changedReal = after.filter((entry) => !before.includes(entry))
    if (written.length > 0 || changedReal.length > 0) {
      throw new Error(
        "tests wrote outside their temporary directories: " +
          [...written.map((entry) => `HOME/${entry}`), ...changedReal.map((entry) => `${realState}/${entry}`)].join(
            ", "
          )
      )
    }
  }
}
