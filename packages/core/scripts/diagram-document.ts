import { toMermaid } from '../src/machine/diagram.js'
import { paymentMachine } from '../src/machine/payment-machine.js'

/** The committed docs page: generated from the machine, checked by a test so it cannot go stale. */
export const paymentDiagramDocument = (): string => `# The payment machine

Generated from \`packages/core/src/machine/payment-machine.ts\` by \`npm run diagram\`; do not edit by hand.
A test fails when this file no longer matches the machine.

Targetless transitions (recording a duplicate, scheduling an inquiry, issuing a refund) are not drawn.
\`refunded\`, \`cancelled\`, \`failed\` and \`expired\` are terminal: they only record what arrives, and report
a contradicting outcome as a conflict. One closed on the gateway's ORDER_NOT_EXIST stays closed when a pay still on
its way lands after all: that success is cancelled at the gateway, a refused cancel being the conflict.

\`\`\`mermaid
${toMermaid(paymentMachine)}\`\`\`
`
