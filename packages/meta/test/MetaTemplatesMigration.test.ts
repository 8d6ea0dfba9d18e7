import { badInput, cases } from "./cases/MetaTemplatesMigration.js"
import { suite } from "./extensions.js"

suite("MetaTemplates (same-business migration)", cases, badInput)
