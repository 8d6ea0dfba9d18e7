/**
 * A `Tracer` that keeps every span it opens — name, kind, parent, attributes, events, links and
 * how it ended — for tests that assert what tracing shows (attributes, retry events) or what it
 * must never show (secrets).
 *
 * @since 0.1.0
 */
import { Cause, Exit, Tracer } from "effect"
import type { Context, Option } from "effect"

/**
 * One span as an exporter would receive it.
 *
 * @since 0.1.0
 * @category models
 */
export class RecordedSpan implements Tracer.Span {
  /** @since 0.1.0 */
  readonly _tag = "Span"
  /** @since 0.1.0 */
  readonly spanId: string
  /** @since 0.1.0 */
  readonly traceId = "test-trace"
  /** @since 0.1.0 */
  readonly sampled = true
  /** @since 0.1.0 */
  status: Tracer.SpanStatus
  /** @since 0.1.0 */
  readonly attributes = new Map<string, unknown>()
  /** @since 0.1.0 */
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> }> = []
  /** @since 0.1.0 */
  readonly links: Array<Tracer.SpanLink>

  constructor(
    readonly name: string,
    readonly parent: Option.Option<Tracer.AnySpan>,
    readonly context: Context.Context<never>,
    links: ReadonlyArray<Tracer.SpanLink>,
    startTime: bigint,
    readonly kind: Tracer.SpanKind,
    id: number
  ) {
    this.spanId = `span-${id}`
    this.status = { _tag: "Started", startTime }
    this.links = [...links]
  }

  /** @since 0.1.0 */
  end(endTime: bigint, exit: Exit.Exit<unknown, unknown>): void {
    this.status = { _tag: "Ended", startTime: this.status.startTime, endTime, exit }
  }
  /** @since 0.1.0 */
  attribute(key: string, value: unknown): void {
    this.attributes.set(key, value)
  }
  /** @since 0.1.0 */
  event(name: string, _startTime: bigint, attributes?: Record<string, unknown>): void {
    this.events.push({ name, attributes: attributes ?? {} })
  }
  /** @since 0.1.0 */
  addLinks(links: ReadonlyArray<Tracer.SpanLink>): void {
    this.links.push(...links)
  }

  /**
   * Everything an exporter could ship: name, kind, attributes, events, links and the ending cause.
   *
   * @since 0.1.0
   */
  snapshot(): {
    readonly name: string
    readonly kind: Tracer.SpanKind
    readonly attributes: Record<string, unknown>
    readonly events: ReadonlyArray<{ readonly name: string; readonly attributes: Record<string, unknown> }>
    readonly links: ReadonlyArray<Record<string, unknown>>
    readonly status: string
  } {
    const exit = this.status._tag === "Ended" ? this.status.exit : undefined
    return {
      name: this.name,
      kind: this.kind,
      attributes: Object.fromEntries(this.attributes),
      events: this.events,
      links: this.links.map((link) => link.attributes),
      status: exit === undefined ? "started" : Exit.isSuccess(exit) ? "ok" : Cause.pretty(exit.cause)
    }
  }

  /**
   * {@link snapshot} as JSON text.
   *
   * @since 0.1.0
   */
  render(): string {
    return JSON.stringify(this.snapshot())
  }
}

/**
 * A tracer and the spans it has opened so far, in opening order.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (): { readonly tracer: Tracer.Tracer; readonly spans: ReadonlyArray<RecordedSpan> } => {
  const spans: Array<RecordedSpan> = []
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const span = new RecordedSpan(name, parent, context, links, startTime, kind, spans.length + 1)
      spans.push(span)
      return span
    },
    context: (f) => f()
  })
  return { tracer, spans }
}
