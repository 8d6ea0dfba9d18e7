/**
 * What `wa-admin demo` does (loaded when it runs, with every adapter and emulator).
 *
 * @since 0.1.0
 */
import { Option } from "effect"
import * as Demo from "../Demo.js"
import * as Session from "../Session.js"

/**
 * `wa-admin demo`
 *
 * @since 0.1.0
 * @category programs
 */
export const tell = () => Session.runLocal({ json: false, provider: Option.none() }, Demo.run())
