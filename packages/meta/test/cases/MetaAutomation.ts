import { MetaAutomation } from "../../src/index.js"
import type { BadInputCase, EndpointCase } from "../extensions.js"
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
    answer: () => ({ success: true }),
    requests: [{
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
    }],
    decoded: undefined,
    resource: "phone number",
    stateAt422: true
  },
  {
    operation: "automation.set",
    title: "what is left out is cleared",
    run: MetaAutomation.set({ phoneNumberId: "106540352242923" }),
    answer: () => ({ success: true }),
    requests: [{
      method: "POST",
      path: "/106540352242923/conversational_automation",
      body: { json: { enable_welcome_message: false, prompts: [], commands: [] } }
    }],
    decoded: undefined,
    resource: "phone number",
    stateAt422: true
  }
]

/** Bad requests, each refused before anything is sent. */
export const badInput: ReadonlyArray<BadInputCase> = [
  {
    title: "four prompts, a prompt over 80 characters",
    operation: "automation.set",
    run: MetaAutomation.set({ prompts: ["a", "b", "c", "d"] }),
    fields: ["prompts"]
  },
  {
    title: "a prompt over 80 characters",
    operation: "automation.set",
    run: MetaAutomation.set({ prompts: ["x".repeat(81)] }),
    fields: ["prompts.0"]
  },
  {
    title: "a command named with its slash, a blank description",
    operation: "automation.set",
    run: MetaAutomation.set({ commands: [{ name: "/help", description: " " }] }),
    fields: ["commands.0.name", "commands.0.description"]
  },
  {
    title: "a command named twice",
    operation: "automation.set",
    run: MetaAutomation.set({
      commands: [{ name: "help", description: "Help" }, { name: "help", description: "More help" }]
    }),
    fields: ["commands"]
  },
  {
    title: "31 commands",
    operation: "automation.set",
    run: MetaAutomation.set({
      commands: Array.from({ length: 31 }, (_, index) => ({ name: `c${index}`, description: "d" }))
    }),
    fields: ["commands"]
  },
  {
    title: "no number configured nor given",
    operation: "automation.set",
    run: MetaAutomation.set({}),
    fields: ["phoneNumberId"],
    unconfigured: true
  }
]
