import { describe, expect, it } from 'vitest'
import type { PaymentStatus } from '../engine/status.js'
import type { PaymentState } from '../machine/state.js'
import type { PaymentTag } from '../machine/tags.js'
import { orderStatusOf } from './order-status.js'

const usd = (minor: number) => ({ currency: 'USD' as const, minor })
const TERMINAL: ReadonlySet<PaymentState> = new Set(['refunded', 'cancelled', 'failed', 'expired'])

const attempt = (n: number, state: PaymentState, extra: Partial<PaymentStatus> = {}): PaymentStatus => ({
  paymentRequestId: `ORD-attempt-${n}`,
  state,
  tags: (TERMINAL.has(state) ? ['terminal'] : []) as ReadonlyArray<PaymentTag>,
  version: 2,
  amount: usd(1_000),
  captured: usd(0),
  refunded: usd(0),
  refundable: usd(0),
  refunds: [],
  conflicts: [],
  order: { orderReference: 'ORD', attempt: n },
  ...extra,
})

describe('an order, read from its attempts', () => {
  it('is new without attempts, and its first attempt may start', () => {
    expect(orderStatusOf('ORD', [], 10)).toMatchObject({
      state: 'new',
      next: { attempt: 1, paymentRequestId: 'ORD-attempt-1', requires3ds: false },
    })
  })

  it('is retryable once every attempt closed without money; after AUTHENTICATION_REQUIRED the next asks for 3DS', () => {
    const declined = attempt(1, 'failed', {
      failure: { code: 'AUTHENTICATION_REQUIRED', status: 'F', category: 'retryNewRequest', source: 'pay' },
    })
    const status = orderStatusOf('ORD', [attempt(1, 'expired'), { ...declined, paymentRequestId: 'ORD-attempt-2' }], 10)
    expect(status).toMatchObject({ state: 'retryable', next: { attempt: 3, requires3ds: true }, charged: [] })
  })

  it('is open while an attempt may still succeed: pending, awaiting the buyer, or closed with a conflict unreviewed', () => {
    expect(orderStatusOf('ORD', [attempt(1, 'failed'), attempt(2, 'awaitingCustomer')], 10)).toMatchObject({
      state: 'open',
      current: { paymentRequestId: 'ORD-attempt-2' },
    })
    const conflict = {
      at: 1,
      event: 'PAYMENT_NOTIFIED' as const,
      kind: 'outcome' as const,
      subject: 'payment' as const,
      expected: 'failed',
      reported: 'paid',
      detail: 'a success after the decline',
    }
    const held = orderStatusOf('ORD', [attempt(1, 'failed', { conflicts: [conflict] })], 10)
    expect(held.state).toBe('open')
    expect(held.next).toBeUndefined()
  })

  it('is open with a draft never submitted, which is the attempt that may start (again) now', () => {
    const declined = attempt(1, 'failed', {
      failure: { code: 'AUTHENTICATION_REQUIRED', status: 'F', category: 'retryNewRequest', source: 'pay' },
    })
    expect(orderStatusOf('ORD', [declined, attempt(2, 'draft')], 10)).toMatchObject({
      state: 'open',
      current: { paymentRequestId: 'ORD-attempt-2' },
      next: { attempt: 2, paymentRequestId: 'ORD-attempt-2', requires3ds: true },
    })
  })

  it('is paid once an attempt took the money, and stays paid after a refund', () => {
    expect(orderStatusOf('ORD', [attempt(1, 'failed'), attempt(2, 'captured')], 10)).toMatchObject({
      state: 'paid',
      charged: ['ORD-attempt-2'],
    })
    expect(orderStatusOf('ORD', [attempt(1, 'refunded')], 10).state).toBe('paid')
  })

  it('counts a closed attempt whose late capture is not refunded yet as charged, and not once it is', () => {
    const reversing = attempt(1, 'expired', { captured: usd(1_000), refunded: usd(0) })
    expect(orderStatusOf('ORD', [reversing], 10)).toMatchObject({ state: 'paid', charged: ['ORD-attempt-1'] })
    const reversed = attempt(1, 'expired', { captured: usd(1_000), refunded: usd(1_000) })
    expect(orderStatusOf('ORD', [reversed], 10)).toMatchObject({ state: 'retryable', next: { attempt: 2 } })
  })

  it('is exhausted after its last allowed attempt', () => {
    expect(orderStatusOf('ORD', [attempt(1, 'failed'), attempt(2, 'failed')], 2)).toMatchObject({
      state: 'exhausted',
      current: { paymentRequestId: 'ORD-attempt-2' },
    })
  })
})
