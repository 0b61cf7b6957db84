import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import { decodeNotification } from '../schemas/index.js'
import { gatewayTimeOf } from './gateway-time.js'

const decode = (body: Record<string, unknown>) => Effect.runSync(decodeNotification(JSON.stringify(body)))
const result = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' }

describe('gatewayTimeOf', () => {
  it('reads when the gateway acted, with the offset it gives, or nothing when the notification does not say', () => {
    const paid = {
      notifyType: 'PAYMENT_RESULT',
      result,
      paymentRequestId: 'PAY-1',
      paymentId: 'P-1',
      paymentAmount: { currency: 'USD', value: '1000' },
    }
    expect(gatewayTimeOf(decode({ ...paid, paymentTime: '2026-03-01T13:00:02+08:00' }))).toBe(
      Date.UTC(2026, 2, 1, 5, 0, 2),
    )
    expect(gatewayTimeOf(decode(paid))).toBeUndefined()
    const captured = {
      notifyType: 'CAPTURE_RESULT',
      result,
      captureRequestId: 'CAP-1',
      captureId: 'C-1',
      paymentId: 'P-1',
      captureAmount: { currency: 'USD', value: '1000' },
      captureTime: '2026-03-01T05:00:03Z',
    }
    expect(gatewayTimeOf(decode(captured))).toBe(Date.UTC(2026, 2, 1, 5, 0, 3))
  })
})
