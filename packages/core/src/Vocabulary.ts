/**
 * The plain word lists of the domain — verticals, template categories and statuses, WABA
 * permission tasks — each spelled once, as `as const` arrays.
 *
 * This module imports nothing: the schemas of `Vertical`, `Template` and `CloudApi` are built
 * from these lists, and a program that only needs the words (the command line's help texts, for
 * one) reads them here without loading a schema.
 *
 * @example
 * import * as Vocabulary from "@wa-admin/core/Vocabulary"
 *
 * console.log(Vocabulary.verticals.join(", "))
 *
 * @since 0.1.0
 */

/**
 * The canonical business verticals, in canonical order (the `Vertical` schema's literals).
 *
 * @since 0.1.0
 * @category verticals
 */
export const verticals = [
  "Automotive",
  "Beauty",
  "Apparel",
  "Education",
  "Entertainment",
  "EventPlanning",
  "Finance",
  "Grocery",
  "Government",
  "Hotel",
  "Health",
  "NonProfit",
  "ProfessionalServices",
  "Retail",
  "Travel",
  "Restaurant",
  "Other",
  "NotABusiness"
] as const

/**
 * The categories a template can be created in (the `TemplateCategory` schema's literals).
 *
 * @since 0.1.0
 * @category templates
 */
export const templateCategories = ["MARKETING", "UTILITY", "AUTHENTICATION", "TRANSACTIONAL", "OTP"] as const

/**
 * Template statuses known to the providers' documents (`Template.knownStatuses`).
 *
 * @since 0.1.0
 * @category templates
 */
export const templateStatuses = [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "PENDING_DELETION",
  "DELETED"
] as const

/**
 * The tasks a user can be given on a WhatsApp Business Account (the document's
 * `WhatsAppBusinessAccountPermissionTask`; the `CloudApi.WabaPermissionTask` schema's literals).
 *
 * @since 0.2.0
 * @category accounts
 */
export const wabaPermissionTasks = [
  "MANAGE",
  "DEVELOP",
  "MANAGE_TEMPLATES",
  "MANAGE_PHONE",
  "VIEW_COST",
  "MANAGE_EXTENSIONS",
  "VIEW_PHONE_ASSETS",
  "MANAGE_PHONE_ASSETS",
  "VIEW_TEMPLATES",
  "VIEW_INSIGHTS",
  "RECEIVE_INCOMING_MESSAGES",
  "MANAGE_BILLING",
  "MANAGE_USERS",
  "MESSAGING",
  "FULL_CONTROL"
] as const
