import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import * as Progress from "../src/Progress.js"

const terminal = (isTTY: boolean) => {
  const written: Array<string> = []
  const value: Progress.Terminal = {
    isTTY,
    columns: 80,
    write: (text) =>
      Effect.sync(() => {
        written.push(text)
      })
  }
  /** The line on screen now: what follows the last clear. */
  const screen = () => (written.join("").split("\r\x1b[2K").at(-1) ?? "")
  return { value, written, screen }
}

describe("the migration progress bar", () => {
  it.scoped("draws counts and an ETA on a terminal, and erases itself when done", () =>
    Effect.gen(function*() {
      const tty = terminal(true)
      yield* Effect.scoped(
        Effect.gen(function*() {
          const bar = yield* Progress.make({ title: "templates", total: 4, terminal: tty.value })
          yield* TestClock.adjust("2 seconds")
          yield* bar.advance("created")
          assert.match(tty.screen(), /^templates \[█+░+\] 1\/4 created 1 · ETA 6s$/)
          yield* TestClock.adjust("2 seconds")
          yield* bar.advance("skipped")
          assert.match(tty.screen(), /^templates \[█+░+\] 2\/4 created 1 · skipped 1 · ETA 4s$/)
          yield* bar.waitUntil(4_000 + 59 * 60_000)
          assert.match(tty.screen(), /2\/4 created 1 · skipped 1 · quota wait 59m 00s$/)
          yield* TestClock.adjust("1 minute")
          assert.match(tty.screen(), /quota wait 58m 00s$/, "the wait counts down")
          yield* bar.advance("created")
          assert.notInclude(tty.screen(), "quota wait")
        })
      )
      assert.strictEqual(tty.screen(), "", "the bar is erased when the scope closes")
    }))

  it.scoped("draws nothing when stderr is not a terminal, or when disabled (--json)", () =>
    Effect.gen(function*() {
      const pipe = terminal(false)
      const bar = yield* Progress.make({ title: "templates", total: 2, terminal: pipe.value })
      yield* bar.advance("created")
      const json = terminal(true)
      const silent = yield* Progress.make({ title: "templates", total: 2, terminal: json.value, enabled: false })
      yield* silent.advance("created")
      assert.deepStrictEqual(pipe.written, [])
      assert.deepStrictEqual(json.written, [])
      assert.strictEqual((yield* bar.state).done, 1)
    }))

  it("fits the line to the terminal's width", () => {
    const line = Progress.render(
      { title: "templates", total: 10, done: 5, counts: [["created", 5]], startedAt: 0, now: 5_000 },
      40
    )
    assert.isAtMost(line.length, 40)
    assert.isTrue(line.startsWith("templates ["))
  })
})
