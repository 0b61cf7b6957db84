import { writeFileSync } from 'node:fs'
import { paymentDiagramDocument } from './diagram-document.js'

/** Regenerates docs/payment-machine.md from the machine; the diagram test fails until this is run after a change. */
const target = new URL('../../../docs/payment-machine.md', import.meta.url)
writeFileSync(target, paymentDiagramDocument())
console.log(`wrote ${target.pathname}`)
