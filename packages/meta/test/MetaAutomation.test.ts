import { badInput, cases } from "./cases/MetaAutomation.js"
import { suite } from "./extensions.js"

suite("MetaAutomation", cases, badInput)
