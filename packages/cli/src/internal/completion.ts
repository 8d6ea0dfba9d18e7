// Completion scripts for bash, zsh and fish, written from the command tree: each completes the
// commands at every depth, the flags of the command typed so far (its own, the global and the
// built-in ones, nothing else), the values of a flag with choices (and file names for a file),
// and skips the value a flag takes when it works out where the command line is. Loaded only for
// `wa-admin --completions SHELL`.
import * as Builtins from "./builtins.js"
import type { Flag, Node } from "./commandTree.js"
import * as CommandTree from "./commandTree.js"

/** Values to offer beyond a flag's own choices (the providers of `--provider`, say). */
export interface Values {
  /** By flag name, for every command that has the flag. */
  readonly flags: Readonly<Record<string, ReadonlyArray<string>>>
  /** By command path (`emulator`), for its positional arguments. */
  readonly positionals: Readonly<Record<string, ReadonlyArray<string>>>
}

/** What a shell offers for a flag's value. */
type Offer =
  | { readonly _tag: "Words"; readonly words: ReadonlyArray<string> }
  | { readonly _tag: "Files" }
  | { readonly _tag: "Anything" }

interface Entry {
  readonly path: string
  readonly node: Node
  readonly children: ReadonlyArray<Node>
  /** The flags it takes: its own, and the global and built-in ones. */
  readonly flags: ReadonlyArray<Flag>
  /** Those of them that take a value, with what to offer for it. */
  readonly valueFlags: ReadonlyArray<readonly [Flag, Offer]>
  /** What to offer for its positional arguments. */
  readonly positionals: ReadonlyArray<string>
}

const offerFor = (flag: Flag, values: Values): Offer => {
  const words = values.flags[flag.name] ?? flag.choices
  if (words.length > 0) return { _tag: "Words", words }
  return flag.type === "file" || flag.type === "path" || flag.type === "directory"
    ? { _tag: "Files" }
    : { _tag: "Anything" }
}

/** Every command, with what it completes. */
const entries = (root: Node, values: Values): ReadonlyArray<Entry> =>
  CommandTree.all(root).map((node) => {
    const path = node.path.join(" ")
    const own = node.children.length > 0 ? root.flags : node.flags
    const flags = [...own, ...(node === root ? Builtins.topLevel : Builtins.everywhere)]
    return {
      path,
      node,
      children: node.children,
      flags,
      valueFlags: flags.filter((flag) => flag.takesValue).map((flag) => [flag, offerFor(flag, values)] as const),
      positionals: node.positionals.length === 0
        ? []
        : values.positionals[path] ?? node.positionals.flatMap((positional) => positional.choices)
    }
  })

const names = (flag: Flag) => [flag.name, ...flag.aliases]

const firstSentence = (text: string) => text.split(/(?<=[.!?])\s+/)[0] ?? ""

/** A word list for the shell, single-quoted. */
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

const caseArm = (pattern: string, body: string) => `    ${quoted(pattern)}) ${body} ;;`

/** The data a bash or zsh script looks up, as functions of one `case` each over the command's path. */
const tables = (
  all: ReadonlyArray<Entry>,
  shell: {
    /** A function's body before its `case` (zsh empties `reply`). */
    readonly prelude: ReadonlyArray<string>
    /** How a function answers a list of words, each with its description. */
    readonly words: (words: ReadonlyArray<readonly [word: string, description: string]>) => string
    /** How the function for a flag's value offers it. */
    readonly offer: (offer: Offer) => string
  }
): string => {
  const table = (name: string, arms: ReadonlyArray<string>) =>
    [`_wa_admin_${name}() {`, ...shell.prelude, `  case "$1" in`, ...arms, "  esac", "}"].join("\n")
  const flagWords = (flags: ReadonlyArray<Flag>) =>
    flags.flatMap((flag) => names(flag).map((name) => [name, firstSentence(flag.description)] as const))
  return [
    table(
      "children",
      all.filter((entry) => entry.children.length > 0).map((entry) =>
        caseArm(entry.path, shell.words(entry.children.map((child) => [child.name, firstSentence(child.description)])))
      )
    ),
    table("flags", all.map((entry) => caseArm(entry.path, shell.words(flagWords(entry.flags))))),
    table(
      "value_flags",
      all.map((entry) => caseArm(entry.path, shell.words(flagWords(entry.valueFlags.map(([flag]) => flag)))))
    ),
    table(
      "values",
      all.flatMap((entry) =>
        entry.valueFlags.flatMap(([flag, offer]) =>
          names(flag).map((name) => caseArm(`${entry.path}|${name}`, shell.offer(offer)))
        )
      )
    ),
    table(
      "positionals",
      all.filter((entry) => entry.positionals.length > 0).map((entry) =>
        caseArm(entry.path, shell.words(entry.positionals.map((word) => [word, ""])))
      )
    )
  ].join("\n")
}

// ---------------------------------------------------------------------------------------------
// bash
// ---------------------------------------------------------------------------------------------

const bash = (root: Node, values: Values): string => {
  const data = tables(entries(root, values), {
    prelude: [],
    words: (words) => `echo ${quoted(words.map(([word]) => word).join(" "))}`,
    offer: (offer) => {
      switch (offer._tag) {
        case "Words":
          return `COMPREPLY=( $(compgen -W ${quoted(offer.words.join(" "))} -- "$3") )`
        case "Files":
          return `COMPREPLY=( $(compgen -f -- "$3") )`
        case "Anything":
          return "COMPREPLY=()"
      }
    }
  })
  return `# wa-admin completion for bash. Load it with:
#   source <(wa-admin --completions bash)
${data}
_wa_admin_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" at="" word i=1 expect=""
  while [ "$i" -lt "$COMP_CWORD" ]; do
    word="\${COMP_WORDS[i]}"
    i=$((i + 1))
    if [ "$word" = "=" ]; then expect=1; continue; fi
    if [ -n "$expect" ]; then expect=""; continue; fi
    case "$word" in
      --*=*) ;;
      -*) case " $(_wa_admin_value_flags "$at") " in *" $word "*) expect=1 ;; esac ;;
      *) case " $(_wa_admin_children "$at") " in *" $word "*) at="\${at:+$at }$word" ;; esac ;;
    esac
  done
  [ "$COMP_CWORD" -gt 0 ] && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ] && prev="\${COMP_WORDS[COMP_CWORD-2]}"
  COMPREPLY=()
  if [ -n "$expect" ]; then
    _wa_admin_values "$at|$prev" "$prev" "$cur"
    return 0
  fi
  case "$cur" in
    -*) COMPREPLY=( $(compgen -W "$(_wa_admin_flags "$at")" -- "$cur") ) ;;
    *)
      local children
      children="$(_wa_admin_children "$at")"
      if [ -n "$children" ]; then
        COMPREPLY=( $(compgen -W "$children" -- "$cur") )
      else
        COMPREPLY=( $(compgen -W "$(_wa_admin_positionals "$at")" -- "$cur") )
      fi
      ;;
  esac
  return 0
}
complete -F _wa_admin_complete wa-admin
`
}

// ---------------------------------------------------------------------------------------------
// zsh
// ---------------------------------------------------------------------------------------------

/** A `name:description` pair for `_describe` (its colons escaped). */
const described = (name: string, description: string) =>
  `${name.replace(/:/g, "\\:")}:${description.replace(/\s+/g, " ").replace(/:/g, "\\:")}`

const zsh = (root: Node, values: Values): string => {
  const data = tables(entries(root, values), {
    prelude: ["  reply=()"],
    words: (words) => `reply=( ${words.map(([word, description]) => quoted(described(word, description))).join(" ")} )`,
    offer: (offer) => {
      switch (offer._tag) {
        case "Words":
          return `compadd -- ${offer.words.map(quoted).join(" ")}`
        case "Files":
          return "_files"
        case "Anything":
          return "_message -r 'a value'"
      }
    }
  })
  return `#compdef wa-admin
# wa-admin completion for zsh. Load it with:
#   source <(wa-admin --completions zsh)
${data}
_wa_admin() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" at="" word expect="" i
  local -a reply
  for (( i = 2; i < CURRENT; i++ )); do
    word="\${words[i]}"
    if [[ -n $expect ]]; then expect=""; continue; fi
    case "$word" in
      --*=*) ;;
      -*) _wa_admin_value_flags "$at"; (( \${reply[(I)\${word}:*]} )) && expect=1 ;;
      *) _wa_admin_children "$at"; (( \${reply[(I)\${word}:*]} )) && at="\${at:+$at }$word" ;;
    esac
  done
  if [[ -n $expect ]]; then
    _wa_admin_values "$at|$prev"
    return
  fi
  if [[ $cur == -* ]]; then
    _wa_admin_flags "$at"
    _describe -t flags 'flag' reply
    return
  fi
  _wa_admin_children "$at"
  if (( \${#reply} )); then
    _describe -t commands 'command' reply
  else
    _wa_admin_positionals "$at"
    (( \${#reply} )) && compadd -- "\${reply[@]%%:*}"
  fi
}
if (( $+functions[compdef] )); then
  compdef _wa_admin wa-admin
fi
`
}

// ---------------------------------------------------------------------------------------------
// fish
// ---------------------------------------------------------------------------------------------

const fishQuoted = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`

const fish = (root: Node, values: Values): string => {
  const all = entries(root, values)
  const table = (name: string, arms: ReadonlyArray<readonly [string, ReadonlyArray<string>]>) =>
    [
      `function __wa_admin_${name}`,
      `    switch "$argv[1]"`,
      ...arms.flatMap((
        [path, words]
      ) => [`        case ${fishQuoted(path)}`, `            printf '%s\\n' ${words.map(fishQuoted).join(" ")}`]),
      "    end",
      "end"
    ].join("\n")
  const children = table(
    "children",
    all.filter((entry) => entry.children.length > 0).map((
      entry
    ) => [entry.path, entry.children.map((child) => child.name)])
  )
  const valueFlags = table(
    "value_flags",
    all.map((entry) => [entry.path, entry.valueFlags.flatMap(([flag]) => names(flag))] as const)
      .filter(([, flags]) => flags.length > 0)
  )
  const offers = new Map(all.flatMap((entry) => entry.valueFlags))
  const completions = all.flatMap((entry) => {
    const at = `-n ${fishQuoted(`__wa_admin_at ${fishQuoted(entry.path)}`)}`
    const commands = entry.children.map((child) =>
      `complete -c wa-admin ${at} -a ${fishQuoted(child.name)} -d ${fishQuoted(firstSentence(child.description))}`
    )
    const flags = entry.flags.map((flag) => {
      const spelled = names(flag).map((name) => (name.startsWith("--") ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`))
        .join(" ")
      const offer = offers.get(flag)
      const value = offer === undefined
        ? ""
        : offer._tag === "Words"
        ? ` -x -a ${fishQuoted(offer.words.join(" "))}`
        : offer._tag === "Files"
        ? " -r -F"
        : " -x"
      return `complete -c wa-admin ${at} ${spelled}${value} -d ${fishQuoted(firstSentence(flag.description))}`
    })
    const positional = entry.positionals.length === 0
      ? []
      : [`complete -c wa-admin ${at} -a ${fishQuoted(entry.positionals.join(" "))}`]
    return [...commands, ...flags, ...positional]
  })
  return `# wa-admin completion for fish. Load it with:
#   wa-admin --completions fish | source
${children}
${valueFlags}
function __wa_admin_path
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l at
    set -l expect 0
    for token in $tokens
        if test $expect = 1
            set expect 0
            continue
        end
        switch $token
            case '--*=*'
            case '-*'
                if contains -- $token (__wa_admin_value_flags (string join ' ' $at))
                    set expect 1
                end
            case '*'
                if contains -- $token (__wa_admin_children (string join ' ' $at))
                    set -a at $token
                end
        end
    end
    string join ' ' $at
end
function __wa_admin_at
    set -l here (__wa_admin_path)
    test "$here" = "$argv[1]"
end
complete -c wa-admin -f
${completions.join("\n")}
`
}

/** The completion script for `shell`. */
export const script = (shell: Builtins.Shell, root: Node, values: Values): string => {
  switch (shell) {
    case "bash":
      return bash(root, values)
    case "zsh":
      return zsh(root, values)
    case "fish":
      return fish(root, values)
  }
}
