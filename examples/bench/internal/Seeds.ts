/**
 * Utility templates to seed an emulator with: `count` of them, numbered, in English, each with
 * a text header, a body with its example, a footer and, when given, buttons.
 */

/** What each seeded template says. */
export interface Spec {
  /** The name's stem: `order_update` gives `order_update_00000`, `order_update_00001` … */
  readonly stem: string
  /** Digits of the number in each name. */
  readonly digits: number
  readonly header: string
  readonly body: string
  readonly example: ReadonlyArray<string>
  readonly footer: string
  readonly buttons?: ReadonlyArray<Record<string, string>>
}

/** `count` templates after `spec`, as the emulators' `seedTemplates` takes them. */
export const utilityTemplates = (count: number, spec: Spec) =>
  Array.from({ length: count }, (_, index) => ({
    name: `${spec.stem}_${String(index).padStart(spec.digits, "0")}`,
    language: "en_US",
    category: "UTILITY",
    components: [
      { type: "HEADER", format: "TEXT", text: spec.header },
      { type: "BODY", text: spec.body, example: { body_text: [spec.example] } },
      { type: "FOOTER", text: spec.footer },
      ...(spec.buttons === undefined ? [] : [{ type: "BUTTONS", buttons: spec.buttons }])
    ]
  }))
