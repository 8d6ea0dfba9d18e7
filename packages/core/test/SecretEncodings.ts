/**
 * The ways a hostile or careless server may echo a secret back, for the redaction tests and the
 * reliability suite: secrets of every kind the adapters hold (a JWT, API keys, a signed context,
 * a password full of characters that get escaped, a non-ASCII secret, a real PEM private key),
 * every whole encoding (percent-encoding in either case, HTML references of each kind, JSON
 * escapes, base64 and base64url, alone or inside a longer encoded value) and mixtures that
 * encode each character its own way.
 */
import { AdminError } from "@wa-admin/core"
import type { Transport } from "@wa-admin/core"
import { generateKeyPairSync } from "node:crypto"

/** A real RSA private key (PKCS#8 PEM, about 1.7 KB), as the Vonage adapter holds one. */
export const pem = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" }
}).privateKey

/** Secrets of every kind the adapters hold, each with characters that get escaped. */
export const kinds = {
  jwt: "eyJhbGciOiJSUzI1NiJ9.eyJhcHBsaWNhdGlvbl9pZCI6ImFiYyJ9.c2ln+bmF0/dXJl=",
  apiKey: "Ac4f00ba+221f/x=",
  signedContext: "1RJ7rKRTHbOBoY95AgtXF5WT2578gy9+b4ekBp727cQ=.eyJhcHAiOiJ4In0=",
  password: `p&ss<w>rd"'~ !*()`,
  unicode: "sécret-😀-ключ-42",
  pem
} as const

const hex = (code: number, upper: boolean) => (upper ? code.toString(16).toUpperCase() : code.toString(16))
const utf8Bytes = (character: string) => [...Buffer.from(character, "utf8")]
const perCharacter = (secret: string, encode: (character: string) => string) => [...secret].map(encode).join("")
const percentEvery = (upper: boolean) => (character: string) =>
  utf8Bytes(character).map((byte) => `%${hex(byte, upper).padStart(2, "0")}`).join("")
const htmlNames: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\"": "&quot;",
  "'": "&apos;",
  "+": "&plus;",
  "/": "&sol;",
  "=": "&equals;",
  "!": "&excl;",
  "(": "&lpar;",
  ")": "&rpar;",
  "*": "&ast;",
  ".": "&period;",
  "\n": "&NewLine;"
}
const jsonU = (upper: boolean) => (character: string) =>
  [...character].flatMap((unit) => {
    const codes = unit.length === 1 ? [unit.charCodeAt(0)] : [unit.charCodeAt(0), unit.charCodeAt(1)]
    return codes.map((code) => `\\u${hex(code, upper).padStart(4, "0")}`)
  }).join("")
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64")
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url")

/** Every way a server could echo a secret, whole. */
export const encodings: ReadonlyArray<readonly [string, (secret: string) => string]> = [
  ["raw", (secret) => secret],
  ["percent-encoded (upper case)", (secret) => encodeURIComponent(secret)],
  [
    "percent-encoded (lower case)",
    (secret) => encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
  ],
  ["percent-encoded, every character (upper case)", (secret) => perCharacter(secret, percentEvery(true))],
  ["percent-encoded, every character (lower case)", (secret) => perCharacter(secret, percentEvery(false))],
  [
    "form-encoded (URLSearchParams)",
    (secret) => new URLSearchParams({ v: secret }).toString().slice(2).replaceAll("+", "%20")
  ],
  ["HTML decimal references", (secret) => perCharacter(secret, (character) => `&#${character.codePointAt(0)};`)],
  [
    "HTML hex references (lower case)",
    (secret) => perCharacter(secret, (character) => `&#x${hex(character.codePointAt(0) ?? 0, false)};`)
  ],
  [
    "HTML hex references (upper case)",
    (secret) => perCharacter(secret, (character) => `&#X${hex(character.codePointAt(0) ?? 0, true)};`)
  ],
  [
    "HTML, only special characters as decimal (&#43;)",
    (secret) => secret.replace(/[^A-Za-z0-9]/g, (character) => `&#${character.codePointAt(0)};`)
  ],
  ["HTML named references", (secret) => perCharacter(secret, (character) => htmlNames[character] ?? character)],
  ["JSON \\u escapes (lower case)", (secret) => perCharacter(secret, jsonU(false))],
  ["JSON \\u escapes (upper case)", (secret) => perCharacter(secret, jsonU(true))],
  ["a JSON string", (secret) => JSON.stringify(secret).slice(1, -1)],
  ["a JSON string with escaped slashes", (secret) => JSON.stringify(secret).slice(1, -1).replaceAll("/", "\\/")],
  ["base64", base64],
  ["base64 without padding", (secret) => base64(secret).replace(/=+$/, "")],
  ["base64url", base64url],
  ["base64url with padding", (secret) => base64url(secret).padEnd(base64(secret).length, "=")],
  ["base64 of user:secret (offset 1)", (secret) => base64(`u:${secret}`)],
  ["base64 of a JSON payload holding it (offset 2)", (secret) => base64(`{"k":"${secret}"}`)],
  ["base64url inside a token (offset 0, more after)", (secret) => base64url(`${secret}|2024-01-01`)],
  ["percent-encoded base64", (secret) => encodeURIComponent(base64(secret))],
  ["HTML-escaped base64 (&#43; for +)", (secret) => base64(secret).replaceAll("+", "&#43;").replaceAll("/", "&#x2F;")],
  ["percent-encoded twice", (secret) => encodeURIComponent(encodeURIComponent(secret))],
  [
    "HTML references, then percent-encoded",
    (secret) => encodeURIComponent(perCharacter(secret, (character) => `&#${character.codePointAt(0)};`))
  ],
  ["JSON \\u escapes inside a JSON string", (secret) => JSON.stringify(perCharacter(secret, jsonU(false))).slice(1, -1)]
]

/** A small deterministic generator, so that a failing mixture can be replayed. */
const generator = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const characterEncodings: ReadonlyArray<(character: string) => string> = [
  (character) => character,
  percentEvery(true),
  percentEvery(false),
  (character) => `&#${character.codePointAt(0)};`,
  (character) => `&#x${hex(character.codePointAt(0) ?? 0, false)};`,
  (character) => `&#X${hex(character.codePointAt(0) ?? 0, true)};`,
  (character) => htmlNames[character] ?? character,
  jsonU(false),
  jsonU(true)
]

/** A server that encodes only some characters, each its own way. */
export const mixture = (secret: string, seed: number): string => {
  const next = generator(seed)
  return perCharacter(
    secret,
    (character) => characterEncodings[Math.floor(next() * characterEncodings.length)]?.(character) ?? character
  )
}

/** The options of an adapter whose `classify` carelessly copies the raw failure body into its error. */
export const copyingClassify = {
  classify: (failure: Transport.Failure) =>
    new AdminError.Conflict({
      provider: "acme",
      operation: failure.operation,
      reason: failure.text,
      existingId: failure.text
    })
}
