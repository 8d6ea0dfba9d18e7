/**
 * Core's flow categories — which the WOZTELL adapter sends and accepts, and which the emulator
 * takes — against the WOZTELL document's own words: its create-flow parameter table lists the
 * categories run together, quoted here verbatim, so a wrong, missing, extra or reordered entry in
 * core's list fails. (Core's vertical codes are checked against Meta's document, which WOZTELL's
 * refers to, in the Meta package.)
 */
import { describe, expect, it } from "@effect/vitest"
import { CloudApi } from "@wa-admin/core/adapter"

/** The `categories` row of "Create Flow"'s parameters in woztell-whatsapp-cloud-public-api.txt. */
const documentRow =
  "categoriesarrayA list of Flow categories. Multiple values are possible, but at least one is required: SIGN_UPSIGN_INAPPOINTMENT_BOOKINGLEAD_GENERATIONCONTACT_USCUSTOMER_SUPPORTSURVEYOTHERtrue"

describe("core's CloudApi against the WOZTELL document", () => {
  it("flow categories: CloudApi.FlowCategory, in order, is the document's list", () => {
    const row =
      `categoriesarrayA list of Flow categories. Multiple values are possible, but at least one is required: ${
        CloudApi.FlowCategory.literals.join("")
      }true`
    expect(row).toBe(documentRow)
  })
})
