/**
 * The packages as someone else's app gets them: every publishable package built and packed by
 * pnpm (as `pnpm publish` would pack it), the tarballs installed with npm into a project outside
 * the workspace, next to the Effect 3 versions the README's Install section names. There the
 * program in `consumer/` is type-checked with `strict` and `declaration: true` and run against
 * the installed emulators, the README's quick start runs as written, and the installed `wa-admin`
 * bin answers. Then the same again with the lowest effect the peer ranges allow.
 *
 * The packages are built in a copy of the workspace in the test's temporary directory (sources,
 * manifests and the links of their node_modules), so the test writes nowhere else; npm keeps its
 * cache there too. It needs the npm registry, for the Effect packages.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import type { ChildProcess } from "node:child_process"
import { randomUUID } from "node:crypto"
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs"
import { createServer } from "node:http"
import type { Server } from "node:http"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))
const workspaceBin = (name: string) => join(root, "node_modules", ".bin", name)

/** What a manifest holds that this test reads. */
interface Manifest {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly bin?: Readonly<Record<string, string>>
  readonly exports?: Readonly<Record<string, unknown>>
  readonly dependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>
  readonly devDependencies?: Readonly<Record<string, string>>
  readonly engines?: Readonly<Record<string, string>>
  readonly license?: string
  readonly repository?: unknown
  readonly files?: ReadonlyArray<string>
}

/** What a package's copy leaves out: build output and what is not published nor built. */
const notCopied = new Set(["dist", ".tsbuild", "test", "reliability", "docs"])

const readManifest = (path: string): Manifest => JSON.parse(readFileSync(path, "utf8")) as Manifest

/** The workspace's packages that are published: every `packages/*` not marked private. */
const publishable = readdirSync(join(root, "packages"))
  .filter((directory) => existsSync(join(root, "packages", directory, "package.json")))
  .map((directory) => ({ directory, manifest: readManifest(join(root, "packages", directory, "package.json")) }))
  .filter(({ manifest }) => manifest.private !== true)

/** The process environment without any provider setting, and with npm's cache in `cache`. */
const environment = (cache: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(VONAGE|WOZTELL|KALEYRA|META|WA_ADMIN|TARGET)_/.test(name))
  ),
  npm_config_cache: cache,
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
  NO_COLOR: "1",
  ...extra
})

interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command to its end; never throws for a non-zero exit (the caller asserts on it). */
const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly input?: string }
): Promise<Ran> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: "pipe" })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
    // A command that exits without reading its input closes the pipe first (EPIPE): its exit code
    // and output tell what happened, not the write.
    child.stdin.on("error", () => {})
    child.stdin.end(options.input ?? "")
  })

/** Fails with the command's output when it did not exit 0. */
const succeeded = (ran: Ran, what: string): Ran => {
  if (ran.code !== 0) throw new Error(`${what} exited ${ran.code}\n${ran.stdout}\n${ran.stderr}`)
  return ran
}

/** A long-running child (an emulator) and everything it printed so far. */
interface Background {
  readonly child: ChildProcess
  readonly output: () => string
  /** Resolves with the output once `pattern` matches it (rejects if the child ends first). */
  readonly waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>
}

const background = (command: string, args: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv): Background => {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  const listeners = new Set<() => void>()
  const notify = () => listeners.forEach((listener) => listener())
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString()
    notify()
  })
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString()
    notify()
  })
  child.on("close", notify)
  return {
    child,
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern)
          if (match !== null) {
            listeners.delete(check)
            resolve(match)
          } else if (child.exitCode !== null || child.signalCode !== null) {
            listeners.delete(check)
            reject(new Error(`${command} ${args.join(" ")} ended before printing ${pattern}:\n${output}`))
          }
        }
        listeners.add(check)
        check()
      })
  }
}

/**
 * better-sqlite3's release host, on loopback. npm runs the binding's install script,
 * `prebuild-install || node-gyp rebuild --release`: on a user's machine it downloads the binding
 * prebuilt for their Node.js from the package's GitHub releases; here, where only the npm registry
 * is reachable, it would compile SQLite from source instead — a minute of both cores for each of
 * the two installs, which the rest of the suite waits for. This host answers prebuild-install's
 * request (`npm_config_better_sqlite3_binary_host`) with the binding the workspace's own install
 * holds for this same Node.js, packed as a release asset is (`build/Release/better_sqlite3.node`);
 * any other version, ABI, platform or architecture is answered 404, and npm compiles as before.
 */
const bindingHost = async (directory: string): Promise<{ readonly url: string; readonly server: Server }> => {
  const manifestPath = createRequire(join(root, "packages", "store", "package.json")).resolve(
    "better-sqlite3/package.json"
  )
  const packageDirectory = join(manifestPath, "..")
  const { version } = readManifest(manifestPath)
  const asset = join(directory, "binding.tar.gz")
  mkdirSync(directory, { recursive: true })
  succeeded(
    await run("tar", ["czf", asset, "-C", packageDirectory, "build/Release/better_sqlite3.node"], {
      cwd: directory,
      env: process.env
    }),
    "tar (the binding's release asset)"
  )
  const escaped = version.replace(/\./g, "\\.")
  const assetPath = new RegExp(
    `^/v${escaped}/better-sqlite3-v${escaped}-node-v${process.versions.modules}-${process.platform}[a-z]*-${process.arch}\\.tar\\.gz$`
  )
  const server = createServer((request, response) => {
    if (request.method !== "GET" || !assetPath.test(request.url ?? "")) {
      response.writeHead(404).end()
      return
    }
    const body = readFileSync(asset)
    response.writeHead(200, { "content-type": "application/gzip", "content-length": body.length }).end(body)
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === "string") throw new Error("the binding host has no port")
  return { url: `http://127.0.0.1:${address.port}`, server }
}

/** Every `effect` package installed under `directory`, however deep. */
const installedEffects = (directory: string): ReadonlyArray<string> => {
  const found: Array<string> = []
  const walk = (modules: string) => {
    if (!existsSync(modules)) return
    for (const entry of readdirSync(modules)) {
      const path = join(modules, entry)
      if (entry.startsWith("@")) {
        for (const scoped of readdirSync(path)) walk(join(path, scoped, "node_modules"))
        continue
      }
      if (entry === "effect") {
        found.push(`${relative(directory, path)}@${readManifest(join(path, "package.json")).version}`)
      }
      walk(join(path, "node_modules"))
    }
  }
  walk(join(directory, "node_modules"))
  return found
}

/** The size of a directory tree, in bytes. */
const treeSize = (path: string): number => {
  const stat = lstatSync(path)
  if (!stat.isDirectory()) return stat.size
  return readdirSync(path).reduce((total, entry) => total + treeSize(join(path, entry)), 0)
}

/** The first ```ts block after `heading` in a markdown file. */
const codeAfter = (markdown: string, heading: string): string => {
  const start = markdown.indexOf(heading)
  if (start === -1) throw new Error(`no "${heading}" in the README`)
  const block = markdown.slice(start).match(/```ts\n([\s\S]*?)```/)
  if (block?.[1] === undefined) throw new Error(`no ts block after "${heading}"`)
  return block[1]
}

const readme = readFileSync(join(root, "README.md"), "utf8")
const core = publishable.find(({ manifest }) => manifest.name === "@wa-admin/core")?.manifest
const cli = publishable.find(({ manifest }) => manifest.bin !== undefined)
if (core === undefined || cli === undefined) {
  throw new Error("the workspace has no @wa-admin/core or no package with a bin")
}

/** The Effect packages an app installs next to ours, at the versions the README's `npm install` names. */
const effectPackages = ["effect", "@effect/platform", "@effect/platform-node"] as const
const installLine = readme.match(/^npm install @wa-admin\/.*$/m)?.[0] ?? ""
const documented = (name: string): string => {
  const version = installLine.split(" ").find((word) => word.startsWith(`${name}@`))?.slice(name.length + 1)
  if (version === undefined) throw new Error(`the README's npm install line names no ${name}: "${installLine}"`)
  return version
}
/** The lowest effect the peer ranges allow (`^3.22.2` → 3.22.2). */
const lowestEffect = (core.peerDependencies?.["effect"] ?? "").replace(/^\^/, "")

const compilerOptions = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  declaration: true,
  skipLibCheck: true,
  types: ["node"],
  rootDir: "src",
  outDir: "dist"
}

describe("the published packages, installed with npm into an app outside the workspace", () => {
  // Made by `beforeAll`, so that a run that filters these tests out leaves nothing behind.
  const scratch = join(tmpdir(), `wa-admin-consumer-${randomUUID()}`)
  const workspace = join(scratch, "workspace")
  const tarballs = join(scratch, "tarballs")
  const app = join(scratch, "app")
  const global = join(scratch, "global")
  let env = environment(join(scratch, "npm-cache"))
  const npm = (cwd: string, args: ReadonlyArray<string>) => run("npm", args, { cwd, env })
  let host: Server | undefined
  const packed = new Map<
    string,
    { readonly tarball: string; readonly manifest: Manifest; readonly files: ReadonlyArray<string> }
  >()
  const running: Array<ChildProcess> = []
  // Kept for the tests to assert on, so that each says what it could not do.
  let appInstall: Ran = { code: null, stdout: "", stderr: "not run" }
  let cliInstall: Ran = { code: null, stdout: "", stderr: "not run" }
  const appInstalled = () => succeeded(appInstall, "npm install (app)")
  const cliInstalled = () => succeeded(cliInstall, "npm install --global (cli)")

  const typecheck = () =>
    run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", app], { cwd: app, env })

  beforeAll(async () => {
    mkdirSync(scratch)
    const binding = await bindingHost(join(scratch, "binding-host"))
    host = binding.server
    env = { ...env, npm_config_better_sqlite3_binary_host: binding.url }
    // A copy of the workspace with the packages' sources and the links of their node_modules.
    mkdirSync(join(workspace, "packages"), { recursive: true })
    for (const file of ["package.json", "pnpm-workspace.yaml", "pnpm-lock.yaml", "tsconfig.base.json"]) {
      cpSync(join(root, file), join(workspace, file))
    }
    // The packages' node_modules link into the workspace's store through this one.
    symlinkSync(join(root, "node_modules"), join(workspace, "node_modules"))
    for (const { directory } of publishable) {
      const from = join(root, "packages", directory)
      cpSync(from, join(workspace, "packages", directory), {
        recursive: true,
        verbatimSymlinks: true,
        filter: (source) => !notCopied.has(relative(from, source))
      })
    }
    succeeded(
      await run(workspaceBin("pnpm"), ["-r", "pack", "--pack-destination", tarballs], {
        cwd: workspace,
        env: { ...env, pnpm_config_verify_deps_before_run: "false" }
      }),
      "pnpm -r pack"
    )
    for (const tarball of readdirSync(tarballs)) {
      const listing = succeeded(await run("tar", ["tzf", join(tarballs, tarball)], { cwd: scratch, env }), "tar")
      const manifest = JSON.parse(
        succeeded(
          await run("tar", ["xzOf", join(tarballs, tarball), "package/package.json"], { cwd: scratch, env }),
          "tar"
        )
          .stdout
      ) as Manifest
      packed.set(manifest.name, {
        tarball: join(tarballs, tarball),
        manifest,
        files: listing.stdout.split("\n").filter((line) => line.length > 0).map((line) =>
          line.replace(/^package\//, "")
        )
      })
    }

    // The app: our tarballs and the Effect packages at our pins, as the README's Install section says.
    mkdirSync(join(app, "src"), { recursive: true })
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer-app", private: true, type: "module" }))
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }))
    for (const file of ["program.ts", "main.ts"]) {
      cpSync(new URL(`consumer/${file}`, import.meta.url), join(app, "src", file))
    }
    writeFileSync(join(app, "src", "quickstart.ts"), codeAfter(readme, "### Quick start"))
    const libraries = [...packed.values()].filter(({ manifest }) => manifest.bin === undefined)
    // The app, and the command line on its own as `npm install --global` would (into a prefix
    // here), installed side by side: each builds its own SQLite binding.
    const installed = await Promise.all([
      npm(app, [
        "install",
        "--no-audit",
        "--no-fund",
        ...libraries.map(({ tarball }) => tarball),
        ...effectPackages.map((name) => `${name}@${documented(name)}`),
        "@types/node@20"
      ]),
      npm(scratch, [
        "install",
        "--global",
        "--prefix",
        global,
        "--no-audit",
        "--no-fund",
        packed.get(cli.manifest.name)?.tarball ?? ""
      ])
    ])
    appInstall = installed[0]
    cliInstall = installed[1]
  }, 600_000)

  afterAll(() => {
    for (const child of running) child.kill()
    host?.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  const waAdmin = () => join(global, "bin", "wa-admin")
  const startEmulator = (provider: string, json: boolean) => {
    const emulator = background(waAdmin(), ["emulator", provider, ...(json ? ["--json"] : [])], scratch, env)
    running.push(emulator.child)
    return emulator
  }

  it("packs every publishable package with its build, its manifest complete and no workspace protocol", () => {
    expect([...packed.keys()].sort()).toEqual(publishable.map(({ manifest }) => manifest.name).sort())
    for (const { manifest, files } of packed.values()) {
      const text = JSON.stringify(manifest)
      expect(text, manifest.name).not.toContain("workspace:")
      expect(manifest.engines?.["node"], manifest.name).toBe(">=20.11")
      expect(manifest.license, manifest.name).toBe("MIT")
      expect(manifest.repository, manifest.name).toBeDefined()
      expect(files, manifest.name).toContain("README.md")
      // Every entry of the exports map is in the tarball, with its types, as ESM and as `default`.
      for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
        if (target === null || typeof target === "string" || entry.includes("*")) continue
        const conditions = target as Readonly<Record<string, string>>
        expect(Object.keys(conditions), `${manifest.name} ${entry}`).toEqual(["types", "import", "default"])
        for (const path of Object.values(conditions)) {
          expect(files, `${manifest.name} ${entry}`).toContain(path.slice(2))
        }
      }
    }
  })

  it("keeps the Effect packages peers, and the command line without dependencies", () => {
    for (const { manifest } of packed.values()) {
      for (const name of effectPackages) {
        expect(manifest.dependencies?.[name], `${manifest.name} depends on ${name}`).toBeUndefined()
      }
      if (manifest.bin !== undefined) {
        // One dependency, and only that one: better-sqlite3, the state store's native SQLite
        // engine, which cannot be bundled (everything else is in the bundle).
        expect(Object.keys(manifest.dependencies ?? {}), manifest.name).toEqual(["better-sqlite3"])
        expect(manifest.peerDependencies ?? {}, manifest.name).toEqual({})
        continue
      }
      expect(manifest.peerDependencies?.["effect"], manifest.name).toMatch(/^\^3\.\d+\.\d+$/)
      expect(manifest.peerDependencies?.["@effect/platform"], manifest.name).toMatch(/^\^0\.\d+\.\d+$/)
      // Pinned for our own builds and tests at the versions the README tells users to install.
      for (const name of effectPackages) {
        expect(manifest.devDependencies?.[name], `${manifest.name} ${name}`).toBe(documented(name))
      }
    }
    // What a global install of the command line weighs: the bundle and its launcher (the native
    // SQLite engine, installed under the command line's own node_modules, apart).
    cliInstalled()
    expect(readdirSync(join(global, "lib", "node_modules"))).toEqual(["@wa-admin"])
    const cliDependencies = join(global, "lib", "node_modules", "@wa-admin", "cli", "node_modules")
    expect(
      treeSize(join(global, "lib", "node_modules")) - (existsSync(cliDependencies) ? treeSize(cliDependencies) : 0)
    ).toBeLessThan(10 * 1024 * 1024)
  })

  it("installs one copy of effect", async () => {
    appInstalled()
    expect(installedEffects(app)).toEqual([`node_modules/effect@${documented("effect")}`])
    succeeded(await npm(app, ["ls", "effect", "--all"]), "npm ls effect")
  })

  it("type-checks an app with strict and declaration: true, naming every inferred type by a public entry", async () => {
    appInstalled()
    succeeded(await typecheck(), "tsc")
    const declarations = readFileSync(join(app, "dist", "program.d.ts"), "utf8")
    expect(declarations).toMatch(
      /export declare const getProfile: \(n: string\) => Effect\.Effect<import\("@wa-admin\/core\/Profile"\)\.Profile/
    )
    expect(declarations).not.toMatch(/node_modules|\/dist\//)
  }, 120_000)

  it("runs the app against the installed emulators", async () => {
    appInstalled()
    const ran = succeeded(await run(process.execPath, [join(app, "dist", "main.js")], { cwd: app, env }), "the app")
    expect(JSON.parse(ran.stdout)).toEqual({
      vonage: { state: "ready", about: "Fresh bread daily" },
      woztell: { about: "Open 7am to 7pm", flowCreated: true },
      kaleyra: { state: "pending", provider: "kaleyra" },
      atRunTime: { provider: "woztell", supportStatus: "stable", profileUpdate: true }
    })
  }, 120_000)

  it(
    "runs the README's quick start as written against `wa-admin emulator vonage`, the code read from the emulator",
    async () => {
      appInstalled()
      cliInstalled()
      const emulator = startEmulator("vonage", false)
      // The `export` lines it printed (a private key spans several), as a user pastes them.
      const [, exports] = await emulator.waitFor(/^( *export [\s\S]*?)\n\s*\n/m)
      writeFileSync(join(app, "emulator.env"), exports ?? "")
      const quickstart = spawn("bash", ["-c", `. ./emulator.env && exec "${workspaceBin("tsx")}" src/quickstart.ts`], {
        cwd: app,
        env,
        stdio: "pipe"
      })
      running.push(quickstart)
      let output = ""
      const ended = new Promise<number | null>((resolve) => quickstart.on("close", resolve))
      const prompted = new Promise<void>((resolve) =>
        quickstart.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString()
          if (/code/i.test(output)) resolve()
        })
      )
      quickstart.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
      await Promise.race([
        prompted,
        ended.then((exit) =>
          Promise.reject(new Error(`the quick start ended (${exit}) before asking for the code:\n${output}`))
        )
      ])
      const [, code] = await emulator.waitFor(/code (\d+) sent by sms/)
      quickstart.stdin.on("error", () => {})
      quickstart.stdin.end(`${code}\n`)
      expect(await ended, output).toBe(0)
      expect(output).toMatch(/is ready/)
      expect(output).toContain("Fresh bread daily")
    },
    120_000
  )

  it(
    "answers from the installed wa-admin bin: --version, --help, and a command against an emulator, with --json",
    async () => {
      cliInstalled()
      const version = succeeded(await run(waAdmin(), ["--version"], { cwd: scratch, env }), "wa-admin --version")
      expect(version.stdout.trim()).toBe(cli.manifest.version)
      const help = succeeded(await run(waAdmin(), ["--help"], { cwd: scratch, env }), "wa-admin --help")
      expect(help.stdout).toContain("numbers")
      expect(help.stdout).toContain("templates")

      const emulator = startEmulator("woztell", true)
      const [line] = await emulator.waitFor(/^\{.*\}$/m)
      const started = JSON.parse(line) as { readonly environment: Readonly<Record<string, string>> }
      const configured = {
        ...env,
        ...started.environment,
        WA_ADMIN_PROVIDER: "woztell",
        WOZTELL_QUOTA_DIR: join(scratch, "quota")
      }
      const json = succeeded(
        await run(waAdmin(), ["profile", "get", "--json"], { cwd: scratch, env: configured }),
        "profile get --json"
      )
      const profile = JSON.parse(json.stdout) as Readonly<Record<string, unknown>>
      expect(typeof profile).toBe("object")
      const set = succeeded(
        await run(waAdmin(), ["profile", "set", "--about", "Fresh bread daily", "--json"], {
          cwd: scratch,
          env: configured
        }),
        "profile set --json"
      )
      expect(JSON.parse(set.stdout)).toMatchObject({ about: "Fresh bread daily" })
      const human = succeeded(
        await run(waAdmin(), ["profile", "get"], { cwd: scratch, env: configured }),
        "profile get"
      )
      expect(human.stdout).toContain("Fresh bread daily")
    },
    120_000
  )

  it("loads the main entries from CommonJS (require of ESM) or says plainly that they are ESM", async () => {
    appInstalled()
    const libraries = [...packed.values()].filter(({ manifest }) => manifest.bin === undefined)
    const script = libraries
      .map(({ manifest }) =>
        `try { require(${
          JSON.stringify(manifest.name)
        }); console.log("loaded") } catch (error) { console.log(error.code) }`
      )
      .join("\n")
    writeFileSync(join(app, "require.cjs"), script)
    const ran = succeeded(await run(process.execPath, [join(app, "require.cjs")], { cwd: app, env }), "require.cjs")
    // Node 20.19+ and 22.12+ load ES modules with `require`; earlier versions refuse with ERR_REQUIRE_ESM.
    const requireModule = Object.entries(process.features).some(([name, on]) =>
      name === "require_module" && on === true
    )
    const expected = requireModule ? "loaded" : "ERR_REQUIRE_ESM"
    expect(ran.stdout.trim().split("\n")).toEqual(libraries.map(() => expected))
  })

  it("type-checks a CommonJS app with the old `moduleResolution: node`, declarations included", async () => {
    appInstalled()
    const project = join(app, "commonjs")
    mkdirSync(project, { recursive: true })
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          ...compilerOptions,
          module: "CommonJS",
          moduleResolution: "node",
          rootDir: ".",
          outDir: "out"
        },
        include: ["app.ts"]
      })
    )
    writeFileSync(
      join(project, "app.ts"),
      [
        `import { BusinessProfile } from "@wa-admin/core"`,
        `import { VonageAdmin } from "@wa-admin/vonage"`,
        `import { VonageEmulator } from "@wa-admin/vonage/emulator"`,
        `export const getProfile = (n: string) => BusinessProfile.get({ number: n })`,
        `export const layer = VonageAdmin.layerConfig`,
        `export const emulator = VonageEmulator.make`
      ].join("\n")
    )
    succeeded(
      await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", project], {
        cwd: project,
        env
      }),
      "tsc (moduleResolution: node)"
    )
    expect(readFileSync(join(project, "out", "app.d.ts"), "utf8")).toMatch(
      /getProfile: \(n: string\) => import\("effect/
    )
  }, 120_000)

  it(`works the same with effect ${lowestEffect}, the lowest the peer ranges allow`, async () => {
    appInstalled()
    expect(lowestEffect).not.toBe(documented("effect"))
    succeeded(
      await npm(app, ["install", "--no-audit", "--no-fund", `effect@${lowestEffect}`]),
      `npm install effect@${lowestEffect}`
    )
    expect(installedEffects(app)).toEqual([`node_modules/effect@${lowestEffect}`])
    succeeded(await npm(app, ["ls", "effect", "--all"]), "npm ls effect")
    rmSync(join(app, "dist"), { recursive: true, force: true })
    succeeded(await typecheck(), "tsc")
    const ran = succeeded(await run(process.execPath, [join(app, "dist", "main.js")], { cwd: app, env }), "the app")
    expect(JSON.parse(ran.stdout)).toMatchObject({ vonage: { state: "ready" }, woztell: { flowCreated: true } })
    expect(ran.stderr).not.toContain("Executing an Effect versioned")
  }, 180_000)
})
