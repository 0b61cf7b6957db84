import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { capturedMinor, refundableMinor, refundedMinor } from './amounts.js'
import { isGatewayCommand } from './commands.js'
import type { PaymentContext } from './context.js'
import { reversalRequestId } from './policy.js'
import { replayable } from './property.fixtures.js'
import { isTerminal, type PaymentState, stateOf } from './state.js'
import { walk, walks } from './walk.fixtures.js'

const AFTER_AUTHORIZATION: ReadonlySet<PaymentState> = new Set(['authorized', 'capturing', 'captured', 'refunded'])
const PRE_AUTHORIZATION: ReadonlySet<PaymentState> = new Set([
  'draft',
  'submitting',
  'awaitingCustomer',
  'awaitingOtp',
  'verifyingOtp',
  'reconciling',
  'expiring',
])

const moneyInvariants = (c: PaymentContext) => {
  expect(capturedMinor(c)).toBeLessThanOrEqual(c.authorized?.minor ?? 0)
  expect(refundedMinor(c)).toBeLessThanOrEqual(capturedMinor(c))
  expect(refundableMinor(c)).toBeGreaterThanOrEqual(0)
}

describe('payment machine properties', () => {
  it('terminal states absorb every event: no move, no gateway call but the watch for a late pay', () => {
    fc.assert(
      fc.property(walks, ({ input, choices }) => {
        walk(input, choices, (before, after) => {
          if (!isTerminal(before)) return
          expect(stateOf(after.snapshot)).toBe(stateOf(before))
          // Closed on ORDER_NOT_EXIST, it asks the gateway whether a pay landed late, cancels one that did, and
          // refunds one the gateway captured anyway, only ever under the reversal's own request id.
          const calls = after.commands.filter(isGatewayCommand)
          if (before.context.cancel.notFoundAt === undefined) expect(calls).toEqual([])
          for (const call of calls) {
            expect(['inquiryPayment', 'cancel', 'refund', 'inquiryRefund']).toContain(call.kind)
            if (call.kind === 'refund' || call.kind === 'inquiryRefund') {
              expect(call.refundRequestId).toBe(reversalRequestId(before.context))
            }
          }
        })
      }),
      replayable('terminal states absorb', 1_000),
    )
  })

  it('never captures more than was authorized nor refunds more than was captured', () => {
    fc.assert(
      fc.property(walks, ({ input, choices }) => {
        walk(input, choices, (_before, after) => moneyInvariants(after.snapshot.context))
      }),
      replayable('money invariants', 1_000),
    )
  })

  it('never moves back before authorization once authorized, and never un-captures', () => {
    fc.assert(
      fc.property(walks, ({ input, choices }) => {
        walk(input, choices, (before, after) => {
          const from = stateOf(before)
          const to = stateOf(after.snapshot)
          if (AFTER_AUTHORIZATION.has(from)) expect(PRE_AUTHORIZATION.has(to)).toBe(false)
          if (from === 'captured') expect(['captured', 'refunded']).toContain(to)
        })
      }),
      replayable('no regression', 1_000),
    )
  })

  it('sends every pay under the paymentRequestId and every capture or refund under its own request id', () => {
    fc.assert(
      fc.property(walks, ({ input, choices }) => {
        const keys = new Map<string, string>()
        walk(input, choices, (_before, after) => {
          for (const command of after.commands.filter(isGatewayCommand)) {
            if (command.kind === 'pay' || command.kind === 'createPaymentSession') {
              expect(command.idempotencyKey).toBe(input.paymentRequestId)
            }
            if (command.kind === 'capture' || command.kind === 'refund') {
              const operation = `${command.kind}:${command.kind === 'capture' ? command.captureRequestId : command.refundRequestId}`
              expect(keys.get(operation) ?? command.idempotencyKey).toBe(command.idempotencyKey)
              keys.set(operation, command.idempotencyKey)
            }
          }
        })
      }),
      replayable('stable request ids', 300),
    )
  })

  it('numbers every command it emits anew: no two commands of a payment share a commandId', () => {
    fc.assert(
      fc.property(walks, ({ input, choices }) => {
        const seen = new Map<string, string>()
        walk(input, choices, (_before, after) => {
          for (const command of after.commands) {
            if (!('commandId' in command)) continue
            expect(seen.get(command.commandId), `${command.commandId}: ${command.kind}`).toBeUndefined()
            seen.set(command.commandId, command.kind)
          }
        })
      }),
      replayable('fresh command ids', 300),
    )
  })
})
