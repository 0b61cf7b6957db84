import fc from 'fast-check'
import { type PaymentKind, paymentSpecArb } from '../../arbitraries/index.js'
import { AdvanceClockCommand } from './advance-clock.js'
import { CaptureCommand } from './capture.js'
import type { ModelCommand } from './command.js'
import { CONCURRENT_ACTIONS, ConcurrentCommand } from './concurrent.js'
import { CreatePaymentCommand } from './create-payment.js'
import { DeliverNotificationsCommand } from './deliver-notifications.js'
import { focusedTarget as target } from './focused-target.js'
import { HeldAnswerCommand } from './held-answer.js'
import { HeldCompletionCommand } from './held-completion.js'
import { RefundCommand } from './refund.js'
import { SlowCallCommand } from './slow-call.js'

/**
 * A gateway slower than the engine's leases, made common: cards authorized and captured, then captures and refunds
 * whose call waits 40 s or 90 s (past the 30 s lease) while a relay passes as the lease lapses, or whose answer's
 * commit waits past the lease (a relay sends the command again and commits first), and Checkout Page payments whose
 * published events are marked done past the lease of the inquiry after them, among ordinary captures, refunds,
 * deliveries, handlers side by side and time passing.
 */
export const slowGatewayCommands = (): Array<fc.Arbitrary<ModelCommand>> => {
  const kinds: ReadonlyArray<PaymentKind> = ['cardSuccess', 'cardSuccess', 'cardSuccess', 'wallet', 'session']
  const create = paymentSpecArb({ kinds }).map((spec) => new CreatePaymentCommand(spec))
  const slow = fc
    .tuple(target, fc.constantFrom('capture' as const, 'refund' as const), fc.constantFrom(40_000, 90_000))
    .map(([t, kind, ms]) => new SlowCallCommand(t, kind, ms))
  const actions = fc.uniqueArray(fc.constantFrom(...CONCURRENT_ACTIONS), { minLength: 2, maxLength: 3 })
  return [
    create,
    create,
    slow,
    slow,
    slow,
    fc
      .tuple(target, fc.constantFrom('capture' as const, 'refund' as const))
      .map(([t, k]) => new HeldAnswerCommand(t, k)),
    target.map((t) => new HeldCompletionCommand(t)),
    fc.tuple(target, fc.integer({ min: 1, max: 1000 })).map(([t, p]) => new CaptureCommand(t, p, 'new', true)),
    fc.tuple(target, fc.integer({ min: 1, max: 1000 })).map(([t, p]) => new RefundCommand(t, p, 'new', true)),
    fc
      .constantFrom<'all' | 'unacknowledged'>('all', 'all', 'unacknowledged')
      .map((m) => new DeliverNotificationsCommand(m)),
    fc.tuple(target, actions).map(([t, a]) => new ConcurrentCommand(t, a)),
    fc.constantFrom(5_000, 61_000, 20 * 60_000).map((ms) => new AdvanceClockCommand(ms)),
  ]
}
