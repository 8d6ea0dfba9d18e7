/**
 * The environment of a provider whose numbers live in a WhatsApp Business Account reached with an
 * access token (Meta, WOZTELL): every variable named from one prefix, the provider's name in
 * capitals (`meta` → `META`) — `<PREFIX>_ACCESS_TOKEN`
 * (required, naming the account), the provider's own credentials, `<PREFIX>_WABA_ID` and
 * `<PREFIX>_PHONE_NUMBER_ID` (the defaults of `--waba-id` and `--number`), its other settings, and
 * `<PREFIX>_QUOTA_DIR` where its client-side limits are kept — in that order, with the
 * `Provider.Defaults` they give.
 *
 * Imports only the descriptor's module, so that a provider descriptor stays cheap to import.
 *
 * @example
 * import * as WabaAccount from "@wa-admin/core/adapter/WabaAccount"
 * import * as Provider from "@wa-admin/core/adapter/Provider"
 *
 * const account = WabaAccount.make("woztell", {
 *   accessToken: "the channel's access token",
 *   credentials: [Provider.setting("WOZTELL_CHANNEL_ID", "the channel (signed context)")],
 *   settings: [Provider.setting("WOZTELL_BASE_URL", "the API's base URL (default: WOZTELL's)")],
 *   quota: "the client-side template quotas"
 * })
 * account.variables.map((variable) => variable.name)
 * // ["WOZTELL_ACCESS_TOKEN", "WOZTELL_CHANNEL_ID", "WOZTELL_WABA_ID", "WOZTELL_PHONE_NUMBER_ID",
 * //  "WOZTELL_BASE_URL", "WOZTELL_QUOTA_DIR"]
 *
 * @since 0.2.0
 */
import * as Provider from "./Provider.js"

/**
 * What differs between such providers, beside their name: what their access token is, the variables read beside it (`credentials`, before the account's) and after the account's
 * (`settings`), and what their quota directory keeps.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** What the access token is, in a few words. */
  readonly accessToken: string
  readonly credentials: ReadonlyArray<Provider.Variable>
  readonly settings: ReadonlyArray<Provider.Variable>
  /** What the quota directory keeps (`"Meta's limits"`). */
  readonly quota: string
}

/**
 * The variables a provider's `layerConfig` reads and the defaults they give.
 *
 * @since 0.2.0
 * @category models
 */
export interface Environment {
  readonly variables: ReadonlyArray<Provider.Variable>
  readonly defaults: Provider.Defaults
}

/**
 * The variables of the provider named `name` (the descriptor's name: `"meta"` for
 * `META_ACCESS_TOKEN`, `META_WABA_ID` …), and the defaults of `--waba-id` and
 * `--number` they give.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (name: string, options: Options): Environment => {
  const prefix = name.toUpperCase()
  const account = Provider.accountDefaults({ wabaId: `${prefix}_WABA_ID`, number: `${prefix}_PHONE_NUMBER_ID` })
  return {
    variables: [
      Provider.secret(`${prefix}_ACCESS_TOKEN`, options.accessToken, { required: true, account: true }),
      ...options.credentials,
      ...account.variables,
      ...options.settings,
      Provider.quotaDirectory(`${prefix}_QUOTA_DIR`, options.quota)
    ],
    defaults: account.defaults
  }
}
