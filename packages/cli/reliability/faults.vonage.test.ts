/**
 * Every fault against Vonage, for a read and a mutation (the table is in support/FaultSuite.ts).
 */
import { suite } from "./support/FaultSuite.js"
import { vonage } from "./support/Subjects.js"

suite(vonage, ["read", "mutation"])
