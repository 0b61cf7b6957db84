import { describe, expect, it } from 'vitest'
import { HOUR, MINUTE } from './clock.js'
import { ACK, payBody, setup } from './simulator.fixtures.js'

describe('tamper notification fault', () => {
  it('queues a lying twin just before the true notification; both are delivered, the twin first', () => {
    const { sim } = setup()
    sim.faults.nextNotifications({ kind: 'tamper', field: 'amount' })
    sim.request('pay', payBody({ value: '2400' }))
    const deliveries = sim.dueNotifications()
    expect(deliveries.map((d) => [d.notifyType, d.tampered?.field])).toEqual([
      ['PAYMENT_RESULT', 'amount'],
      ['PAYMENT_RESULT', undefined],
      ['CAPTURE_RESULT', undefined],
    ])
    const [twin, truth] = deliveries
    expect(twin).toMatchObject({
      endpoint: truth?.endpoint,
      url: truth?.url,
      paymentRequestId: 'PAY-1',
      body: { paymentAmount: { currency: 'USD', value: '2640' }, paymentId: 'SIMPAY000001' },
      tampered: { field: 'amount', original: '2400', reported: '2640' },
    })
    expect(twin?.notificationId).not.toBe(truth?.notificationId)
    expect(truth?.body).toMatchObject({ paymentAmount: { value: '2400' } })
    expect(sim.payment('PAY-1')?.amount.minor).toBe(2400)
  })

  it('the twin is an ordinary notification: retried until acknowledged, listed with its mark', () => {
    const { sim, clock } = setup()
    sim.faults.nextNotifications({ kind: 'tamper', field: 'paymentId' })
    sim.request('pay', payBody())
    const first = sim.dueNotifications()
    const twin = first.find((d) => d.tampered !== undefined)
    for (const delivery of first) if (delivery !== twin) sim.acknowledge(delivery.notificationId, ACK)
    sim.acknowledge(twin?.notificationId ?? '', undefined)
    clock.advance(2 * MINUTE)
    expect(sim.dueNotifications()).toMatchObject([{ notificationId: twin?.notificationId, attempt: 2 }])
    sim.acknowledge(twin?.notificationId ?? '', ACK)
    clock.advance(HOUR)
    expect(sim.dueNotifications()).toEqual([])
    const listed = sim.notifications().find((n) => n.notificationId === twin?.notificationId)
    expect(listed).toMatchObject({
      status: 'acknowledged',
      paymentRequestId: 'PAY-1',
      paymentId: 'SIMPAY000001',
      body: { paymentId: 'SIMPAY999998' },
      tampered: { field: 'paymentId', original: 'SIMPAY000001', reported: 'SIMPAY999998' },
    })
    expect(
      sim
        .notifications()
        .filter((n) => n.tampered === undefined)
        .every((n) => !('tampered' in n)),
    ).toBe(true)
  })

  it('count: a twin for each of the next notifications, each type with its own money field', () => {
    const { sim } = setup()
    sim.faults.nextNotifications({ kind: 'tamper', field: 'currency', count: 3 })
    sim.request('pay', payBody({ value: '1000' }))
    sim.request('refund', {
      refundRequestId: 'R-1',
      paymentId: 'SIMPAY000001',
      refundAmount: { currency: 'USD', value: '400' },
    })
    sim.request('refund', {
      refundRequestId: 'R-2',
      paymentId: 'SIMPAY000001',
      refundAmount: { currency: 'USD', value: '100' },
    })
    const twins = sim.notifications().filter((n) => n.tampered !== undefined)
    expect(twins.map((n) => [n.notifyType, n.tampered?.original, n.tampered?.reported])).toEqual([
      ['PAYMENT_RESULT', 'USD', 'AED'],
      ['CAPTURE_RESULT', 'USD', 'AED'],
      ['REFUND_RESULT', 'USD', 'AED'],
    ])
    expect(twins[1]?.body).toMatchObject({ captureAmount: { currency: 'AED', value: '1000' } })
    expect(twins[2]?.body).toMatchObject({ refundAmount: { currency: 'AED', value: '400' } })
    expect(sim.notifications()).toHaveLength(7)
  })

  it('other faults reshape the true notification only: a delayed truth comes after its twin', () => {
    const { sim, clock } = setup()
    sim.faults.nextNotifications({ kind: 'delay', ms: 30_000 })
    sim.faults.nextNotifications({ kind: 'tamper', field: 'amount' })
    sim.request('pay', payBody({ paymentRequestId: 'PAY-1' }))
    expect(sim.dueNotifications().map((d) => [d.notifyType, d.tampered !== undefined])).toEqual([
      ['PAYMENT_RESULT', true],
      ['CAPTURE_RESULT', false],
    ])
    clock.advance(30_000)
    expect(sim.dueNotifications().map((d) => [d.notifyType, d.tampered !== undefined])).toEqual([
      ['PAYMENT_RESULT', false],
    ])
  })

  it('a dropped truth still has its twin delivered, and the twin takes none of the other faults', () => {
    const { sim } = setup()
    sim.faults.nextNotifications({ kind: 'drop' })
    sim.faults.nextNotifications({ kind: 'tamper', field: 'amount' })
    sim.faults.nextNotifications({ kind: 'duplicate', count: 2 })
    sim.request('pay', payBody({ value: '2400' }))
    expect(sim.dueNotifications().map((d) => [d.notifyType, d.tampered?.field])).toEqual([
      ['PAYMENT_RESULT', 'amount'],
      ['CAPTURE_RESULT', undefined],
      ['CAPTURE_RESULT', undefined],
    ])
  })

  it('refuses a field it cannot alter', () => {
    const { sim } = setup()
    expect(() => sim.faults.nextNotifications({ kind: 'tamper', field: 'x' as 'amount' })).toThrow(/tamper\.field/)
    expect(() => sim.faults.nextNotifications({ kind: 'tamper', field: 'amount', count: 0 })).toThrow(RangeError)
  })
})
