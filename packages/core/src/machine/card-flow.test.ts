import { describe, expect, it } from 'vitest'
import {
  cardInput,
  failed,
  followWatch,
  gatewayCalls,
  inProcess,
  ok,
  published,
  scheduled,
  T0,
  usd,
} from './machine.fixtures.js'
import { LATE_CAPTURE_LAST_LOOK_MS, LATE_CAPTURE_WATCH_MS } from './policy.js'
import { stateOf } from './state.js'
import { applyEvent, applyEvents, startPayment } from './transitions.js'

const submitted = () => applyEvent(startPayment(cardInput()).snapshot, { type: 'SUBMIT', at: T0 })

const authorized = () =>
  applyEvents(submitted().snapshot, [
    {
      type: 'PAY_ANSWERED',
      at: T0 + 1,
      result: inProcess,
      paymentId: 'P1',
      nextAction: { kind: 'threeDS', url: 'https://acs/1' },
    },
    { type: 'CUSTOMER_RETURNED', at: T0 + 2 },
    {
      type: 'INQUIRY_ANSWERED',
      at: T0 + 3,
      result: ok,
      paymentStatus: 'SUCCESS',
      paymentId: 'P1',
      amount: usd(10_000),
    },
  ])

/** The inquiry shows the payment paid and no CAPTURE transaction: the capture never arrived. */
const unseen = (at: number) =>
  ({ type: 'INQUIRY_ANSWERED', at, result: ok, paymentStatus: 'SUCCESS', paymentId: 'P1' }) as const

/** CAP-1 (for `amount`, else the whole authorization) sent three times, each send without trace: given up. */
const captureGivenUp = (amount?: ReturnType<typeof usd>) =>
  applyEvents(authorized().snapshot, [
    { type: 'CAPTURE', at: T0 + 10, captureRequestId: 'CAP-1', ...(amount === undefined ? {} : { amount }) },
    ...[1, 2, 3].flatMap(
      (n) =>
        [
          { type: 'GATEWAY_UNANSWERED', at: T0 + n * 100, operation: 'capture', requestId: 'CAP-1', reason: 'timeout' },
          { type: 'TIMER_FIRED', at: T0 + n * 70_000, timer: 'reconcile' },
          unseen(T0 + n * 70_000 + 1),
        ] as const,
    ),
  ])

describe('card payment with 3DS and manual capture', () => {
  it('submits a pay command keyed by the paymentRequestId and schedules the 14-minute expiry', () => {
    const { snapshot, commands } = submitted()
    expect(stateOf(snapshot)).toBe('submitting')
    expect(commands[0]).toMatchObject({ kind: 'pay', idempotencyKey: 'PAY-001', commandId: 'PAY-001#1', attempt: 1 })
    expect(scheduled(commands)).toEqual([{ timer: 'paymentExpiry', dueAt: T0 + 14 * 60_000 }])
  })

  it('carries the merchant’s request details with the pay command, so a relay can replay it after a crash', () => {
    const requestDetails = { order: { referenceOrderId: 'ORDER-1' }, paymentRedirectUrl: 'https://shop/return' }
    const { commands } = applyEvent(startPayment(cardInput({ requestDetails })).snapshot, { type: 'SUBMIT', at: T0 })
    expect(commands[0]).toMatchObject({ kind: 'pay', requestDetails })
  })

  it('asks the customer to complete the 3DS challenge, then inquires at once when they return', () => {
    const challenge = applyEvent(submitted().snapshot, {
      type: 'PAY_ANSWERED',
      at: T0 + 1,
      result: inProcess,
      paymentId: 'P1',
      nextAction: { kind: 'threeDS', url: 'https://acs/1' },
    })
    expect(stateOf(challenge.snapshot)).toBe('awaitingCustomer')
    expect(challenge.commands).toContainEqual({
      kind: 'publish',
      event: { type: 'customerActionRequired', action: { kind: 'threeDS', url: 'https://acs/1' } },
    })
    expect(scheduled(challenge.commands)).toEqual([{ timer: 'reconcile', dueAt: T0 + 1 + 60_000 }])
    const back = applyEvent(challenge.snapshot, { type: 'CUSTOMER_RETURNED', at: T0 + 2 })
    expect(gatewayCalls(back.commands)).toEqual(['inquiryPayment'])
  })

  it('is authorized, not ready to ship, until the capture succeeds', () => {
    const { snapshot, commands } = authorized()
    expect(stateOf(snapshot)).toBe('authorized')
    expect(published(commands)).toEqual(['customerActionRequired', 'authorized'])
    expect(scheduled(commands)).toContainEqual({ timer: 'captureDeadline', dueAt: T0 + 3 + 7 * 24 * 3_600_000 })
    expect(commands).toContainEqual({ kind: 'cancelTimer', timer: 'paymentExpiry' })
  })

  it('captures with the merchant’s captureRequestId and becomes ready to ship on the capture result', () => {
    const capture = applyEvent(authorized().snapshot, { type: 'CAPTURE', at: T0 + 10, captureRequestId: 'CAP-1' })
    expect(stateOf(capture.snapshot)).toBe('capturing')
    expect(capture.commands).toContainEqual(
      expect.objectContaining({ kind: 'capture', paymentId: 'P1', captureRequestId: 'CAP-1', idempotencyKey: 'CAP-1' }),
    )
    const done = applyEvent(capture.snapshot, {
      type: 'CAPTURE_ANSWERED',
      at: T0 + 11,
      captureRequestId: 'CAP-1',
      result: ok,
    })
    expect(stateOf(done.snapshot)).toBe('captured')
    expect(published(done.commands)).toEqual(['readyToShip'])
  })

  it('rejects a capture above the authorized amount, answers a retried capture again, refuses its id for another amount', () => {
    const tooMuch = applyEvent(authorized().snapshot, {
      type: 'CAPTURE',
      at: T0 + 10,
      captureRequestId: 'C',
      amount: usd(10_001),
    })
    expect(stateOf(tooMuch.snapshot)).toBe('authorized')
    expect(tooMuch.commands).toEqual([])
    expect(tooMuch.snapshot.context.anomalies.at(-1)).toMatchObject({ event: 'CAPTURE', reason: 'rejected' })
    const first = applyEvent(authorized().snapshot, {
      type: 'CAPTURE',
      at: T0 + 10,
      captureRequestId: 'C',
      amount: usd(4_000),
    })
    const again = applyEvent(first.snapshot, {
      type: 'CAPTURE',
      at: T0 + 11,
      captureRequestId: 'C',
      amount: usd(4_000),
    })
    expect(again.commands).toEqual([])
    expect(again.snapshot.context.anomalies.at(-1)).toMatchObject({ reason: 'duplicate' })
    // Without an amount it asks for the whole authorization: another request under the same id.
    const whole = applyEvent(first.snapshot, { type: 'CAPTURE', at: T0 + 12, captureRequestId: 'C' })
    expect(whole.commands).toEqual([])
    expect(whole.snapshot.context.anomalies.at(-1)).toMatchObject({
      reason: 'rejected',
      refusal: { code: 'requestIdReused' },
    })
  })

  it('returns to authorized when the capture fails, so the merchant can capture again or cancel', () => {
    const capture = applyEvent(authorized().snapshot, { type: 'CAPTURE', at: T0 + 10, captureRequestId: 'CAP-1' })
    const refused = applyEvent(capture.snapshot, {
      type: 'CAPTURE_ANSWERED',
      at: T0 + 11,
      captureRequestId: 'CAP-1',
      result: failed('ORDER_STATUS_INVALID'),
    })
    expect(stateOf(refused.snapshot)).toBe('authorized')
    expect(published(refused.commands)).toEqual(['captureFailed'])
    const retry = applyEvent(refused.snapshot, { type: 'CAPTURE', at: T0 + 12, captureRequestId: 'CAP-2' })
    expect(gatewayCalls(retry.commands)).toEqual(['capture'])
  })

  it('keeps capturing on an unknown capture answer and learns the result by inquiry', () => {
    const capture = applyEvent(authorized().snapshot, { type: 'CAPTURE', at: T0 + 10, captureRequestId: 'CAP-1' })
    const lost = applyEvents(capture.snapshot, [
      { type: 'GATEWAY_UNANSWERED', at: T0 + 11, operation: 'capture', requestId: 'CAP-1', reason: 'timeout' },
      { type: 'TIMER_FIRED', at: T0 + 70_000, timer: 'reconcile' },
    ])
    expect(stateOf(lost.snapshot)).toBe('capturing')
    expect(gatewayCalls(lost.commands)).toEqual(['inquiryPayment'])
    const known = applyEvent(lost.snapshot, {
      type: 'INQUIRY_ANSWERED',
      at: T0 + 70_001,
      result: ok,
      paymentStatus: 'SUCCESS',
      capture: { status: 'SUCCESS' },
    })
    expect(stateOf(known.snapshot)).toBe('captured')
  })

  it('sends again, under the same captureRequestId, a capture the gateway never received, then gives it up', () => {
    const capture = applyEvent(authorized().snapshot, { type: 'CAPTURE', at: T0 + 10, captureRequestId: 'CAP-1' })
    const lost = applyEvent(capture.snapshot, {
      type: 'GATEWAY_UNANSWERED',
      at: T0 + 11,
      operation: 'capture',
      requestId: 'CAP-1',
      reason: 'timeout',
    })
    let step = applyEvents(lost.snapshot, [
      { type: 'TIMER_FIRED', at: T0 + 70_000, timer: 'reconcile' },
      unseen(T0 + 70_001),
    ])
    expect(stateOf(step.snapshot)).toBe('capturing')
    expect(step.commands.filter((c) => c.kind === 'capture')).toEqual([
      expect.objectContaining({ kind: 'capture', captureRequestId: 'CAP-1', idempotencyKey: 'CAP-1', paymentId: 'P1' }),
    ])
    step = applyEvents(step.snapshot, [
      { type: 'GATEWAY_UNANSWERED', at: T0 + 70_002, operation: 'capture', requestId: 'CAP-1', reason: 'timeout' },
      unseen(T0 + 80_000),
    ])
    expect(gatewayCalls(step.commands)).toEqual(['capture'])
    step = applyEvent(step.snapshot, unseen(T0 + 90_000))
    expect(step.snapshot.context.counts.captureAttempts).toBe(3)
    expect(gatewayCalls(step.commands)).toEqual([])
    // Three sends left no trace: the capture failed, the authorization stands, and the merchant hears it.
    expect(stateOf(step.snapshot)).toBe('authorized')
    expect(step.snapshot.context.capture).toMatchObject({ status: 'failed', failure: { code: 'ORDER_NOT_EXIST' } })
    expect(published(step.commands)).toEqual(['captureFailed'])
    // A send still on its way lands after all: its answer, its notification or an inquiry says so, and it is captured.
    const landed = [
      { type: 'CAPTURE_ANSWERED', at: T0 + 90_001, captureRequestId: 'CAP-1', result: ok },
      { type: 'CAPTURE_NOTIFIED', at: T0 + 90_001, captureRequestId: 'CAP-1', result: ok },
      { ...unseen(T0 + 90_001), capture: { status: 'SUCCESS' } },
    ] as const
    for (const report of landed) {
      const late = applyEvent(step.snapshot, report)
      expect(stateOf(late.snapshot), report.type).toBe('captured')
      expect(late.snapshot.context.capture, report.type).toEqual({
        captureRequestId: 'CAP-1',
        amount: usd(10_000),
        status: 'succeeded',
      })
      expect(published(late.commands), report.type).toEqual(['readyToShip'])
    }
  })

  it('looks for a given-up capture once more a day past its watch, on a timer no other look moves', () => {
    const givenUp = captureGivenUp()
    const capture = givenUp.snapshot.context.capture
    const lastLook = (capture?.status === 'failed' ? (capture.givenUpAt ?? 0) : 0) + LATE_CAPTURE_LAST_LOOK_MS
    expect(givenUp.commands.filter((c) => c.kind === 'scheduleTimer' && c.timer === 'lastLook')).toEqual([
      { kind: 'scheduleTimer', timer: 'lastLook', dueAt: lastLook },
    ])
    // The watch's looks find nothing; a send lands after them, its notification lost: only the last look tells.
    followWatch(givenUp, 'reconcile', unseen)
    const asked = applyEvent(givenUp.snapshot, { type: 'TIMER_FIRED', at: lastLook, timer: 'lastLook' })
    expect(gatewayCalls(asked.commands)).toEqual(['inquiryPayment'])
    expect(asked.commands.filter((c) => c.kind === 'scheduleTimer')).toEqual([])
    const found = applyEvent(asked.snapshot, { ...unseen(lastLook + 1), capture: { status: 'SUCCESS' } })
    expect(stateOf(found.snapshot)).toBe('captured')
    expect(published(found.commands)).toEqual(['readyToShip'])
  })

  it('looks once more for a given-up capture when the relay fires its watch timer after the watch ended', () => {
    const givenUp = captureGivenUp()
    const watch = givenUp.commands.find((c) => c.kind === 'scheduleTimer' && c.timer === 'reconcile')
    if (watch?.kind !== 'scheduleTimer') throw new Error('the given-up capture is not watched')
    // The process was down for three hours: the look due inside the watch is made when the relay runs again.
    const late = applyEvent(givenUp.snapshot, {
      type: 'TIMER_FIRED',
      at: T0 + 3 * 3_600_000,
      timer: 'reconcile',
      dueAt: watch.dueAt,
    })
    expect(gatewayCalls(late.commands)).toEqual(['inquiryPayment'])
    // A timer that was not due inside the watch makes none.
    const after = applyEvent(givenUp.snapshot, { type: 'TIMER_FIRED', at: T0 + 3 * 3_600_000, timer: 'reconcile' })
    expect(gatewayCalls(after.commands)).toEqual([])
  })

  it('looks for a given-up capture until its watch is over, the last look at its very end', () => {
    const givenUp = captureGivenUp()
    const givenUpAt =
      givenUp.snapshot.context.capture?.status === 'failed' ? givenUp.snapshot.context.capture.givenUpAt : 0
    const looks = followWatch(givenUp, 'reconcile', unseen)
    // At the backoff (16 and 46 minutes after), then at the watch's end rather than a backoff step past it.
    expect(looks.map((at) => at - (givenUpAt ?? 0))).toEqual([16 * 60_000, 46 * 60_000, LATE_CAPTURE_WATCH_MS])
  })

  it('credits a given-up capture that lands to itself, not to the capture the merchant asked for next', () => {
    const givenUp = captureGivenUp(usd(6_000))
    expect(givenUp.snapshot.context.capture).toMatchObject({ captureRequestId: 'CAP-1', status: 'failed' })
    const next = applyEvent(givenUp.snapshot, { type: 'CAPTURE', at: T0 + 300_000, captureRequestId: 'CAP-2' })
    expect(stateOf(next.snapshot)).toBe('capturing')
    // CAP-1's send reaches the gateway after all, before CAP-2: the gateway captures a payment once, so CAP-1 is
    // the capture, for its own amount, and CAP-2 fails; the merchant hears both.
    const landed = [
      { type: 'CAPTURE_ANSWERED', at: T0 + 300_001, captureRequestId: 'CAP-1', result: ok },
      { type: 'CAPTURE_NOTIFIED', at: T0 + 300_001, captureRequestId: 'CAP-1', result: ok },
      { ...unseen(T0 + 300_001), capture: { status: 'SUCCESS', captureRequestId: 'CAP-1', amount: usd(6_000) } },
    ] as const
    for (const report of landed) {
      const late = applyEvent(next.snapshot, report)
      expect(stateOf(late.snapshot), report.type).toBe('captured')
      expect(late.snapshot.context.capture, report.type).toEqual({
        captureRequestId: 'CAP-1',
        amount: usd(6_000),
        status: 'succeeded',
      })
      expect(late.snapshot.context.earlierCaptures, report.type).toEqual([
        expect.objectContaining({ captureRequestId: 'CAP-2', status: 'failed', failure: expect.anything() }),
      ])
      expect(published(late.commands), report.type).toEqual(['captureFailed', 'readyToShip'])
      expect(late.commands, report.type).toContainEqual({
        kind: 'publish',
        event: { type: 'readyToShip', amount: usd(6_000) },
      })
      // CAP-2's refusal that follows changes nothing.
      const refused = applyEvent(late.snapshot, {
        type: 'CAPTURE_ANSWERED',
        at: T0 + 300_002,
        captureRequestId: 'CAP-2',
        result: failed('ORDER_STATUS_INVALID'),
      })
      expect(stateOf(refused.snapshot), report.type).toBe('captured')
      expect(published(refused.commands), report.type).toEqual([])
    }
    // After CAP-2 failed for the payment's status, the gateway is asked what the status is (CAP-1's send may have
    // landed, its notification not yet come), and CAP-1's success the inquiry tells still makes it the capture.
    const refused = applyEvent(next.snapshot, {
      type: 'CAPTURE_ANSWERED',
      at: T0 + 300_001,
      captureRequestId: 'CAP-2',
      result: failed('ORDER_STATUS_INVALID'),
    })
    expect(stateOf(refused.snapshot)).toBe('authorized')
    expect(gatewayCalls(refused.commands)).toEqual(['inquiryPayment'])
    const refusedFirst = applyEvents(next.snapshot, [
      { type: 'CAPTURE_ANSWERED', at: T0 + 300_001, captureRequestId: 'CAP-2', result: failed('ORDER_STATUS_INVALID') },
      { ...unseen(T0 + 400_000), capture: { status: 'SUCCESS', captureRequestId: 'CAP-1', amount: usd(6_000) } },
    ])
    expect(stateOf(refusedFirst.snapshot)).toBe('captured')
    expect(refusedFirst.snapshot.context.capture).toMatchObject({ captureRequestId: 'CAP-1', amount: usd(6_000) })
  })

  it('keeps the capture deadline while the capture is unconfirmed, and releases the authorization at it', () => {
    const deadline = authorized().snapshot.context.times.captureDeadlineAt ?? 0
    const capture = applyEvent(authorized().snapshot, { type: 'CAPTURE', at: T0 + 10, captureRequestId: 'CAP-1' })
    // authorized's exit clears the deadline and capturing's entry sets it again: the last word on it is the schedule.
    const lastWord = capture.commands.filter((c) => 'timer' in c && c.timer === 'captureDeadline').at(-1)
    expect(lastWord).toEqual({ kind: 'scheduleTimer', timer: 'captureDeadline', dueAt: deadline })
    const late = applyEvent(capture.snapshot, { type: 'TIMER_FIRED', at: deadline, timer: 'captureDeadline' })
    expect(stateOf(late.snapshot)).toBe('cancelling')
    expect(gatewayCalls(late.commands)).toEqual(['cancel'])
    const captured = applyEvent(capture.snapshot, {
      type: 'CAPTURE_ANSWERED',
      at: T0 + 11,
      captureRequestId: 'CAP-1',
      result: ok,
    })
    expect(captured.commands).toContainEqual({ kind: 'cancelTimer', timer: 'captureDeadline' })
  })

  it('cancels the authorization when the capture deadline passes', () => {
    const deadline = authorized().snapshot.context.times.captureDeadlineAt ?? 0
    const late = applyEvent(authorized().snapshot, { type: 'TIMER_FIRED', at: deadline, timer: 'captureDeadline' })
    expect(stateOf(late.snapshot)).toBe('cancelling')
    expect(gatewayCalls(late.commands)).toEqual(['cancel'])
    const done = applyEvent(late.snapshot, { type: 'CANCEL_ANSWERED', at: deadline + 1, result: ok })
    expect(stateOf(done.snapshot)).toBe('cancelled')
    expect(done.commands).toContainEqual({ kind: 'publish', event: { type: 'cancelled', reason: 'captureDeadline' } })
  })

  it('stays authorized when the gateway refuses its cancel, asks why, and records the capture that landed', () => {
    // CAP-1 given up, then landed unheard; CAP-2 for half is refused for the status; so is the merchant's cancel.
    const refused = applyEvents(captureGivenUp().snapshot, [
      { type: 'CAPTURE', at: T0 + 300_000, captureRequestId: 'CAP-2', amount: usd(5_000) },
      { type: 'CAPTURE_ANSWERED', at: T0 + 300_001, captureRequestId: 'CAP-2', result: failed('ORDER_STATUS_INVALID') },
      { type: 'GATEWAY_UNANSWERED', at: T0 + 300_002, operation: 'inquiryPayment', reason: 'timeout' },
      { type: 'CANCEL', at: T0 + 300_003 },
      { type: 'CANCEL_ANSWERED', at: T0 + 300_004, result: failed('ORDER_STATUS_INVALID') },
    ])
    expect(stateOf(refused.snapshot)).toBe('authorized')
    expect(gatewayCalls(refused.commands).at(-1)).toBe('inquiryPayment')
    expect(refused.commands).toContainEqual({
      kind: 'publish',
      event: { type: 'cancelFailed', reason: 'merchant', code: 'ORDER_STATUS_INVALID' },
    })
    const told = applyEvent(refused.snapshot, {
      ...unseen(T0 + 300_005),
      capture: { status: 'SUCCESS', captureRequestId: 'CAP-1', amount: usd(10_000) },
    })
    expect(stateOf(told.snapshot)).toBe('captured')
    expect(told.snapshot.context.capture).toMatchObject({ captureRequestId: 'CAP-1', amount: usd(10_000) })
  })

  it('asks again until answered when the inquiry after its refused cancel goes unanswered', () => {
    const refused = applyEvents(authorized().snapshot, [
      { type: 'CANCEL', at: T0 + 10 },
      { type: 'CANCEL_ANSWERED', at: T0 + 11, result: failed('ORDER_STATUS_INVALID') },
    ])
    const lost = applyEvent(refused.snapshot, {
      type: 'GATEWAY_UNANSWERED',
      at: T0 + 12,
      operation: 'inquiryPayment',
      reason: 'timeout',
    })
    const [again] = scheduled(lost.commands).filter((t) => t.timer === 'lastLook')
    expect(again).toBeDefined()
    const asked = applyEvent(lost.snapshot, { type: 'TIMER_FIRED', at: again?.dueAt ?? 0, timer: 'lastLook' })
    expect(gatewayCalls(asked.commands)).toEqual(['inquiryPayment'])
  })

  it('is cancelled when, its cancel refused, the gateway tells it closed the authorization', () => {
    const refused = applyEvents(authorized().snapshot, [
      { type: 'CANCEL', at: T0 + 10 },
      { type: 'CANCEL_ANSWERED', at: T0 + 11, result: failed('ORDER_STATUS_INVALID') },
    ])
    const closed = applyEvent(refused.snapshot, { ...unseen(T0 + 12), paymentStatus: 'CANCELLED' })
    expect(stateOf(closed.snapshot)).toBe('cancelled')
    expect(closed.commands).toContainEqual({ kind: 'publish', event: { type: 'cancelled', reason: 'gateway' } })
  })

  it('does not send the capture deadline’s cancel again once the gateway refused it', () => {
    const deadline = authorized().snapshot.context.times.captureDeadlineAt ?? 0
    const refused = applyEvents(authorized().snapshot, [
      { type: 'TIMER_FIRED', at: deadline, timer: 'captureDeadline' },
      { type: 'CANCEL_ANSWERED', at: deadline + 1, result: failed('ORDER_STATUS_INVALID') },
    ])
    expect(stateOf(refused.snapshot)).toBe('authorized')
    expect(scheduled(refused.commands).filter((t) => t.timer === 'captureDeadline')).toEqual([])
    const capture = applyEvent(authorized().snapshot, { type: 'CAPTURE', at: T0 + 10, captureRequestId: 'CAP-1' })
    const capturing = applyEvents(capture.snapshot, [
      { type: 'TIMER_FIRED', at: deadline, timer: 'captureDeadline' },
      { type: 'CANCEL_ANSWERED', at: deadline + 1, result: failed('ORDER_STATUS_INVALID') },
    ])
    expect(stateOf(capturing.snapshot)).toBe('capturing')
    expect(scheduled(capturing.commands).filter((t) => t.timer === 'captureDeadline')).toEqual([])
    expect(capturing.commands.filter((c) => c.kind === 'publish').at(-1)).toEqual({
      kind: 'publish',
      event: expect.objectContaining({ type: 'cancelFailed', reason: 'captureDeadline' }),
    })
    const merchantCancel = applyEvents(capturing.snapshot, [
      { type: 'CAPTURE_ANSWERED', at: deadline + 2, captureRequestId: 'CAP-1', result: failed('ORDER_STATUS_INVALID') },
      { type: 'CANCEL', at: deadline + 3 },
    ])
    expect(merchantCancel.snapshot.context.cancel).toEqual({ confirmed: false, reason: 'merchant' })
  })

  it('captures automatically for a card without manual capture: succeeded first, ready to ship on CAPTURE_RESULT', () => {
    const auto = applyEvents(startPayment(cardInput({ captureMode: 'AUTOMATIC' })).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAY_ANSWERED', at: T0 + 1, result: ok, paymentId: 'P1', amount: usd(10_000) },
    ])
    expect(stateOf(auto.snapshot)).toBe('capturing')
    expect(published(auto.commands)).toEqual(['succeeded'])
    const shipped = applyEvent(auto.snapshot, {
      type: 'CAPTURE_NOTIFIED',
      at: T0 + 2,
      captureRequestId: 'G1',
      result: ok,
    })
    expect(stateOf(shipped.snapshot)).toBe('captured')
    expect(published(shipped.commands)).toEqual(['readyToShip'])
  })

  it('fails with the decline code and what it asks the caller to do', () => {
    const declined = applyEvent(submitted().snapshot, {
      type: 'PAY_ANSWERED',
      at: T0 + 1,
      result: failed('DO_NOT_HONOR'),
    })
    expect(stateOf(declined.snapshot)).toBe('failed')
    expect(declined.snapshot.context.failure).toMatchObject({
      code: 'DO_NOT_HONOR',
      status: 'F',
      category: 'customerAction',
      source: 'pay',
    })
    expect(published(declined.commands)).toEqual(['failed'])
  })

  it("keeps the gateway's paymentId of a declined payment, so that it can be found and reconciled", () => {
    const declined = applyEvent(submitted().snapshot, {
      type: 'PAY_ANSWERED',
      at: T0 + 1,
      result: failed('DO_NOT_HONOR'),
      paymentId: 'P-DECLINED',
    })
    expect(stateOf(declined.snapshot)).toBe('failed')
    expect(declined.snapshot.context.paymentId).toBe('P-DECLINED')
  })

  it("keeps what the gateway told of a declined card, the issuer's AVS and CVV results among it, and tells the merchant", () => {
    const card = { brand: 'VISA', lastFour: '0002', avsResult: 'N', cvvResult: 'N' }
    const declined = applyEvent(submitted().snapshot, {
      type: 'PAY_ANSWERED',
      at: T0 + 1,
      result: failed('DO_NOT_HONOR'),
      card,
    })
    expect(declined.snapshot.context.card).toEqual(card)
    const told = declined.commands.flatMap((command) => (command.kind === 'publish' ? [command.event] : []))
    expect(told).toEqual([expect.objectContaining({ type: 'failed', card })])
  })
})
