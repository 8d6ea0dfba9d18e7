/**
 * Sample WhatsApp Flow JSON for tests and examples: the newsletter-preferences flow of WOZTELL's
 * Flows document — one screen, "Update Preferences", holding a form with a checkbox group of
 * communication types and a footer that completes the flow with the choices.
 *
 * @example
 * import { SampleFlows } from "@wa-admin/core/testing"
 *
 * // The document's example: one option, a terminal screen.
 * const json = SampleFlows.preferences({ screenId: "PREFERENCES", options: ["Special offers and promotions"] })
 *
 * @since 0.2.0
 */

/**
 * The preferences form: a required checkbox group `communicationTypes` with one option a title
 * (ids "0", "1", … in order) and a "Done" footer completing the flow with the choices.
 *
 * @since 0.2.0
 * @category samples
 */
export const preferencesForm = (options: ReadonlyArray<string>) => ({
  type: "Form",
  name: "form",
  children: [
    {
      type: "CheckboxGroup",
      label: "Communication types",
      required: true,
      name: "communicationTypes",
      "data-source": options.map((title, index) => ({ id: String(index), title }))
    },
    {
      type: "Footer",
      label: "Done",
      "on-click-action": { name: "complete", payload: { communicationTypes: "${form.communicationTypes}" } }
    }
  ]
})

/**
 * The preferences flow (Flow JSON version 3.1): one "Update Preferences" screen `screenId` with
 * the {@link preferencesForm} of `options`, terminal unless `terminal` is `false` (a flow whose
 * only screen is not terminal is one Meta's validation refuses).
 *
 * @since 0.2.0
 * @category samples
 */
export const preferences = (flow: {
  readonly screenId: string
  readonly options: ReadonlyArray<string>
  readonly terminal?: boolean
}) => ({
  version: "3.1",
  screens: [
    {
      id: flow.screenId,
      title: "Update Preferences",
      data: {},
      ...(flow.terminal === false ? {} : { terminal: true }),
      layout: { type: "SingleColumnLayout", children: [preferencesForm(flow.options)] }
    }
  ]
})
