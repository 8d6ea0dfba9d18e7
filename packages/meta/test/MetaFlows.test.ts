import { badInput, cases } from "./cases/MetaFlows.js"
import { suite } from "./extensions.js"

suite("MetaFlows", cases, badInput)
