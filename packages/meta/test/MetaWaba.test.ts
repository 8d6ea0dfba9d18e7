import { badInput, cases } from "./cases/MetaWaba.js"
import { suite } from "./extensions.js"

suite("MetaWaba", cases, badInput)
