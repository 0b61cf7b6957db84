import { describe, expect, it } from 'vitest'
import { refundableMinor, refundedMinor } from './amounts.js'
import { failed, gatewayCalls, ok, published, scheduled, T0, unknown, usd, walletInput } from './machine.fixtures.js'
import { stateOf } from './state.js'
import { applyEvent, applyEvents, startPayment } from './transitions.js'

const paid = () =>
  applyEvents(startPayment(walletInput()).snapshot, [
    { type: 'SUBMIT', at: T0 },
    { type: 'PAY_ANSWERED', at: T0 + 1, result: ok, paymentId: 'P1', amount: usd(10_000) },
  ]).snapshot

describe('refunds', () => {
  it('refunds in parts up to the captured amount, each under its own refundRequestId', () => {
    const { snapshot, commands } = applyEvents(paid(), [
      { type: 'REFUND', at: T0 + 10, refundRequestId: 'R1', amount: usd(3_000) },
      { type: 'REFUND', at: T0 + 11, refundRequestId: 'R2', amount: usd(5_000) },
      { type: 'REFUND_ANSWERED', at: T0 + 12, refundRequestId: 'R1', result: ok },
      { type: 'REFUND_NOTIFIED', at: T0 + 13, refundRequestId: 'R2', result: ok },
    ])
    expect(commands.filter((c) => c.kind === 'refund').map((c) => c.idempotencyKey)).toEqual(['R1', 'R2'])
    expect(refundedMinor(snapshot.context)).toBe(8_000)
    expect(refundableMinor(snapshot.context)).toBe(2_000)
    expect(stateOf(snapshot)).toBe('captured')
    expect(published(commands)).toEqual(['refunded', 'refunded'])
  })

  it('rejects a refund over what is left, counting refunds still pending', () => {
    const { snapshot, commands } = applyEvents(paid(), [
      { type: 'REFUND', at: T0 + 10, refundRequestId: 'R1', amount: usd(6_000) },
      { type: 'REFUND', at: T0 + 11, refundRequestId: 'R2', amount: usd(4_001) },
    ])
    expect(gatewayCalls(commands)).toEqual(['refund'])
    expect(snapshot.context.anomalies.at(-1)).toMatchObject({ event: 'REFUND', reason: 'rejected' })
  })

  it('rejects a refund in another currency, of zero, or repeated under a used id', () => {
    const { commands, snapshot } = applyEvents(paid(), [
      { type: 'REFUND', at: T0 + 10, refundRequestId: 'R1', amount: { currency: 'EUR', minor: 100 } },
      { type: 'REFUND', at: T0 + 11, refundRequestId: 'R2', amount: usd(0) },
      { type: 'REFUND', at: T0 + 12, refundRequestId: 'R3', amount: usd(100) },
      { type: 'REFUND', at: T0 + 13, refundRequestId: 'R3', amount: usd(100) },
    ])
    expect(gatewayCalls(commands)).toEqual(['refund'])
    expect(snapshot.context.anomalies.map((a) => a.reason)).toEqual(['rejected', 'rejected', 'duplicate'])
  })

  it('frees the amount of a failed refund', () => {
    const { snapshot, commands } = applyEvents(paid(), [
      { type: 'REFUND', at: T0 + 10, refundRequestId: 'R1', amount: usd(10_000) },
      { type: 'REFUND_ANSWERED', at: T0 + 11, refundRequestId: 'R1', result: failed('PROCESS_FAIL') },
    ])
    expect(refundableMinor(snapshot.context)).toBe(10_000)
    expect(published(commands)).toEqual(['refundFailed'])
  })

  it('is refunded, and stays so, once everything captured came back', () => {
    const { snapshot } = applyEvents(paid(), [
      { type: 'REFUND', at: T0 + 10, refundRequestId: 'R1', amount: usd(10_000) },
      { type: 'REFUND_ANSWERED', at: T0 + 11, refundRequestId: 'R1', result: ok },
    ])
    expect(stateOf(snapshot)).toBe('refunded')
    const more = applyEvent(snapshot, { type: 'REFUND', at: T0 + 12, refundRequestId: 'R2', amount: usd(1) })
    expect(more.snapshot.context.anomalies.at(-1)).toMatchObject({ event: 'REFUND', reason: 'rejected' })
    expect(more.commands).toEqual([])
    const late = applyEvent(snapshot, {
      type: 'REFUND_NOTIFIED',
      at: T0 + 12,
      refundRequestId: 'R1',
      result: failed('PROCESS_FAIL'),
    })
    expect(stateOf(late.snapshot)).toBe('refunded')
    expect(published(late.commands)).toEqual(['conflict'])
  })

  it('reconciles a refund whose answer was lost with inquiryRefund', () => {
    const { snapshot, commands } = applyEvents(paid(), [
      { type: 'REFUND', at: T0 + 10, refundRequestId: 'R1', amount: usd(1_000) },
      { type: 'GATEWAY_UNANSWERED', at: T0 + 11, operation: 'refund', requestId: 'R1', reason: 'timeout' },
      { type: 'REFUND', at: T0 + 12, refundRequestId: 'R2', amount: usd(1_000) },
      { type: 'REFUND_ANSWERED', at: T0 + 13, refundRequestId: 'R2', result: unknown('UNKNOWN_EXCEPTION') },
      { type: 'TIMER_FIRED', at: T0 + 70_000, timer: 'refundReconcile' },
      { type: 'REFUND_INQUIRY_ANSWERED', at: T0 + 70_001, refundRequestId: 'R1', result: ok, refundStatus: 'SUCCESS' },
      {
        type: 'REFUND_INQUIRY_ANSWERED',
        at: T0 + 70_002,
        refundRequestId: 'R2',
        result: ok,
        refundStatus: 'PROCESSING',
      },
    ])
    expect(scheduled(commands).map((s) => s.timer)).toContain('refundReconcile')
    expect(commands.filter((c) => c.kind === 'inquiryRefund').map((c) => c.idempotencyKey)).toEqual(['R1', 'R2'])
    expect(snapshot.context.refunds.map((r) => r.status)).toEqual(['succeeded', 'pending'])
  })
})
