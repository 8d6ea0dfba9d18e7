import { badInput, cases } from "./cases/MetaCommerce.js"
import { suite } from "./extensions.js"

suite("MetaCommerce", cases, badInput)
