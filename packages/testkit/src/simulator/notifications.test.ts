import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HOUR, MINUTE } from './clock.js'
import { isAcknowledgement, NOTIFICATION_ACK, RETRY_SCHEDULE_MS } from './notification-schedule.js'
import { ACK, payBody, setup, T0 } from './simulator.fixtures.js'

/** One wallet payment paid: exactly one PAYMENT_RESULT in the outbox. */
const onePaymentResult = () => {
  const env = setup()
  env.sim.request('pay', payBody({ method: 'GCASH' }))
  env.sim.completeWallet('SIMPAY000001', 'pass')
  return env
}

describe('notification redelivery', () => {
  it('follows 0, 2 m, 10 m, 10 m, 1 h, 2 h, 6 h, 15 h until acknowledged, then gives up after the 8th', () => {
    const { sim, clock } = onePaymentResult()
    expect(RETRY_SCHEDULE_MS).toEqual([0, 2 * MINUTE, 10 * MINUTE, 10 * MINUTE, HOUR, 2 * HOUR, 6 * HOUR, 15 * HOUR])
    const attemptsAt: Array<number> = []
    // A compressed walk: jump straight to each next attempt, and check nothing is due one millisecond before it.
    for (let i = 0; i < 8; i++) {
      const next = sim.notifications()[0]?.nextAttemptAt
      if (next === undefined) throw new Error('expected a next attempt')
      clock.set(next - 1)
      expect(sim.dueNotifications()).toEqual([])
      clock.set(next)
      const [delivery, ...rest] = sim.dueNotifications()
      expect(rest).toEqual([])
      expect(delivery?.attempt).toBe(i + 1)
      attemptsAt.push(clock.now() - T0)
      sim.acknowledge(delivery?.notificationId ?? '', { result: { resultCode: 'FAIL', resultStatus: 'F' } })
    }
    expect(attemptsAt).toEqual([
      0,
      2 * MINUTE,
      12 * MINUTE,
      22 * MINUTE,
      HOUR + 22 * MINUTE,
      3 * HOUR + 22 * MINUTE,
      9 * HOUR + 22 * MINUTE,
      24 * HOUR + 22 * MINUTE,
    ])
    expect(sim.notifications()[0]).toMatchObject({ status: 'givenUp', nextAttemptAt: undefined })
    clock.advance(100 * HOUR)
    expect(sim.dueNotifications()).toEqual([])
  })

  it('stops at the fixed acknowledgement', () => {
    const { sim, clock } = onePaymentResult()
    const [delivery] = sim.dueNotifications()
    expect(sim.acknowledge(delivery?.notificationId ?? '', ACK)).toEqual({ kind: 'acknowledged' })
    clock.advance(48 * HOUR)
    expect(sim.dueNotifications()).toEqual([])
    expect(sim.notifications()[0]).toMatchObject({
      status: 'acknowledged',
      attempts: [{ attempt: 1, acknowledged: true }],
    })
  })

  it('redelivers when no answer came (undefined) or the delivery was never acknowledged', () => {
    const { sim, clock } = onePaymentResult()
    const [first] = sim.dueNotifications()
    expect(sim.acknowledge(first?.notificationId ?? '', undefined)).toEqual({
      kind: 'rejected',
      nextAttemptAt: T0 + 2 * MINUTE,
      status: 'pending',
    })
    clock.advance(2 * MINUTE)
    expect(sim.dueNotifications()).toHaveLength(1)
    clock.advance(10 * MINUTE)
    expect(sim.dueNotifications()).toHaveLength(1)
  })

  it('accepts the acknowledgement as raw JSON, with extra fields, and nothing else', () => {
    const rejected: Array<unknown> = [
      { result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' } },
      { result: { resultCode: 'SUCCESS', resultStatus: 'F', resultMessage: 'success' } },
      { result: { resultCode: 'success', resultStatus: 'S', resultMessage: 'success' } },
      { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
      '{"result":',
      'OK',
      '',
      null,
      undefined,
      [],
      { result: null },
    ]
    for (const response of rejected) expect(isAcknowledgement(response), JSON.stringify(response)).toBe(false)
    expect(isAcknowledgement(NOTIFICATION_ACK)).toBe(true)
    expect(isAcknowledgement(JSON.stringify(NOTIFICATION_ACK))).toBe(true)
    expect(isAcknowledgement('{"result":{"resultStatus":"S","resultMessage":"success","resultCode":"SUCCESS"}}')).toBe(
      true,
    )
    expect(isAcknowledgement({ ...NOTIFICATION_ACK, extra: 1 })).toBe(true)
  })

  it('accepts only the exact triple (property)', () => {
    const field = fc.oneof(fc.constantFrom('SUCCESS', 'S', 'success', 'F', 'U', 'success.'), fc.string())
    fc.assert(
      fc.property(field, field, field, (resultCode, resultStatus, resultMessage) => {
        const exact = resultCode === 'SUCCESS' && resultStatus === 'S' && resultMessage === 'success'
        expect(isAcknowledgement({ result: { resultCode, resultStatus, resultMessage } })).toBe(exact)
      }),
    )
  })

  it('reports unknown and not yet delivered notifications', () => {
    const { sim } = onePaymentResult()
    expect(sim.acknowledge('nope', ACK)).toEqual({ kind: 'unknownNotification' })
    const id = sim.notifications()[0]?.notificationId ?? ''
    expect(sim.acknowledge(id, ACK)).toEqual({ kind: 'notDelivered' })
    expect(sim.dueNotifications()).toHaveLength(1)
  })
})

describe('notification faults', () => {
  it('duplicates the next notification at its first attempt', () => {
    const { sim } = setup()
    sim.faults.nextNotifications({ kind: 'duplicate' })
    sim.request('pay', payBody())
    const deliveries = sim.dueNotifications()
    expect(deliveries.map((d) => d.notifyType)).toEqual(['PAYMENT_RESULT', 'PAYMENT_RESULT', 'CAPTURE_RESULT'])
    expect(deliveries[0]).toEqual(deliveries[1])
  })

  it('reorders: the later notification first', () => {
    const { sim } = setup()
    sim.faults.nextNotifications({ kind: 'reorder', count: 2 })
    sim.request('pay', payBody())
    expect(sim.dueNotifications().map((d) => d.notifyType)).toEqual(['CAPTURE_RESULT', 'PAYMENT_RESULT'])
  })

  it('holds an incomplete reorder group until released', () => {
    const { sim } = setup()
    sim.faults.nextNotifications({ kind: 'reorder', count: 3 })
    sim.request('pay', payBody())
    expect(sim.dueNotifications()).toEqual([])
    expect(sim.notifications().map((n) => n.status)).toEqual(['held', 'held'])
    sim.releaseHeldNotifications()
    expect(sim.dueNotifications().map((d) => d.notifyType)).toEqual(['CAPTURE_RESULT', 'PAYMENT_RESULT'])
  })

  it('delays the next notification by the given time', () => {
    const { sim, clock } = setup()
    sim.faults.nextNotifications({ kind: 'delay', ms: 30_000 })
    sim.request('pay', payBody())
    expect(sim.dueNotifications().map((d) => d.notifyType)).toEqual(['CAPTURE_RESULT'])
    clock.advance(29_999)
    expect(sim.dueNotifications()).toEqual([])
    clock.advance(1)
    expect(sim.dueNotifications().map((d) => d.notifyType)).toEqual(['PAYMENT_RESULT'])
  })

  it('drops the next N notifications for good', () => {
    const { sim, clock } = setup()
    sim.faults.nextNotifications({ kind: 'drop', count: 2 })
    sim.request('pay', payBody())
    sim.request('pay', payBody({ paymentRequestId: 'PAY-2' }))
    clock.advance(48 * HOUR)
    const delivered = sim.dueNotifications()
    expect(delivered.map((d) => [d.paymentRequestId, d.notifyType])).toEqual([
      ['PAY-2', 'PAYMENT_RESULT'],
      ['PAY-2', 'CAPTURE_RESULT'],
    ])
    expect(sim.notifications().map((n) => n.status)).toEqual(['dropped', 'dropped', 'pending', 'pending'])
  })

  it('refuses malformed faults', () => {
    const { sim } = setup()
    expect(() => sim.faults.nextNotifications({ kind: 'reorder', count: 1 })).toThrow(RangeError)
    expect(() => sim.faults.nextNotifications({ kind: 'drop', count: 0 })).toThrow(RangeError)
    expect(() => sim.faults.nextNotifications({ kind: 'delay', ms: -1 })).toThrow(RangeError)
  })
})
