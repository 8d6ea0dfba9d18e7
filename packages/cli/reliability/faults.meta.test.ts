/**
 * Every fault against Meta's Graph API, for a read and a mutation (the table is in support/FaultSuite.ts).
 */
import { suite } from "./support/FaultSuite.js"
import { meta } from "./support/Subjects.js"

suite(meta, ["read", "mutation"])
