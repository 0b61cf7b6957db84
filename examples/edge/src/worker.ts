import type { EdgeBindings } from './bindings.js'
import { edgeWorker } from './edge-worker.js'

/** The portable worker (Workers, Deno, Bun, Node): its payments in a memory store, as long as the isolate lives. */
export default edgeWorker<EdgeBindings>().worker
