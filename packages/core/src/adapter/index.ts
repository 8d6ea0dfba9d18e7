/**
 * `@wa-admin/core/adapter` — the toolkit for adapter authors, kept apart from the user-facing API:
 * endpoints as data, the one client every adapter is built on, operations (validate → run →
 * span), layer assembly and the provider descriptor.
 *
 * An adapter is config + auth + error classification + a table of endpoints:
 *
 * @example
 * import { AdapterClient, Endpoint } from "@wa-admin/core/adapter"
 *
 * @since 0.1.0
 */

/** @since 0.2.0 */
export * as Accessors from "./Accessors.js"
/** @since 0.1.0 */
export * as Adapter from "./Adapter.js"
/** @since 0.1.0 */
export * as AdapterClient from "./AdapterClient.js"
/** @since 0.2.0 */
export * as AdapterConfig from "./AdapterConfig.js"
/** @since 0.1.0 */
export * as Endpoint from "./Endpoint.js"
/** @since 0.1.0 */
export * as Operation from "./Operation.js"
/** @since 0.1.0 */
export * as Provider from "./Provider.js"
/** @since 0.2.0 */
export * as TemplateVersions from "./TemplateVersions.js"
/** @since 0.2.0 */
export * as CloudApi from "./CloudApi.js"
/** @since 0.2.0 */
export * as ProfileRules from "./ProfileRules.js"
/** @since 0.2.0 */
export * as FlowLifecycle from "./FlowLifecycle.js"
/** @since 0.2.0 */
export * as SnakeCase from "./SnakeCase.js"
/** @since 0.2.0 */
export * as WabaAccount from "./WabaAccount.js"
