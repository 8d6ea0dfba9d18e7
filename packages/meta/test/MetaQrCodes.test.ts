import { badInput, cases } from "./cases/MetaQrCodes.js"
import { suite } from "./extensions.js"

suite("MetaQrCodes", cases, badInput)
