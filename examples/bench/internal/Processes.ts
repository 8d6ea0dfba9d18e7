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

/** Starts a TypeScript entry point and waits for its first line of output. */
export const startWithFirstLine = (
  file: string,
  options: { readonly nodeOptions?: ReadonlyArray<string>; readonly env?: Readonly<Record<string, string>> } = {}
): Promise<Started> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsxArguments(file, options.nodeOptions), {
      cwd: repositoryRoot,
      stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, ...options.env }
    })
    const lines = createInterface({ input: child.stdout })
    lines.once("line", (firstLine) => resolve({ child, firstLine }))
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`${file} exited (${code}) before printing anything`)))
  })

/** Runs a TypeScript entry point to completion and answers its whole standard output. */
export const runToCompletion = (
  file: string,
  options: { readonly nodeOptions?: ReadonlyArray<string>; readonly env?: Readonly<Record<string, string>> } = {}
): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsxArguments(file, options.nodeOptions), {
      cwd: repositoryRoot,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...options.env }
    })
    const chunks: Array<Buffer> = []
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk))
    child.once("error", reject)
    child.once("exit", (code) =>
      code === 0 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`${file} exited with ${code}`)))
  })
