/**
 * One pass over a text that undoes the escapes a server may wrap an echoed value in — in any
 * mixture, character by character: percent-encoding (`%2b`, `%2B`, UTF-8 sequences), HTML
 * character references (`&#43;`, `&#x2b;`, `&#X2B;`, `&plus;`) and JSON string escapes
 * (`\u002b`, `\u002B`, `\n`, `\/` …). Each character of the result remembers the stretch of the
 * original text it came from, so that what is found in the result can be masked in the original.
 *
 * @internal
 */

/** The HTML named references of the ASCII characters that have one (HTML5; the names are case-sensitive). */
const named: Readonly<Record<string, string>> = {
  Tab: "\t",
  NewLine: "\n",
  excl: "!",
  quot: "\"",
  QUOT: "\"",
  num: "#",
  dollar: "$",
  percnt: "%",
  amp: "&",
  AMP: "&",
  apos: "'",
  lpar: "(",
  rpar: ")",
  ast: "*",
  midast: "*",
  plus: "+",
  comma: ",",
  period: ".",
  sol: "/",
  colon: ":",
  semi: ";",
  lt: "<",
  LT: "<",
  equals: "=",
  gt: ">",
  GT: ">",
  quest: "?",
  commat: "@",
  lsqb: "[",
  lbrack: "[",
  bsol: "\\",
  rsqb: "]",
  rbrack: "]",
  Hat: "^",
  lowbar: "_",
  UnderBar: "_",
  grave: "`",
  DiacriticalGrave: "`",
  lcub: "{",
  lbrace: "{",
  verbar: "|",
  vert: "|",
  VerticalLine: "|",
  rcub: "}",
  rbrace: "}"
}

const jsonEscapes: Readonly<Record<string, string>> = {
  "\"": "\"",
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t"
}

const hexValue = (code: number): number =>
  code >= 0x30 && code <= 0x39
    ? code - 0x30
    : code >= 0x41 && code <= 0x46
    ? code - 0x37
    : code >= 0x61 && code <= 0x66
    ? code - 0x57
    : -1

/** The text ends before the escape that starts here could end. */
const short = "short"

/** The byte of `%XX` at `index`, -1 when there is none, `short` when the text ends inside it. */
const percentByte = (text: string, index: number): number | typeof short => {
  if (index >= text.length) return short
  if (text.charCodeAt(index) !== 0x25) return -1
  const high = index + 1 < text.length ? hexValue(text.charCodeAt(index + 1)) : -2
  const low = index + 2 < text.length ? hexValue(text.charCodeAt(index + 2)) : -2
  if (high === -1 || low === -1) return -1
  return high === -2 || low === -2 ? short : high * 16 + low
}

const isScalar = (codePoint: number) =>
  codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff)

interface Decoded {
  readonly units: string
  readonly end: number
}

const decodePercent = (text: string, index: number): Decoded | typeof short | undefined => {
  const lead = percentByte(text, index)
  if (lead === short) return short
  if (lead < 0) return undefined
  if (lead < 0x80) return { units: String.fromCharCode(lead), end: index + 3 }
  const continuations = lead >= 0xc2 && lead <= 0xdf
    ? 1
    : lead >= 0xe0 && lead <= 0xef
    ? 2
    : lead >= 0xf0 && lead <= 0xf4
    ? 3
    : 0
  if (continuations === 0) return undefined
  let codePoint = lead & (0x3f >> continuations)
  let at = index + 3
  for (let count = 0; count < continuations; count++) {
    const byte = percentByte(text, at)
    if (byte === short) return short
    if (byte < 0x80 || byte > 0xbf) return undefined
    codePoint = (codePoint << 6) | (byte & 0x3f)
    at += 3
  }
  const minimum = [0, 0x80, 0x800, 0x10000][continuations] ?? 0
  return codePoint >= minimum && isScalar(codePoint) ? { units: String.fromCodePoint(codePoint), end: at } : undefined
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39
const isAlphanumeric = (code: number) =>
  isDigit(code) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)

/** A numeric reference may pad with zeros, but no further than this (a bound keeps the pass linear). */
const maxReferenceDigits = 12

const decodeEntity = (text: string, index: number): Decoded | typeof short | undefined => {
  if (index + 1 >= text.length) return short
  if (text.charCodeAt(index + 1) === 0x23) {
    if (index + 2 >= text.length) return short
    const hex = text.charCodeAt(index + 2) === 0x78 || text.charCodeAt(index + 2) === 0x58
    let at = index + (hex ? 3 : 2)
    const start = at
    let codePoint = 0
    while (at < text.length && at - start < maxReferenceDigits) {
      const code = text.charCodeAt(at)
      const digit = hex ? hexValue(code) : isDigit(code) ? code - 0x30 : -1
      if (digit < 0) break
      codePoint = codePoint * (hex ? 16 : 10) + digit
      at++
    }
    if (at >= text.length) return short
    // A surrogate half stands for itself, as a server escaping UTF-16 units one by one writes it.
    if (at === start || text.charCodeAt(at) !== 0x3b || codePoint === 0 || codePoint > 0x10ffff) return undefined
    return {
      units: codePoint <= 0xffff ? String.fromCharCode(codePoint) : String.fromCodePoint(codePoint),
      end: at + 1
    }
  }
  let at = index + 1
  while (at < text.length && at - index <= 16 && isAlphanumeric(text.charCodeAt(at))) at++
  if (at >= text.length) return short
  if (text.charCodeAt(at) !== 0x3b) return undefined
  const character = named[text.slice(index + 1, at)]
  return character === undefined ? undefined : { units: character, end: at + 1 }
}

const decodeJsonEscape = (text: string, index: number): Decoded | typeof short | undefined => {
  const next = text[index + 1]
  if (next === undefined) return short
  if (next === "u") {
    let value = 0
    for (let offset = 2; offset < 6; offset++) {
      if (index + offset >= text.length) return short
      const digit = hexValue(text.charCodeAt(index + offset))
      if (digit < 0) return undefined
      value = value * 16 + digit
    }
    return { units: String.fromCharCode(value), end: index + 6 }
  }
  const escaped = jsonEscapes[next]
  return escaped === undefined ? undefined : { units: escaped, end: index + 2 }
}

/**
 * A text with its escapes undone, and where each of its characters came from.
 *
 * @internal
 */
export interface Unescaped {
  readonly text: string
  /** Where character `index` of `text` starts in the original. */
  readonly sourceStart: (index: number) => number
  /** Where character `index` of `text` ends (exclusive) in the original. */
  readonly sourceEnd: (index: number) => number
}

const escapeStart = /[%&\\]/

const decodeAt = (text: string, index: number): Decoded | typeof short | undefined => {
  const code = text.charCodeAt(index)
  return code === 0x25
    ? decodePercent(text, index)
    : code === 0x26
    ? decodeEntity(text, index)
    : code === 0x5c
    ? decodeJsonEscape(text, index)
    : undefined
}

/** The longest escape: four `%XX`, or a reference padded to its digit bound. */
const longestEscape = 4 * 3 + 4 + maxReferenceDigits

/**
 * Where an escape begins that the end of the text cuts short (`%E2%8`, `&#x2`, `\u00`), or the
 * text's length when there is none. What such an escape would have encoded cannot be told.
 *
 * @internal
 */
export const cutEscapeStart = (text: string): number => {
  for (let index = Math.max(0, text.length - longestEscape); index < text.length; index++) {
    if (decodeAt(text, index) === short) return index
  }
  return text.length
}

/** Grows a typed array to hold at least `size` entries. */
const room = (array: Int32Array, size: number): Int32Array => {
  if (size <= array.length) return array
  const grown = new Int32Array(Math.max(size, array.length * 2))
  grown.set(array)
  return grown
}

/**
 * The text with every recognised escape undone, or `undefined` when it holds none. Linear in
 * the length of the text; the result is built in typed arrays, so that a long text dense with
 * escapes makes no garbage per escape beyond its decoding.
 *
 * @internal
 */
export const unescape = (text: string): Unescaped | undefined => {
  if (!escapeStart.test(text)) return undefined
  // Never longer than the text: every escape takes more characters than it yields.
  const units = new Uint16Array(text.length)
  let length = 0
  // One entry per escape: where its characters start and end in the result, where it spans in
  // the original. Between escapes, characters map one to one.
  let escapes = 0
  let resultStart: Int32Array = new Int32Array(64)
  let resultEnd: Int32Array = new Int32Array(64)
  let sourceStart: Int32Array = new Int32Array(64)
  let sourceEnd: Int32Array = new Int32Array(64)
  let index = 0
  while (index < text.length) {
    const code = text.charCodeAt(index)
    const decoded = code === 0x25 || code === 0x26 || code === 0x5c ? decodeAt(text, index) : undefined
    if (decoded === undefined || decoded === short) {
      units[length++] = code
      index++
      continue
    }
    resultStart = room(resultStart, escapes + 1)
    resultEnd = room(resultEnd, escapes + 1)
    sourceStart = room(sourceStart, escapes + 1)
    sourceEnd = room(sourceEnd, escapes + 1)
    resultStart[escapes] = length
    for (let unit = 0; unit < decoded.units.length; unit++) units[length++] = decoded.units.charCodeAt(unit)
    resultEnd[escapes] = length
    sourceStart[escapes] = index
    sourceEnd[escapes] = decoded.end
    escapes++
    index = decoded.end
  }
  if (escapes === 0) return undefined
  const chunks: Array<string> = []
  for (let from = 0; from < length; from += 8192) {
    chunks.push(String.fromCharCode(...units.subarray(from, Math.min(length, from + 8192))))
  }
  /** The last escape starting at or before `position` in the result, or -1. */
  const escapeAt = (position: number): number => {
    let low = 0
    let high = escapes - 1
    if ((resultStart[0] ?? 0) > position) return -1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((resultStart[middle] ?? 0) <= position) low = middle
      else high = middle - 1
    }
    return low
  }
  const start = (position: number): number => {
    const escape = escapeAt(position)
    if (escape < 0) return position
    const end = resultEnd[escape] ?? 0
    return position < end ? (sourceStart[escape] ?? 0) : (sourceEnd[escape] ?? 0) + position - end
  }
  return {
    text: chunks.join(""),
    sourceStart: start,
    sourceEnd: (position) => {
      const escape = escapeAt(position)
      return escape >= 0 && position < (resultEnd[escape] ?? 0) ? (sourceEnd[escape] ?? 0) : start(position) + 1
    }
  }
}
