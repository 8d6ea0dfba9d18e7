/**
 * Starting the bench's helper processes: TypeScript entry points run under tsx.
 */
import { spawn } from "node:child_process"
import type { ChildProcess } from "node:child_process"
import { createInterface } from "node:readline"
import { fromRoot, repositoryRoot } from "./Paths.js"

/** The node arguments that run a TypeScript file through tsx's loader. */
export const tsxArguments = (file: string, nodeOptions: ReadonlyArray<string> = []): Array<string> => [
  ...nodeOptions,
  "--import",
  "tsx",
  fromRoot(file)
]

/** A helper process and the first line it printed. */
export interface Started {
  readonly child: ChildProcess
  readonly firstLine: string
}

/** How a TypeScript entry point is started: extra Node.js options, and variables added to this environment. */
export interface Options {
  readonly nodeOptions?: ReadonlyArray<string>
  readonly env?: Readonly<Record<string, string>>
}

/** Node.js started from the repository's root with `args`, its standard error this process's. */
const spawnNode = (args: ReadonlyArray<string>, env: Options["env"], stdin: "pipe" | "ignore") => {
  const child = spawn(process.execPath, args, {
    cwd: repositoryRoot,
    stdio: [stdin, "pipe", "inherit"],
    env: { ...process.env, ...env }
  })
  const { stdout } = child
  if (stdout === null) throw new Error("a child process was started without a pipe for its standard output")
  return { child, stdout }
}

/** Starts a TypeScript entry point and waits for its first line of output. */
export const startWithFirstLine = (file: string, options: Options = {}): Promise<Started> =>
  new Promise((resolve, reject) => {
    const { child, stdout } = spawnNode(tsxArguments(file, options.nodeOptions), options.env, "pipe")
    const lines = createInterface({ input: stdout })
    lines.once("line", (firstLine) => resolve({ child, firstLine }))
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`${file} exited (${code}) before printing anything`)))
  })

/** Runs Node.js with `args` to completion and answers its whole standard output (`what` names it in errors). */
export const runNodeToCompletion = (args: ReadonlyArray<string>, env: Options["env"], what: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { child, stdout } = spawnNode(args, env, "ignore")
    const chunks: Array<Buffer> = []
    stdout.on("data", (chunk: Buffer) => chunks.push(chunk))
    child.once("error", reject)
    child.once(
      "exit",
      (code) =>
        code === 0 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`${what} exited with ${code}`))
    )
  })

/** Runs a TypeScript entry point to completion and answers its whole standard output. */
export const runToCompletion = (file: string, options: Options = {}): Promise<string> =>
  runNodeToCompletion(tsxArguments(file, options.nodeOptions), options.env, file)
