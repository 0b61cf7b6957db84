import { describe, expect, it } from 'vitest'
import { cardInput, failed, ok, published, T0, usd, walletInput } from './machine.fixtures.js'
import { persistPayment, restorePayment } from './persistence.js'
import { stateOf } from './state.js'
import { applyEvent, applyEvents, startPayment } from './step.js'

const paidWallet = () =>
  applyEvents(startPayment(walletInput()).snapshot, [
    { type: 'SUBMIT', at: T0 },
    { type: 'PAY_ANSWERED', at: T0 + 1, result: ok, paymentId: 'P1', amount: usd(10_000) },
  ]).snapshot

describe('monotonic', () => {
  it('records a duplicate success notification without moving or emitting anything', () => {
    const { snapshot, commands } = applyEvent(paidWallet(), {
      type: 'PAYMENT_NOTIFIED',
      at: T0 + 2,
      notifyType: 'PAYMENT_RESULT',
      result: ok,
      amount: usd(10_000),
    })
    expect(stateOf(snapshot)).toBe('captured')
    expect(commands).toEqual([])
    expect(snapshot.context.anomalyCount).toBe(1)
  })

  it('surfaces a FAIL after capture as a conflict and stays captured', () => {
    const { snapshot, commands } = applyEvent(paidWallet(), {
      type: 'PAYMENT_NOTIFIED',
      at: T0 + 2,
      notifyType: 'PAYMENT_RESULT',
      result: failed('RISK_REJECT'),
    })
    expect(stateOf(snapshot)).toBe('captured')
    expect(published(commands)).toEqual(['conflict'])
    expect(snapshot.context.conflicts[0]).toMatchObject({ kind: 'outcome', event: 'PAYMENT_NOTIFIED' })
  })

  it('surfaces a success after failure as a conflict and stays failed', () => {
    const { snapshot } = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAY_ANSWERED', at: T0 + 1, result: failed('DO_NOT_HONOR') },
      { type: 'PAYMENT_NOTIFIED', at: T0 + 2, notifyType: 'PAYMENT_RESULT', result: ok },
    ])
    expect(stateOf(snapshot)).toBe('failed')
    expect(snapshot.context.conflicts).toHaveLength(1)
  })

  it('does not step back when a late answer arrives after a notification settled the payment', () => {
    const { snapshot } = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAYMENT_NOTIFIED', at: T0 + 1, notifyType: 'PAYMENT_RESULT', result: ok, paymentId: 'P1' },
      {
        type: 'PAY_ANSWERED',
        at: T0 + 2,
        result: { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' },
        nextAction: { kind: 'threeDS', url: 'https://acs' },
      },
    ])
    expect(stateOf(snapshot)).toBe('authorized')
  })

  it('surfaces an amount disagreement and withholds ready-to-ship', () => {
    const { snapshot, commands } = applyEvents(startPayment(walletInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAY_ANSWERED', at: T0 + 1, result: ok, paymentId: 'P1', amount: usd(9_999) },
    ])
    expect(snapshot.context.conflicts[0]).toMatchObject({ kind: 'amount' })
    expect(snapshot.context.amount).toEqual(usd(10_000))
    expect(published(commands)).toEqual(['conflict', 'succeeded'])
  })

  it('surfaces a currency disagreement', () => {
    const { snapshot } = applyEvents(startPayment(walletInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAY_ANSWERED', at: T0 + 1, result: ok, amount: { currency: 'EUR', minor: 10_000 } },
    ])
    expect(snapshot.context.conflicts[0]).toMatchObject({ kind: 'currency' })
  })

  it('keeps only the latest anomalies but counts them all', () => {
    let snapshot = paidWallet()
    for (let i = 0; i < 40; i++) snapshot = applyEvent(snapshot, { type: 'CUSTOMER_RETURNED', at: T0 + i }).snapshot
    expect(snapshot.context.anomalies).toHaveLength(32)
    expect(snapshot.context.anomalyCount).toBe(40)
  })
})

describe('persistence', () => {
  it('survives a JSON round trip and carries on from where it was', () => {
    const authorized = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAY_ANSWERED', at: T0 + 1, result: ok, paymentId: 'P1' },
    ]).snapshot
    const restored = restorePayment(JSON.parse(JSON.stringify(persistPayment(authorized))))
    expect(stateOf(restored)).toBe('authorized')
    const next = applyEvent(restored, { type: 'CAPTURE', at: T0 + 2, captureRequestId: 'C1' })
    expect(next.commands.find((c) => c.kind === 'capture')).toMatchObject({
      commandId: 'PAY-001#2',
      captureRequestId: 'C1',
    })
  })
})
