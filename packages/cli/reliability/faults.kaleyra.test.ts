/**
 * Every fault against Kaleyra, for its one mutation: the activation API has no read (the table
 * is in support/FaultSuite.ts).
 */
import { suite } from "./support/FaultSuite.js"
import { kaleyra } from "./support/Subjects.js"

suite(kaleyra, ["mutation"])
