/**
 * Meta's layers as the command line runs them: every port service and extension, configured from
 * the environment (`META_*`), Meta's client-side budgets (registrations, template creations,
 * edits, deleted names) kept in the run's state store — or in `META_QUOTA_DIR` when it is set.
 * Loaded when a command uses Meta.
 */
import { QuotaLedger } from "@wa-admin/core"
import { MetaAdmin, MetaClient, MetaQuota } from "@wa-admin/meta"
import { Layer } from "effect"
import * as Providers from "../Providers.js"

/** Meta with its budgets in `storage`. */
export const storeLayer = (storage: QuotaLedger.Storage) =>
  MetaAdmin.layerComplete.pipe(
    Layer.provide(MetaClient.layerConfig()),
    Layer.provide(Layer.succeed(QuotaLedger.QuotaLedger, QuotaLedger.make(storage, MetaQuota.owner)))
  )

/** Meta with its budgets in the state store, or in `META_QUOTA_DIR` when it is set. */
export const layer = Providers.keepingQuotas({
  directoryVariable: MetaQuota.directoryVariable,
  files: MetaAdmin.layerConfig,
  store: storeLayer
})
