/**
 * Bounding an exchange in time without racing fibers.
 *
 * `Effect.timeoutFail` races the exchange against a sleeping fiber, forks both and merges their
 * fiber states at the end: the costliest step of a call. On the live clock the exchange runs in
 * the caller's fiber instead, inside a one-attempt scope (the `Scope` that `HttpClient.withScope`
 * ties the request to): a plain timer closes it when time is up, which aborts the request (its
 * headers or its body, whichever it is waiting for), and the exchange then fails with the
 * timeout. Interrupting the caller aborts the request too. On any other clock (a `TestClock`)
 * time is virtual and only the clock can tell when it is up, so `Effect.timeoutFail` runs as
 * before — it interrupts the exchange's fiber, which works with any client.
 *
 * The exchange runs with the attempt's scope and `additions` (of the caller's context) in its context and
 * with the `HttpClient`'s own span off (the call's span records the attempt, with the redacted
 * URL). On the live clock all of it is entered with one update of the fiber's references and
 * left by restoring them, in the same exit handler that clears the timer.
 *
 * @internal
 */
import { HttpClient } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { Clock, Context, Duration, Effect, ExecutionStrategy, Exit, FiberRef, FiberRefs, Scope } from "effect"
import { constTrue } from "effect/Function"
import { pipeArguments } from "effect/Pipeable"

const LiveClock = Clock.make().constructor

/** Whether a clock tells real time (its sleeps are real timers). */
const isLive = (clock: Clock.Clock): boolean => clock.constructor === LiveClock

/** The largest delay `setTimeout` takes. */
const maxTimer = 2 ** 31 - 1

/**
 * A scope for one attempt that only holds finalizers until {@link AttemptScope.abort} runs
 * them: what `HttpClient.withScope` registers is the request's abort.
 */
class AttemptScope implements Scope.Scope {
  readonly [Scope.ScopeTypeId]: Scope.ScopeTypeId = Scope.ScopeTypeId
  readonly strategy: ExecutionStrategy.ExecutionStrategy = ExecutionStrategy.sequential
  private finalizers: Array<Scope.Scope.Finalizer> = []
  fork(strategy: ExecutionStrategy.ExecutionStrategy): Effect.Effect<Scope.CloseableScope> {
    return Effect.tap(Scope.make(strategy), (child) => this.addFinalizer((exit) => Scope.close(child, exit)))
  }
  addFinalizer(finalizer: Scope.Scope.Finalizer): Effect.Effect<void> {
    return Effect.sync(() => {
      this.finalizers.push(finalizer)
    })
  }
  /** Runs every finalizer (aborting the request), once. */
  abort(): void {
    const finalizers = this.finalizers
    this.finalizers = []
    for (const finalizer of finalizers) Effect.runFork(finalizer(Exit.void))
  }
  /** Forgets the finalizers: the exchange is over. */
  release(): void {
    this.finalizers = []
  }
  pipe() {
    return pipeArguments(this, arguments)
  }
}

/**
 * Runs `effect` (whose requests are tied to the `Scope` it is given); when it has not completed
 * after `millis`, aborts them and fails with `onTimeout()`.
 */
export const timeoutFail = <A, E, E2>(
  effect: Effect.Effect<A, E, Scope.Scope>,
  clock: Clock.Clock,
  additions: (context: Context.Context<never>) => Context.Context<never>,
  millis: number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2> => {
  if (!isLive(clock)) {
    return Effect.scoped(
      Effect.mapInputContext(
        Effect.locally(
          Effect.timeoutFail(effect, { duration: Duration.millis(millis), onTimeout }),
          HttpClient.currentTracerDisabledWhen,
          constTrue
        ),
        (context: Context.Context<Scope.Scope>) => Context.merge(context, additions(context))
      )
    )
  }
  return Effect.suspend(() => {
    const scope = new AttemptScope()
    let timedOut = false
    // What the attempt changes, as it was before: only these two are put back when it ends.
    let savedContext: Context.Context<never> | undefined
    let savedTracerDisabledWhen: ((request: HttpClientRequest.HttpClientRequest) => boolean) | undefined
    const handle = setTimeout(() => {
      timedOut = true
      scope.abort()
    }, Math.max(0, Math.min(millis, maxTimer)))
    const enter = Effect.updateFiberRefs((fiberId, refs) => {
      savedContext = FiberRefs.getOrDefault(refs, FiberRef.currentContext)
      savedTracerDisabledWhen = FiberRefs.getOrDefault(refs, HttpClient.currentTracerDisabledWhen)
      // One copy of the fiber's context: the attempt's additions and its scope merged into it.
      const context = Context.merge(savedContext, Context.add(additions(savedContext), Scope.Scope, scope))
      return FiberRefs.updateManyAs(refs, {
        entries: [
          [FiberRef.currentContext, [[fiberId, context]]],
          [HttpClient.currentTracerDisabledWhen, [[fiberId, constTrue]]]
        ]
      })
    })
    const leave = (exit: Exit.Exit<A, E>) =>
      Effect.updateFiberRefs((fiberId, refs) => {
        clearTimeout(handle)
        if (Exit.isInterrupted(exit)) scope.abort()
        else scope.release()
        if (savedContext === undefined || savedTracerDisabledWhen === undefined) return refs
        return FiberRefs.updateManyAs(refs, {
          entries: [
            [FiberRef.currentContext, [[fiberId, savedContext]]],
            [HttpClient.currentTracerDisabledWhen, [[fiberId, savedTracerDisabledWhen]]]
          ]
        })
      })
    // `enter` puts the attempt's scope in the context the exchange runs with.
    const exchange = effect as Effect.Effect<A, E>
    return Effect.zipRight(enter, exchange).pipe(
      Effect.onExit(leave),
      Effect.catchAll((error): Effect.Effect<never, E | E2> => Effect.fail(timedOut ? onTimeout() : error))
    )
  })
}
