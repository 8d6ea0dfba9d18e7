/**
 * Vonage WhatsApp Manager's vertical names, as its profile schema lists them: the enum of
 * `profile.vertical` in the OpenAPI document, on the canonical verticals. Vonage has no name for
 * `NotABusiness`.
 */
import { Vertical } from "@wa-admin/core"

/** Vonage's spelling of the canonical verticals. */
export const vonageNames = Vertical.spelling("Vonage vertical names", {
  Automotive: "Automotive",
  Beauty: "Beauty, Spa and Salon",
  Apparel: "Clothing and Apparel",
  Education: "Education",
  Entertainment: "Entertainment",
  EventPlanning: "Event Planning and Service",
  Finance: "Finance and Banking",
  Grocery: "Food and Grocery",
  Government: "Public Service",
  Hotel: "Hotel and Lodging",
  Health: "Medical and Health",
  NonProfit: "Non-profit",
  ProfessionalServices: "Professional Services",
  Retail: "Shopping and Retail",
  Travel: "Travel and Transportation",
  Restaurant: "Restaurant",
  Other: "Other"
})

/** A Vonage vertical name, decoded to the canonical vertical (and encoded back). */
export const VonageVertical = Vertical.schema(vonageNames)
