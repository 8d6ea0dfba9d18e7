import { MetaAutomation } from "../../src/index.js"
import type { BadInputCase, EndpointCase } from "../extensions.js"
import { refused, succeeding } from "../extensions.js"
import { phoneNumberId } from "../support.js"

/** Each endpoint, called once with good input. */
export const cases: ReadonlyArray<EndpointCase> = [
  {
    operation: "automation.set",
    title: "the whole configuration as JSON (the document's field names)",
    run: MetaAutomation.set({
      enableWelcomeMessage: true,
      prompts: ["Book a flight", "Plan a vacation"],
      commands: [{ name: "tickets", description: "Book flight tickets" }, { name: "hotel", description: "Book hotel" }]
    }),
    ...succeeding({
      method: "POST",
      path: `/${phoneNumberId}/conversational_automation`,
      body: {
        json: {
          enable_welcome_message: true,
          prompts: ["Book a flight", "Plan a vacation"],
          commands: [
            { command_name: "tickets", command_description: "Book flight tickets" },
            { command_name: "hotel", command_description: "Book hotel" }
          ]
        }
      }
    }),
    resource: "phone number",
    stateAt422: true
  },
  {
    operation: "automation.set",
    title: "what is left out is cleared",
    run: MetaAutomation.set({ phoneNumberId: "106540352242923" }),
    ...succeeding({
      method: "POST",
      path: "/106540352242923/conversational_automation",
      body: { json: { enable_welcome_message: false, prompts: [], commands: [] } }
    }),
    resource: "phone number",
    stateAt422: true
  }
]

/** Bad requests, each refused before anything is sent. */
export const badInput: ReadonlyArray<BadInputCase> = [
  refused(
    "four prompts, a prompt over 80 characters",
    "automation.set",
    ["prompts"],
    MetaAutomation.set({ prompts: ["a", "b", "c", "d"] })
  ),
  refused(
    "a prompt over 80 characters",
    "automation.set",
    ["prompts.0"],
    MetaAutomation.set({ prompts: ["x".repeat(81)] })
  ),
  refused("a command named with its slash, a blank description", "automation.set", [
    "commands.0.name",
    "commands.0.description"
  ], MetaAutomation.set({ commands: [{ name: "/help", description: " " }] })),
  refused(
    "a command named twice",
    "automation.set",
    ["commands"],
    MetaAutomation.set({
      commands: [{ name: "help", description: "Help" }, { name: "help", description: "More help" }]
    })
  ),
  refused(
    "31 commands",
    "automation.set",
    ["commands"],
    MetaAutomation.set({
      commands: Array.from({ length: 31 }, (_, index) => ({ name: `c${index}`, description: "d" }))
    })
  ),
  refused("no number configured nor given", "automation.set", ["phoneNumberId"], MetaAutomation.set({}), {
    unconfigured: true
  })
]
