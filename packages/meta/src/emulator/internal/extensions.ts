/**
 * A number's other settings: the business encryption public key of its flows
 * (`/whatsapp_business_encryption`, a multipart form), its message QR codes (`/message_qrdls`),
 * its commerce settings (`/whatsapp_commerce_settings`, set through the query) and its
 * conversational automation (`/conversational_automation`: welcome message, ice breakers,
 * commands), with the document's rules and errors.
 *
 * @internal
 */
import { Effect } from "effect"
import * as Crypto from "node:crypto"
import { codePng, codeSvg } from "./assets.js"
import type { Action, Context } from "./context.js"
import { managing } from "./context.js"
import type { Field } from "./fields.js"
import { pick, requestedFields } from "./fields.js"
import type { Call, GraphError } from "./graph.js"
import { invalidParameter, notFound, ok, success, unprocessable } from "./graph.js"
import { formText, jsonBody, multipartBody, optionalBoolean, optionalText, requiredText } from "./input.js"
import { page, pageBody } from "./paging.js"
import type { PhoneNumber, QrCode } from "./state.js"
import { nextSeq, record } from "./state.js"

/** `GET /{Phone-Number-ID}/whatsapp_business_encryption`: the key and its signature status (none set: no data). */
export const getEncryption: Action<"phone"> = {
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call, phone) =>
    Effect.map(
      requestedFields(
        call.query,
        ["business_public_key", "business_public_key_signature_status"],
        ["business_public_key", "business_public_key_signature_status"]
      ),
      (fields) =>
        ok({
          data: phone.publicKey === undefined ? [] : [
            pick(fields, { business_public_key: phone.publicKey, business_public_key_signature_status: "VALID" }, [
              "business_public_key",
              "business_public_key_signature_status"
            ])
          ]
        })
    )
}

const isRsaPublicKey = (pem: string): boolean => {
  try {
    return Crypto.createPublicKey(pem).asymmetricKeyType === "rsa"
  } catch {
    return false
  }
}

/** `POST /{Phone-Number-ID}/whatsapp_business_encryption`: `business_public_key`, an RSA public key in PEM. */
export const setEncryption = (context: Context): Action<"phone"> => ({
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call, phone) =>
    Effect.gen(function*() {
      const form = yield* multipartBody(call)
      const key = formText(form, "business_public_key")
      if (key === undefined || key.trim() === "") {
        return yield* Effect.fail(invalidParameter("Missing required parameter: business_public_key"))
      }
      if (!isRsaPublicKey(key)) {
        return yield* Effect.fail(
          invalidParameter("Business public key is invalid", {
            userTitle: "Invalid Public Key",
            userMessage: "The provided public key format is invalid"
          })
        )
      }
      phone.publicKey = key
      record(context.state, "setEncryptionKey", phone.id)
      return success
    })
})

const codeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
const codePattern = /^[A-Z2-7]{14}$/

const newCode = (phone: PhoneNumber): string => {
  for (;;) {
    let code = ""
    while (code.length < 14) code += codeAlphabet[Crypto.randomInt(0, codeAlphabet.length)]
    if (!phone.qrCodes.has(code)) return code
  }
}

const deepLink = (code: string): string => `https://wa.me/message/${code}`

const imageUrl = (context: Context, phone: PhoneNumber, qr: QrCode, format: "PNG" | "SVG"): string =>
  context.settings.assets.put(`qr/${phone.id}/${qr.code}.${format.toLowerCase()}`, {
    contentType: format === "PNG" ? "image/png" : "image/svg+xml",
    bytes: format === "PNG" ? codePng(deepLink(qr.code)) : codeSvg(deepLink(qr.code)),
    requiresToken: false
  })

const qrFields = ["code", "prefilled_message", "deep_link_url", "creation_time", "qr_image_url"]
const alwaysQrFields = ["code", "prefilled_message", "deep_link_url"]

const imageFormatOf = (field: Field | undefined): Effect.Effect<"PNG" | "SVG" | undefined, GraphError> => {
  if (field === undefined) return Effect.succeed(undefined)
  const format = field.modifiers.get("format")?.toUpperCase()
  return format === "PNG" || format === "SVG"
    ? Effect.succeed(format)
    : Effect.fail(
      invalidParameter(
        "Invalid fields parameter. Check field names and format specifications: qr_image_url.format(SVG|PNG)"
      )
    )
}

const qrValues = (context: Context, phone: PhoneNumber, qr: QrCode, format: "PNG" | "SVG" | undefined) => ({
  code: qr.code,
  prefilled_message: qr.prefilledMessage,
  deep_link_url: deepLink(qr.code),
  creation_time: Math.floor(qr.createdAt / 1000),
  qr_image_url: format === undefined ? undefined : imageUrl(context, phone, qr, format)
})

const qrFieldsOf = (call: Call) =>
  Effect.gen(function*() {
    const fields = yield* requestedFields(call.query, qrFields, alwaysQrFields)
    const format = yield* imageFormatOf(fields.find((field) => field.name === "qr_image_url"))
    return { fields, format }
  })

const invalidCode = invalidParameter("Invalid QR code ID format. Expected 14-character alphanumeric string")

const qrNotFound = notFound("QR code not found", {
  userTitle: "QR Code Not Found",
  userMessage: "The QR code you're trying to access doesn't exist or has been deleted"
})

/** `GET /{Phone-Number-ID}/message_qrdls`: newest first, `code` filter, cursor paging. */
export const listQrCodes = (context: Context): Action<"phone"> => ({
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call, phone) =>
    Effect.gen(function*() {
      const { fields, format } = yield* qrFieldsOf(call)
      const code = call.query["code"]
      if (code !== undefined && !codePattern.test(code)) return yield* Effect.fail(invalidCode)
      const codes = Array.from(phone.qrCodes.values())
        .filter((qr) => code === undefined || qr.code === code)
        .sort((left, right) => right.seq - left.seq)
      const found = yield* page(call, context.settings.graphUrl, "message_qrdls", codes, (qr) => qr.seq, {
        defaultSize: 25,
        maxSize: 25,
        descending: true
      })
      return ok(pageBody(found, (qr) => pick(fields, qrValues(context, phone, qr, format), alwaysQrFields)))
    })
})

/** `POST /{Phone-Number-ID}/message_qrdls`: a new code (no `code`) or a new message for one. */
export const saveQrCode = (context: Context): Action<"phone"> => ({
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call, phone) =>
    Effect.gen(function*() {
      const body = yield* jsonBody(call, ["prefilled_message", "generate_qr_image", "code"])
      const message = body["prefilled_message"]
      if (typeof message !== "string" || message.trim() === "") {
        return yield* Effect.fail(invalidParameter("(#100) The parameter prefilled_message is required"))
      }
      if (message.length > 140) {
        return yield* Effect.fail(invalidParameter("Invalid prefilled_message length. Maximum 140 characters allowed"))
      }
      const format = yield* optionalText(body["generate_qr_image"], "generate_qr_image", { values: ["PNG", "SVG"] })
      const code = yield* optionalText(body["code"], "code")
      let qr: QrCode
      if (code === undefined) {
        qr = {
          code: newCode(phone),
          prefilledMessage: message,
          createdAt: call.now,
          seq: nextSeq(context.state),
          imageFormat: format === "PNG" || format === "SVG" ? format : undefined
        }
        phone.qrCodes.set(qr.code, qr)
        record(context.state, "createQrCode", `${phone.id}/${qr.code}`)
      } else {
        if (!codePattern.test(code)) return yield* Effect.fail(invalidCode)
        const existing = phone.qrCodes.get(code)
        if (existing === undefined) return yield* Effect.fail(qrNotFound)
        existing.prefilledMessage = message
        qr = existing
        record(context.state, "updateQrCode", `${phone.id}/${qr.code}`)
      }
      const image = format === "PNG" || format === "SVG" ? format : undefined
      return ok({
        code: qr.code,
        prefilled_message: qr.prefilledMessage,
        deep_link_url: deepLink(qr.code),
        ...(image === undefined ? {} : { qr_image_url: imageUrl(context, phone, qr, image) })
      })
    })
})

const existingCode = (call: Call, phone: PhoneNumber): Effect.Effect<QrCode, GraphError> => {
  const code = call.params["code"] ?? ""
  if (!codePattern.test(code)) return Effect.fail(invalidCode)
  const qr = phone.qrCodes.get(code)
  return qr === undefined ? Effect.fail(qrNotFound) : Effect.succeed(qr)
}

/** `GET /{Phone-Number-ID}/message_qrdls/{QR-Code-ID}`: `{ data: [code] }`, as the document's examples show. */
export const getQrCode = (context: Context): Action<"phone"> => ({
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call, phone) =>
    Effect.gen(function*() {
      const qr = yield* existingCode(call, phone)
      const { fields, format } = yield* qrFieldsOf(call)
      return ok({ data: [pick(fields, qrValues(context, phone, qr, format), alwaysQrFields)] })
    })
})

/** `DELETE /{Phone-Number-ID}/message_qrdls/{QR-Code-ID}`. */
export const deleteQrCode = (context: Context): Action<"phone"> => ({
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (call, phone) =>
    Effect.gen(function*() {
      const qr = yield* existingCode(call, phone)
      phone.qrCodes.delete(qr.code)
      record(context.state, "deleteQrCode", `${phone.id}/${qr.code}`)
      return success
    })
})

/** `GET /{Phone-Number-ID}/whatsapp_commerce_settings`. */
export const getCommerce: Action<"phone"> = {
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
  handle: (_call, phone) =>
    Effect.succeed(ok({
      data: [{
        id: phone.commerce.id,
        is_cart_enabled: phone.commerce.cartEnabled,
        is_catalog_visible: phone.commerce.catalogVisible
      }]
    }))
}

const flag = (call: Call, name: string): Effect.Effect<boolean | undefined, GraphError> => {
  const value = call.query[name]
  if (value === undefined) return Effect.succeed(undefined)
  return value === "true" || value === "false"
    ? Effect.succeed(value === "true")
    : Effect.fail(invalidParameter(`Invalid parameter: ${name} must be true or false`))
}

/** `POST /{Phone-Number-ID}/whatsapp_commerce_settings?is_cart_enabled&is_catalog_visible`. */
export const setCommerce = managing<"phone">((context, call, phone) =>
  Effect.gen(function*() {
    const cart = yield* flag(call, "is_cart_enabled")
    const catalog = yield* flag(call, "is_catalog_visible")
    if (cart === undefined && catalog === undefined) {
      return yield* Effect.fail(invalidParameter("One feature setting must be specified"))
    }
    if (cart !== undefined) phone.commerce.cartEnabled = cart
    if (catalog !== undefined) phone.commerce.catalogVisible = catalog
    record(context.state, "setCommerceSettings", phone.id)
    return success
  })
)

/**
 * `POST /{Phone-Number-ID}/conversational_automation`: at most 3 prompts of up to 80
 * characters, at most 30 commands (names of letters, digits and underscores up to 30, unique;
 * descriptions up to 256); the number must have verified its code.
 */
export const setAutomation = managing<"phone">((context, call, phone) =>
  Effect.gen(function*() {
    const body = yield* jsonBody(call, ["enable_welcome_message", "prompts", "commands"])
    const welcome = yield* optionalBoolean(body["enable_welcome_message"], "enable_welcome_message")
    const prompts = body["prompts"] ?? []
    if (!Array.isArray(prompts) || prompts.some((prompt) => typeof prompt !== "string")) {
      return yield* Effect.fail(invalidParameter("Invalid parameter: prompts must be an array of texts"))
    }
    if (prompts.length > 3) {
      return yield* Effect.fail(invalidParameter("Too many prompts provided. Maximum allowed is 3"))
    }
    if (prompts.some((prompt: string) => prompt.length > 80)) {
      return yield* Effect.fail(invalidParameter("Prompt text exceeds maximum length of 80 characters"))
    }
    const commandsValue = body["commands"] ?? []
    if (!Array.isArray(commandsValue) || commandsValue.length > 30) {
      return yield* Effect.fail(
        invalidParameter("Invalid parameter: commands must be an array of at most 30 commands")
      )
    }
    const commands: Array<{ readonly commandName: string; readonly commandDescription: string }> = []
    for (const command of commandsValue) {
      const fields: Readonly<Record<string, unknown>> = typeof command === "object" && command !== null ? command : {}
      const commandName = fields["command_name"]
      if (typeof commandName !== "string" || !/^[a-zA-Z0-9_]{1,30}$/.test(commandName)) {
        return yield* Effect.fail(
          invalidParameter(
            "Invalid command name format. Command names must contain only alphanumeric characters and underscores"
          )
        )
      }
      const commandDescription = yield* requiredText(fields["command_description"], "command_description", {
        maxLength: 256
      })
      if (commands.some((existing) => existing.commandName === commandName)) {
        return yield* Effect.fail(
          unprocessable(`Command names must be unique. Duplicate command name found: ${commandName}`)
        )
      }
      commands.push({ commandName, commandDescription })
    }
    if (phone.codeVerificationStatus !== "VERIFIED") {
      return yield* Effect.fail(
        unprocessable("Phone number must be verified before configuring conversational automation")
      )
    }
    phone.automation = {
      enableWelcomeMessage: welcome ?? false,
      prompts: prompts.filter((prompt): prompt is string => typeof prompt === "string"),
      commands
    }
    record(context.state, "setConversationalAutomation", phone.id)
    return success
  })
)
