// The command that is running, as the tree knows it, so that a failure can name the flag to fix
// for a field the library names (`providerOptions.vonage.vnameCertificate` → `--vname-certificate`).
import { Context } from "effect"
import type { Node } from "./commandTree.js"

/** The command being run (its path, flags and arguments). */
export class CurrentCommand extends Context.Tag("@wa-admin/cli/CurrentCommand")<CurrentCommand, Node>() {}

/** Fields whose flag is not their name in kebab case. */
const renamed: Readonly<Record<string, string>> = {
  verificationMethod: "method",
  bodyExamples: "body-example",
  publicKey: "public-key-file"
}

const kebab = (word: string) => word.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

/** `websites` → `website`, `categories` → `category`: a list field's flag is named in the singular. */
const singular = (word: string): ReadonlyArray<string> =>
  word.endsWith("ies") ? [word, `${word.slice(0, -3)}y`] : word.endsWith("s") ? [word, word.slice(0, -1)] : [word]

/**
 * The flag of `node` that sets `field` (a dotted path, list indexes included): the longest tail
 * of the path that, in kebab case (and in the singular), names one of its flags.
 */
export const flagFor = (node: Node, field: string): string | undefined => {
  const names = new Set(node.flags.map((flag) => flag.name))
  const segments = field.split(".").filter((segment) => segment.length > 0 && !/^\d+$/.test(segment))
  for (let take = segments.length; take >= 1; take--) {
    const tail = segments.slice(segments.length - take)
    const last = tail[tail.length - 1] ?? ""
    const lead = tail.slice(0, -1).map(kebab)
    const endings = [...(renamed[last] === undefined ? [] : [renamed[last]]), ...singular(kebab(last))]
    for (const ending of endings) {
      const name = `--${[...lead, ending].join("-")}`
      if (names.has(name)) return name
    }
  }
  return undefined
}
