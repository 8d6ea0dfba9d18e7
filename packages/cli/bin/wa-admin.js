#!/usr/bin/env node
// Node 22.1+ keeps the compiled code of the bundle between runs; earlier versions have no cache.
import * as Module from "node:module"

Module.enableCompileCache?.()
await import("../dist/bundle/wa-admin.js")
