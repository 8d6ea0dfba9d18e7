import type { Operation, Reasons } from "../Capabilities.js"
import { implemented, reasonsOf } from "./port.js"

/** What an adapter's implementation of any port service may say beside its operations. */
export interface Implementation {
  /**
   * Why the provider lacks the operations left out, by operation: `Unsupported` carries it as its
   * `reason`, and `Capabilities` answers it beforehand.
   */
  readonly unsupported?: Reasons
}

/** What every port service says of itself. */
export interface Description {
  readonly provider: string
  readonly operations: ReadonlySet<Operation>
  /** Why it lacks the operations it lacks, where the adapter says. */
  readonly reasons: Reasons
}

/** A service's description, derived from the methods its implementation defines among `candidates`. */
export const describe = <K extends string>(
  provider: string,
  implementation: { readonly [key in K]?: unknown } & Implementation,
  candidates: ReadonlyArray<readonly [K, Operation]>
): Description => ({
  provider,
  operations: implemented(implementation, candidates),
  reasons: reasonsOf(implementation, candidates)
})

/** The constructor of a service whose every operation fails with `Unsupported`, with the reasons given. */
export const unsupportedBy =
  <S>(make: (provider: string, implementation: Implementation) => S) => (provider: string, reasons?: Reasons): S =>
    make(provider, reasons === undefined ? {} : { unsupported: reasons })
