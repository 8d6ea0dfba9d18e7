/**
 * Bounded uploads for the (deprecated) Kaleyra adapter: a business certificate larger than
 * `KaleyraNumberLifecycle.maxCertificateBytes` is refused locally — an `InvalidInput` on
 * `business.certificate` naming the limit, not one request sent — and `readCertificate` refuses a
 * huge file by its size, without reading it, and never reads more than the limit.
 */
import { FileSystem } from "@effect/platform"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import { NumberLifecycle } from "@wa-admin/core"
import { ReliabilityMetrics } from "@wa-admin/core/testing"
import { Effect, Exit, Layer, Logger, LogLevel, Option, Stream } from "effect"
import { join } from "node:path"
import { KaleyraNumberLifecycle } from "../src/index.js"
import { emulated, files, provisionRequest } from "./support.js"

const limit = KaleyraNumberLifecycle.maxCertificateBytes
const mib = 1024 * 1024

/** A PNG (by its signature) of exactly `size` bytes. */
const pngOf = (size: number): Uint8Array => {
  const bytes = new Uint8Array(size)
  bytes.set(files.png)
  return bytes
}

const withCertificate = (certificate: { readonly fileName: string; readonly bytes: Uint8Array }) => ({
  ...provisionRequest,
  providerOptions: { kaleyra: { business: { ...provisionRequest.providerOptions.kaleyra.business, certificate } } }
})

/** The local file system, counting how often a file's content is read (streamed or read whole). */
const countingFileSystem = Effect.gen(function*() {
  const native = yield* FileSystem.FileSystem
  let contentReads = 0
  const counted: FileSystem.FileSystem = {
    ...native,
    readFile: (path) => {
      contentReads++
      return native.readFile(path)
    },
    stream: (path, options) => {
      contentReads++
      return native.stream(path, options)
    }
  }
  return { fileSystem: counted, contentReads: () => contentReads }
}).pipe(Effect.provide(NodeFileSystem.layer))

/** Runs one scenario, recording it in the reliability summary (area `size`). */
const scenario = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.onExit(effect, (exit) =>
    Effect.sync(() =>
      ReliabilityMetrics.record({
        area: "size",
        scenariosRun: 1,
        scenariosPassed: Exit.isSuccess(exit) ? 1 : 0,
        hostileOutcomes: Exit.isSuccess(exit) ? 0 : 1
      })
    ))

/** What `stat` says of a file of `size` bytes. */
const fileInfo = (size: number): FileSystem.File.Info => ({
  type: "File",
  mtime: Option.none(),
  atime: Option.none(),
  birthtime: Option.none(),
  dev: 0,
  ino: Option.none(),
  mode: 0o644,
  nlink: Option.none(),
  uid: Option.none(),
  gid: Option.none(),
  rdev: Option.none(),
  size: FileSystem.Size(size),
  blksize: Option.none(),
  blocks: Option.none()
})

describe("Kaleyra bounded certificate uploads", () => {
  it.scopedLive("a certificate one byte over the limit is refused locally, naming the limit; one at the limit is sent", () =>
    scenario(
      Effect.gen(function*() {
        const { context, emulator } = yield* emulated()
        const error = yield* NumberLifecycle.provision(
          withCertificate({ fileName: "certificate.png", bytes: pngOf(limit + 1) })
        ).pipe(
          Effect.provide(context),
          Effect.flip
        )
        assert.strictEqual(error._tag, "InvalidInput")
        assert.strictEqual(error._tag === "InvalidInput" ? error.source : undefined, "local")
        const issues = error._tag === "InvalidInput" ? error.issues.map((issue) => [issue.field, issue.rule]) : []
        assert.deepStrictEqual(issues, [
          [
            "providerOptions.kaleyra.business.certificate",
            `must be at most 20 MiB (${limit} bytes); this file is ${limit + 1} bytes`
          ]
        ])
        assert.deepStrictEqual(yield* emulator.requests, [], "nothing was sent")

        yield* NumberLifecycle.provision(withCertificate({ fileName: "certificate.png", bytes: pngOf(limit) })).pipe(
          Effect.provide(context)
        )
        const [sent] = yield* emulator.activations
        assert.strictEqual(sent?.certificate.bytes.length, limit, "a certificate at the limit is sent whole")
      }).pipe(Logger.withMinimumLogLevel(LogLevel.None))
    ))

  it.scoped("readCertificate refuses a 300 MiB file by its size without reading its content", () =>
    scenario(
      Effect.gen(function*() {
        const { contentReads, fileSystem } = yield* countingFileSystem
        const directory = yield* fileSystem.makeTempDirectoryScoped()
        const path = join(directory, "certificate.pdf")
        yield* fileSystem.writeFile(path, files.pdf)
        yield* fileSystem.truncate(path, 300 * mib)

        const error = yield* KaleyraNumberLifecycle.readCertificate(path).pipe(
          Effect.provide(Layer.succeed(FileSystem.FileSystem, fileSystem)),
          Effect.flip
        )
        assert.deepStrictEqual(
          error.issues.map((issue) => [issue.field, issue.rule]),
          [[
            "providerOptions.kaleyra.business.certificate",
            `must be at most 20 MiB (${limit} bytes); this file is ${300 * mib} bytes`
          ]]
        )
        assert.strictEqual(error.source, "local")
        assert.strictEqual(contentReads(), 0, "the file's content was never read")
      }).pipe(Effect.provide(NodeFileSystem.layer))
    ))

  it.scoped("readCertificate answers a small file's name and bytes, reading no more than the limit", () =>
    scenario(
      Effect.gen(function*() {
        const fileSystem = yield* FileSystem.FileSystem
        const directory = yield* fileSystem.makeTempDirectoryScoped()
        const path = join(directory, "scan.png")
        yield* fileSystem.writeFile(path, files.png)
        const certificate = yield* KaleyraNumberLifecycle.readCertificate(path)
        assert.strictEqual(certificate.fileName, "scan.png")
        assert.deepStrictEqual(Array.from(certificate.bytes), Array.from(files.png))

        const missing = yield* KaleyraNumberLifecycle.readCertificate(join(directory, "missing.png")).pipe(Effect.flip)
        assert.deepStrictEqual(missing.issues.map((issue) => issue.field), [
          "providerOptions.kaleyra.business.certificate"
        ])
        assert.include(missing.issues[0]?.rule ?? "", "cannot be read")
      }).pipe(Effect.provide(NodeFileSystem.layer))
    ))

  it.effect("a file that grows past the limit after its size was read is refused, reading at most one byte past it", () =>
    scenario(
      Effect.gen(function*() {
        let asked: FileSystem.SizeInput | undefined
        const growing = FileSystem.layerNoop({
          stat: () => Effect.succeed(fileInfo(files.png.length)),
          stream: (_, options) => {
            asked = options?.bytesToRead
            const chunk = new Uint8Array(mib)
            return Stream.repeatValue(chunk).pipe(Stream.take(Math.ceil(Number(asked ?? 0) / mib)))
          }
        })
        const error = yield* KaleyraNumberLifecycle.readCertificate("/certificates/growing.png").pipe(
          Effect.provide(growing),
          Effect.flip
        )
        assert.strictEqual(Number(asked), limit + 1, "at most one byte past the limit is asked for")
        assert.deepStrictEqual(error.issues.map((issue) => issue.field), [
          "providerOptions.kaleyra.business.certificate"
        ])
        assert.include(error.issues[0]?.rule ?? "", "must be at most 20 MiB")
      })
    ))
})
