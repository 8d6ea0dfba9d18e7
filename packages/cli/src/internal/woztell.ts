/**
 * WOZTELL's layers as the command line runs them: every port service and extension, configured
 * from the environment (`WOZTELL_*`), the template creation and edit quotas kept in the run's
 * state store — or in `WOZTELL_QUOTA_DIR` when it is set. Loaded when a command uses WOZTELL.
 */
import type { QuotaLedger } from "@wa-admin/core"
import { QuotaStore, WoztellAdmin } from "@wa-admin/woztell"
import { Layer } from "effect"
import * as Providers from "../Providers.js"

/** WOZTELL with its quotas in `storage`. */
export const storeLayer = (storage: QuotaLedger.Storage) =>
  WoztellAdmin.layerConfigWith(undefined, Layer.succeed(QuotaStore.QuotaStore, QuotaStore.fromStorage(storage)))

/** WOZTELL with its quotas in the state store, or in `WOZTELL_QUOTA_DIR` when it is set. */
export const layer = Providers.keepingQuotas({
  directoryVariable: QuotaStore.directoryVariable,
  files: WoztellAdmin.layerConfig,
  store: storeLayer
})
