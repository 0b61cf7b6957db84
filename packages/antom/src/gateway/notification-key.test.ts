import { Effect, Exit } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as built from '../schemas/constructed-samples.fixtures.js'
import { decodeNotification } from '../schemas/decode.js'
import * as spec from '../schemas/spec-samples.fixtures.js'
import { notificationEvent } from './notification-event.js'
import { notificationKeyOfBody } from './notification-key.js'

const keyOfDecoded = (body: string): string | undefined => {
  const decoded = Effect.runSyncExit(decodeNotification(body))
  return Exit.isSuccess(decoded) ? notificationEvent(decoded.value, 0).notificationKey : undefined
}

const SAMPLES = [
  spec.notifyPaymentCard,
  spec.notifyPaymentWallet,
  spec.notifyPayment3ds,
  spec.notifyPaymentCardToken,
  built.notifyCapture,
  built.notifyRefund,
  built.notifyPaymentPending,
]

/** Notifications of every type, with the facts of the key varied, amounts written well and badly. */
const notificationArb = fc
  .record({
    notifyType: fc.constantFrom('PAYMENT_RESULT', 'PAYMENT_PENDING', 'CAPTURE_RESULT', 'REFUND_RESULT', 'OTHER'),
    resultStatus: fc.constantFrom('S', 'F', 'U'),
    resultCode: fc.constantFrom('SUCCESS', 'DO_NOT_HONOR', 'PAYMENT_IN_PROCESS'),
    refundStatus: fc.option(fc.constantFrom('SUCCESS', 'FAIL', 'PROCESSING'), { nil: undefined }),
    value: fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.constantFrom('007', '1.5', '-3', '', '1e3')),
    currency: fc.constantFrom('USD', 'JPY', 'usd'),
    // Now and then with U+0000 or half a surrogate pair, which both readings must replace alike.
    id: fc.oneof(
      fc.stringMatching(/^[A-Z0-9-]{0,8}$/),
      fc.constantFrom('\u0000', 'A\uD83C', '\uDF75B', '\uD83C\uDF75'),
    ),
  })
  .map(({ notifyType, resultStatus, resultCode, refundStatus, value, currency, id }) => {
    const amount = { currency, value }
    const base = { notifyType, result: { resultStatus, resultCode }, paymentId: `P${id}` }
    if (notifyType === 'CAPTURE_RESULT') return { ...base, captureRequestId: `C${id}`, captureAmount: amount }
    if (notifyType === 'REFUND_RESULT')
      return { ...base, refundRequestId: `R${id}`, refundAmount: amount, refundStatus }
    return { ...base, paymentRequestId: `PAY${id}`, paymentAmount: amount }
  })

describe('the key of a notification read from its raw body', () => {
  it.each(SAMPLES)('is the decoded notification’s key for the sample %#', (body) => {
    expect(notificationKeyOfBody(body)).toBe(keyOfDecoded(body))
    expect(notificationKeyOfBody(body)).toBeDefined()
  })

  it('is never another key than the decoded one: where both exist they agree', () => {
    fc.assert(
      fc.property(notificationArb, (notification) => {
        const body = JSON.stringify(notification)
        const raw = notificationKeyOfBody(body)
        const decoded = keyOfDecoded(body)
        if (raw !== undefined && decoded !== undefined) expect(raw).toBe(decoded)
      }),
      { numRuns: 2_000 },
    )
  })

  it('reads a refund that failed as REFUND_FAILED, as the machine does, so it never passes for the success', () => {
    const body = (refundStatus: string) =>
      built.notifyRefund.replace('"refundStatus": "SUCCESS"', `"refundStatus": "${refundStatus}"`)
    expect(notificationKeyOfBody(body('FAIL'))).toContain(':REFUND_FAILED:')
    expect(notificationKeyOfBody(body('FAIL'))).not.toBe(notificationKeyOfBody(body('SUCCESS')))
    expect(notificationKeyOfBody(body('FAIL'))).toBe(keyOfDecoded(body('FAIL')))
  })

  it('gives no key where the body does not plainly hold every fact', () => {
    for (const body of ['', 'not json', '[]', '{"notifyType":"PAYMENT_RESULT"}', '{"notifyType":"OTHER"}']) {
      expect(notificationKeyOfBody(body)).toBeUndefined()
    }
    const padded = spec.notifyPaymentCard.replace(/"value": "(\d+)"/, '"value": "0$1"')
    expect(notificationKeyOfBody(padded)).toBeUndefined()
  })
})
