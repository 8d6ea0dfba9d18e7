/**
 * @wa-admin/core/testing — the in-memory reference adapter and the conformance suite every
 * adapter runs against its emulator. The suite needs `vitest` and `@effect/vitest` (optional
 * peer dependencies) and runs under the vitest command; the in-memory adapter needs neither
 * and works anywhere (demos, examples, the CLI's `memory` provider).
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as InMemory from "./InMemory.js"
/** @since 0.1.0 */
export * as Conformance from "./Conformance.js"
/** @since 0.1.0 */
export * as ReliabilityMetrics from "./ReliabilityMetrics.js"
/** @since 0.1.0 */
export * as FaultInjection from "./FaultInjection.js"
/** @since 0.1.0 */
export * as FakeHttp from "./FakeHttp.js"
/** @since 0.1.0 */
export * as Fuzz from "./Fuzz.js"
/** @since 0.1.0 */
export * as RecordingTracer from "./RecordingTracer.js"
/** @since 0.1.0 */
export * as BadInput from "./BadInput.js"
/** @since 0.1.0 */
export * as HostileIds from "./HostileIds.js"
/** @since 0.1.0 */
export * as EmulatorHost from "./EmulatorHost.js"
/** @since 0.2.0 */
export * as EmulatorEnvironment from "./EmulatorEnvironment.js"
/** @since 0.2.0 */
export * as EmulatorEffects from "./EmulatorEffects.js"
/** @since 0.2.0 */
export * as DescriptorChecks from "./DescriptorChecks.js"
/** @since 0.2.0 */
export * as SpellingChecks from "./SpellingChecks.js"
/** @since 0.2.0 */
export * as RecordingLogger from "./RecordingLogger.js"
/** @since 0.2.0 */
export * as Expect from "./Expect.js"
/** @since 0.2.0 */
export * as SampleFiles from "./SampleFiles.js"
/** @since 0.2.0 */
export * as SampleFlows from "./SampleFlows.js"
/** @since 0.2.0 */
export * as Surfaces from "./Surfaces.js"
/** @since 0.2.0 */
export * as ChildProcess from "./ChildProcess.js"
/** @since 0.2.0 */
export * as Samples from "./Samples.js"
/** @since 0.2.0 */
export * as BadInputCatalog from "./BadInputCatalog.js"
/** @since 0.2.0 */
export * as TestRequest from "./TestRequest.js"
