import { badInput, cases } from "./cases/MetaNumbers.js"
import { suite } from "./extensions.js"

suite("MetaNumbers", cases, badInput)
