import { describe, expect, it } from 'vitest'
import type { CaptureRecord, PaymentContext } from './context.js'
import { cardInput } from './machine.fixtures.js'
import { nextCaptureRequestId, nextRefundRequestId } from './request-ids.js'
import { startPayment } from './transitions.js'

const usd = (minor: number) => ({ currency: 'USD' as const, minor })
const failed = (captureRequestId: string): CaptureRecord => ({ captureRequestId, amount: usd(100), status: 'failed' })
const context = (patch: Partial<PaymentContext>, capturesRequested = 0): PaymentContext => {
  const start = startPayment(cardInput()).snapshot.context
  return { ...start, ...patch, counts: { ...start.counts, capturesRequested } }
}

describe('request ids allocated for intents that name none', () => {
  it('never gives a new capture the id of a failed one, however the count of captures asked stands', () => {
    const id = context({}).paymentRequestId
    const after = context(
      {
        capture: failed(`${id}-capture-2`),
        earlierCaptures: [failed(`${id}-capture`)],
      },
      1,
    )
    expect(nextCaptureRequestId(after)).toBe(`${id}-capture-3`)
  })

  it('keeps the id of the capture in progress, so that asking again is the same capture', () => {
    const id = context({}).paymentRequestId
    const pending: CaptureRecord = { captureRequestId: `${id}-capture`, amount: usd(100), status: 'pending' }
    expect(nextCaptureRequestId(context({ capture: pending }, 1))).toBe(`${id}-capture`)
  })

  it('gives a refund the first number no refund of the payment uses', () => {
    const id = context({}).paymentRequestId
    const refunds = [{ refundRequestId: `${id}-refund-2`, amount: usd(10), status: 'pending' as const }]
    expect(nextRefundRequestId(context({ refunds }))).toBe(`${id}-refund-3`)
  })
})
