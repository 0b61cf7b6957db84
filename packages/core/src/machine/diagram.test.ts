import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { paymentDiagramDocument } from '../../scripts/diagram-document.js'
import { toMermaid } from './diagram.js'
import { paymentMachine } from './payment-machine.js'
import { PAYMENT_STATES } from './state.js'

describe('payment machine diagram', () => {
  it('is committed under docs/ and matches the machine (run `npm run diagram` after a change)', () => {
    const committed = readFileSync(new URL('../../../../docs/payment-machine.md', import.meta.url), 'utf8')
    expect(committed).toBe(paymentDiagramDocument())
  })

  it('draws every state and the way in', () => {
    const diagram = toMermaid(paymentMachine)
    expect(diagram).toMatch(/^stateDiagram-v2\n {2}\[\*\] --> draft\n/)
    for (const state of PAYMENT_STATES) expect(diagram).toContain(state)
    expect(diagram).toContain('pending_verifyingOtp --> pending_awaitingOtp : VERIFY_ANSWERED [otpCanBeRetried]')
  })

  it('marks the current state when asked', () => {
    expect(toMermaid(paymentMachine, ['authorized'])).toContain('class authorized current')
  })
})
