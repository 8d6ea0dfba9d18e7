import { MetaQrCodes } from "../../src/index.js"
import type { BadInputCase, EndpointCase } from "../extensions.js"
import { collect, pages, read, refused, succeeding } from "../extensions.js"
import { phoneNumberId } from "../support.js"

const imageUrl = "https://scontent-iad3-1.xx.fbcdn.net/m1/v/t6/An-H7T8OyTqO07lcRGHlKteuPMK?ccb=10-5&oe=64550A9E"
const resource = "QR code"

/** A QR code as Graph answers it (`wire`) and as the caller gets it (`decoded`), with its image URL or without. */
const qrCode = (code: string, prefilledMessage: string, withImage = true) => {
  const deepLinkUrl = `https://wa.me/message/${code}`
  return {
    wire: {
      code,
      prefilled_message: prefilledMessage,
      deep_link_url: deepLinkUrl,
      ...(withImage ? { qr_image_url: imageUrl } : {})
    },
    decoded: { code, prefilledMessage, deepLinkUrl, ...(withImage ? { imageUrl } : {}) }
  }
}

/** Each endpoint, called once with good input. */
export const cases: ReadonlyArray<EndpointCase> = [
  {
    operation: "qr.list",
    title: "pages over the number's codes with their image URLs",
    run: collect(MetaQrCodes.list({ imageFormat: "SVG", pageSize: 2 })),
    answer: pages(
      {
        data: [
          qrCode("5QBPAD2DC6L5A2", "Show me Cyber Tuesday deals!").wire,
          qrCode("ANED2T5QRU7HG2", "Show me Cyber Monday deals!").wire
        ],
        paging: { cursors: { after: "QVFIUnext", before: "QVFIUfirst" } }
      },
      { data: [] }
    ),
    requests: [
      read(`/${phoneNumberId}/message_qrdls`, {
        fields: "code,prefilled_message,deep_link_url,qr_image_url.format(SVG)",
        limit: "2"
      }),
      read(`/${phoneNumberId}/message_qrdls`, {
        fields: "code,prefilled_message,deep_link_url,qr_image_url.format(SVG)",
        limit: "2",
        after: "QVFIUnext"
      })
    ],
    decoded: [
      qrCode("5QBPAD2DC6L5A2", "Show me Cyber Tuesday deals!").decoded,
      qrCode("ANED2T5QRU7HG2", "Show me Cyber Monday deals!").decoded
    ],
    resource: "phone number"
  },
  {
    operation: "qr.get",
    title: "reads one code (the document's answer: a data list of one)",
    run: MetaQrCodes.get({ code: "ANED2T5QRU7HG2" }),
    answer: () => ({
      data: [qrCode("ANED2T5QRU7HG2", "Show me Cyber Monday deals!", false).wire]
    }),
    requests: [
      read(`/${phoneNumberId}/message_qrdls/ANED2T5QRU7HG2`, { fields: "code,prefilled_message,deep_link_url" })
    ],
    decoded: qrCode("ANED2T5QRU7HG2", "Show me Cyber Monday deals!", false).decoded,
    resource
  },
  {
    operation: "qr.get",
    title: "reads one code answered flat, its PNG image asked for",
    run: MetaQrCodes.get({ phoneNumberId: "106540352242923", code: "ANED2T5QRU7HG2", imageFormat: "PNG" }),
    answer: () => qrCode("ANED2T5QRU7HG2", "Show me Cyber Monday deals!").wire,
    requests: [
      read("/106540352242923/message_qrdls/ANED2T5QRU7HG2", {
        fields: "code,prefilled_message,deep_link_url,qr_image_url.format(PNG)"
      })
    ],
    decoded: qrCode("ANED2T5QRU7HG2", "Show me Cyber Monday deals!").decoded,
    resource
  },
  {
    operation: "qr.create",
    title: "a JSON body with the message and the image format",
    run: MetaQrCodes.create({ prefilledMessage: "Hi! I'm interested in your products.", imageFormat: "SVG" }),
    answer: () => qrCode("ANED2T5QRU7HG2", "Hi! I'm interested in your products.").wire,
    requests: [{
      method: "POST",
      path: `/${phoneNumberId}/message_qrdls`,
      body: { json: { prefilled_message: "Hi! I'm interested in your products.", generate_qr_image: "SVG" } }
    }],
    decoded: qrCode("ANED2T5QRU7HG2", "Hi! I'm interested in your products.").decoded,
    resource: "phone number"
  },
  {
    operation: "qr.update",
    title: "a JSON body with the code and its new message",
    run: MetaQrCodes.update({ code: "WOMVT6TJ2BP7A2", prefilledMessage: "Hello! Latest offers?" }),
    answer: () => qrCode("WOMVT6TJ2BP7A2", "Hello! Latest offers?", false).wire,
    requests: [{
      method: "POST",
      path: `/${phoneNumberId}/message_qrdls`,
      body: { json: { code: "WOMVT6TJ2BP7A2", prefilled_message: "Hello! Latest offers?" } }
    }],
    decoded: qrCode("WOMVT6TJ2BP7A2", "Hello! Latest offers?", false).decoded,
    resource
  },
  {
    operation: "qr.delete",
    title: "deletes one code",
    run: MetaQrCodes.remove({ code: "WOMVT6TJ2BP7A2" }),
    ...succeeding({ method: "DELETE", path: `/${phoneNumberId}/message_qrdls/WOMVT6TJ2BP7A2`, body: { none: true } }),
    resource
  }
]

/** Bad requests, each refused before anything is sent. */
export const badInput: ReadonlyArray<BadInputCase> = [
  refused(
    "a page size over 25, an unknown image format",
    "qr.list",
    ["imageFormat", "pageSize"],
    collect(MetaQrCodes.list({ pageSize: 26, imageFormat: "JPG" as "PNG" }))
  ),
  refused("no number configured nor given", "qr.list", ["phoneNumberId"], collect(MetaQrCodes.list()), {
    unconfigured: true
  }),
  refused(
    "a code of lower-case letters, a number id with a slash",
    "qr.get",
    ["phoneNumberId", "code"],
    MetaQrCodes.get({ phoneNumberId: "1/2", code: "aned2t5qru7hg2" })
  ),
  refused("a code with a path", "qr.delete", ["code"], MetaQrCodes.remove({ code: "../ANED2T5QRU7" })),
  refused(
    "a message over 140 characters",
    "qr.create",
    ["prefilledMessage"],
    MetaQrCodes.create({ prefilledMessage: "x".repeat(141) })
  ),
  refused(
    "a blank message, a code of 13 characters",
    "qr.update",
    ["code", "prefilledMessage"],
    MetaQrCodes.update({ code: "ANED2T5QRU7HG", prefilledMessage: "  " })
  )
]
