import { MetaCommerce } from "../../src/index.js"
import type { BadInputCase, EndpointCase } from "../extensions.js"
import { read, refused, succeeding } from "../extensions.js"
import { phoneNumberId } from "../support.js"

/** Each endpoint, called once with good input. */
export const cases: ReadonlyArray<EndpointCase> = [
  {
    operation: "commerce.get",
    title: "reads the number's settings",
    run: MetaCommerce.get(),
    answer: () => ({ data: [{ id: "527759822865714", is_cart_enabled: true, is_catalog_visible: false }] }),
    requests: [read(`/${phoneNumberId}/whatsapp_commerce_settings`)],
    decoded: { id: "527759822865714", cartEnabled: true, catalogVisible: false },
    resource: "phone number"
  },
  {
    operation: "commerce.set",
    title: "sends the settings changed in the query, as the document does",
    run: MetaCommerce.set({ phoneNumberId: "106540352242923", catalogVisible: false }),
    ...succeeding({
      method: "POST",
      path: "/106540352242923/whatsapp_commerce_settings",
      query: { is_catalog_visible: "false" },
      body: { none: true }
    }),
    resource: "phone number"
  },
  {
    operation: "commerce.set",
    title: "both settings",
    run: MetaCommerce.set({ cartEnabled: true, catalogVisible: true }),
    ...succeeding({
      method: "POST",
      path: `/${phoneNumberId}/whatsapp_commerce_settings`,
      query: { is_cart_enabled: "true", is_catalog_visible: "true" },
      body: { none: true }
    }),
    resource: "phone number"
  }
]

/** Bad requests, each refused before anything is sent. */
export const badInput: ReadonlyArray<BadInputCase> = [
  refused("a number id of letters", "commerce.get", ["phoneNumberId"], MetaCommerce.get({ phoneNumberId: "abc" })),
  refused("no number configured nor given", "commerce.get", ["phoneNumberId"], MetaCommerce.get(), {
    unconfigured: true
  }),
  { title: "nothing to change", operation: "commerce.set", run: MetaCommerce.set({}), fields: ["(input)"] },
  refused(
    "a setting that is not a boolean",
    "commerce.set",
    ["cartEnabled"],
    MetaCommerce.set({ cartEnabled: "yes" as unknown as boolean })
  )
]
