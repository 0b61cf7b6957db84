import type { Money } from '../money/index.js'
import type { GatewayResult } from '../result-codes/index.js'
import type { Command, GatewayCommand } from './commands.js'
import type { PaymentInput } from './context.js'
import type { DomainEvent } from './domain-events.js'
import type { PaymentEvent, TimerName } from './events.js'
import { applyEvent, type PaymentSnapshot } from './transitions.js'

export const T0 = Date.UTC(2026, 10, 22, 12, 0, 0)
export const usd = (minor: number): Money => ({ currency: 'USD', minor })

export const ok: GatewayResult = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' }
export const inProcess: GatewayResult = { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' }
export const failed = (resultCode: string): GatewayResult => ({ resultStatus: 'F', resultCode })
export const unknown = (resultCode: string): GatewayResult => ({ resultStatus: 'U', resultCode })

export const cardInput = (overrides: Partial<PaymentInput> = {}): PaymentInput => ({
  paymentRequestId: 'PAY-001',
  amount: usd(10_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
  ...overrides,
})

export const walletInput = (overrides: Partial<PaymentInput> = {}): PaymentInput =>
  cardInput({ paymentMethodType: 'ALIPAY_CN', captureMode: 'AUTOMATIC', ...overrides })

export const gatewayCalls = (commands: ReadonlyArray<Command>): GatewayCommand['kind'][] =>
  commands.flatMap((c) =>
    c.kind === 'publish' || c.kind === 'scheduleTimer' || c.kind === 'cancelTimer' ? [] : [c.kind],
  )

export const published = (commands: ReadonlyArray<Command>): DomainEvent['type'][] =>
  commands.flatMap((c) => (c.kind === 'publish' ? [c.event.type] : []))

export const scheduled = (commands: ReadonlyArray<Command>) =>
  commands.flatMap((c) => (c.kind === 'scheduleTimer' ? [{ timer: c.timer, dueAt: c.dueAt }] : []))

/**
 * Follows a watch to its end: fires each `timer` it schedules when due, answers the inquiry it sends with `answer`,
 * and gives the due times of every look, in order.
 */
export const followWatch = (
  step: { readonly snapshot: PaymentSnapshot; readonly commands: ReadonlyArray<Command> },
  timer: TimerName,
  answer: (at: number) => PaymentEvent,
): ReadonlyArray<number> => {
  const looks: number[] = []
  let current = step
  for (let i = 0; i < 30; i++) {
    const next = scheduled(current.commands).findLast((s) => s.timer === timer)
    if (next === undefined) return looks
    looks.push(next.dueAt)
    const fired = applyEvent(current.snapshot, { type: 'TIMER_FIRED', at: next.dueAt, timer })
    if (gatewayCalls(fired.commands).length === 0) current = fired
    else {
      // The next look may be set when the timer fires or when the inquiry is answered: whichever set it last.
      const answered = applyEvent(fired.snapshot, answer(next.dueAt + 1))
      current = { snapshot: answered.snapshot, commands: [...fired.commands, ...answered.commands] }
    }
  }
  throw new Error('the watch never ended')
}

export const sessionInput = (): PaymentInput => ({
  paymentRequestId: 'PAY-001',
  amount: usd(10_000),
  flow: 'checkoutSession',
})
