/**
 * Every fault against Woztell, for a read and a mutation (the table is in support/FaultSuite.ts).
 */
import { suite } from "./support/FaultSuite.js"
import { woztell } from "./support/Subjects.js"

suite(woztell, ["read", "mutation"])
