import type { PaymentState } from '@paychart/core'
import { PAYMENT_STATES, type PaymentEvent, paymentMachine, toMermaid } from '@paychart/core/machine'
import type { EventLogEntry } from '@paychart/core/store'
import { describe, expect, it } from 'vitest'
import { type PaymentPath, pathOf, statechartSource } from './statechart.js'

/** A small machine in `toMermaid`'s format: a box with nested states, guarded arrows, the highlight it may add. */
const SOURCE = `stateDiagram-v2
  [*] --> draft
  state pending {
    [*] --> pending_submitting
    state "submitting" as pending_submitting
    state "awaitingOtp" as pending_awaitingOtp
    state "verifyingOtp" as pending_verifyingOtp
  }
  draft --> pending : SUBMIT [isCheckoutSession]
  draft --> pending : SUBMIT
  draft --> cancelled : CANCEL
  pending --> captured : PAY_ANSWERED [paymentSucceeded]
  pending --> pending_awaitingOtp : PAY_ANSWERED [needsOtp]
  pending --> failed : PAY_ANSWERED [answeredF]
  pending --> cancelled : CANCEL
  pending_awaitingOtp --> pending_verifyingOtp : OTP_SUBMITTED
  pending_verifyingOtp --> captured : VERIFY_ANSWERED [paymentSucceeded]
  pending_verifyingOtp --> pending_awaitingOtp : VERIFY_ANSWERED [otpCanBeRetried]
  pending --> captured : VERIFY_ANSWERED [paymentSucceeded]
  captured --> refunded : REFUND_ANSWERED [completesRefunds]
  captured --> refunded : REFUND_NOTIFIED [completesRefunds]
  classDef current fill:#fde68a,stroke:#b45309,stroke-width:3px
  class pending current
`

const entry = (version: number, type: string, from: PaymentState, to: PaymentState): EventLogEntry => ({
  paymentRequestId: 'PAY-1',
  version,
  at: 1_700_000_000_000 + version,
  event: { type } as PaymentEvent,
  from,
  to,
  commands: [],
})

/** An OTP payment with one wrong code: submitted, asked for a code, refused once, then paid. */
const OTP_RETRY = [
  entry(1, 'SUBMIT', 'draft', 'submitting'),
  entry(2, 'PAY_ANSWERED', 'submitting', 'awaitingOtp'),
  entry(3, 'OTP_SUBMITTED', 'awaitingOtp', 'verifyingOtp'),
  entry(4, 'VERIFY_ANSWERED', 'verifyingOtp', 'awaitingOtp'),
  entry(5, 'OTP_SUBMITTED', 'awaitingOtp', 'verifyingOtp'),
  entry(6, 'PAYMENT_NOTIFIED', 'verifyingOtp', 'verifyingOtp'),
  entry(7, 'VERIFY_ANSWERED', 'verifyingOtp', 'captured'),
]

const arrows = (source: string) => source.split('\n').filter((line) => line.includes(' --> '))

describe('the path a payment took, from its event log', () => {
  it('starts where the first event found it and keeps only the events that moved it', () => {
    expect(pathOf(OTP_RETRY, 'captured')).toEqual({
      start: 'draft',
      steps: [
        { version: 1, event: 'SUBMIT', from: 'draft', to: 'submitting' },
        { version: 2, event: 'PAY_ANSWERED', from: 'submitting', to: 'awaitingOtp' },
        { version: 3, event: 'OTP_SUBMITTED', from: 'awaitingOtp', to: 'verifyingOtp' },
        { version: 4, event: 'VERIFY_ANSWERED', from: 'verifyingOtp', to: 'awaitingOtp' },
        { version: 5, event: 'OTP_SUBMITTED', from: 'awaitingOtp', to: 'verifyingOtp' },
        { version: 7, event: 'VERIFY_ANSWERED', from: 'verifyingOtp', to: 'captured' },
      ],
    })
  })

  it('is only the current state when nothing is logged yet', () => {
    expect(pathOf([], 'draft')).toEqual({ start: 'draft', steps: [] })
  })
})

describe('the statechart source with the path marked', () => {
  it('draws one arrow per pair of states, labels the taken ones with the log versions, and classes the states', () => {
    // `pending --> pending_awaitingOtp` is the box's transition, which Mermaid cannot draw to a state inside the box:
    // the payment took it from submitting, so that is where it is drawn from.
    const chart = statechartSource(SOURCE, pathOf(OTP_RETRY, 'captured'), 'captured')
    expect(chart.source).toBe(`stateDiagram-v2
  [*] --> draft
  state pending {
    [*] --> pending_submitting
    state "submitting" as pending_submitting
    state "awaitingOtp" as pending_awaitingOtp
    state "verifyingOtp" as pending_verifyingOtp
  }
  draft --> pending : #1 SUBMIT
  draft --> cancelled
  pending --> captured
  pending --> pending_awaitingOtp
  pending_submitting --> pending_awaitingOtp : #2 PAY_ANSWERED
  pending --> failed
  pending --> cancelled
  pending_awaitingOtp --> pending_verifyingOtp : #3 #5 OTP_SUBMITTED
  pending_verifyingOtp --> captured : #7 VERIFY_ANSWERED
  pending_verifyingOtp --> pending_awaitingOtp : #4 VERIFY_ANSWERED
  captured --> refunded : REFUND_ANSWERED, REFUND_NOTIFIED
  classDef visited fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px,color:#1e3a8a
  classDef current fill:#fde68a,stroke:#b45309,stroke-width:4px,color:#78350f,font-weight:bold
  class draft,pending_submitting,pending_awaitingOtp,pending_verifyingOtp visited
  class captured current
`)
    // Counted among the arrows in source order, the start arrows of the root and of the box included.
    expect(chart.taken.map((n) => arrows(chart.source)[n]?.trim())).toEqual([
      '[*] --> draft',
      '[*] --> pending_submitting',
      'draft --> pending : #1 SUBMIT',
      'pending_submitting --> pending_awaitingOtp : #2 PAY_ANSWERED',
      'pending_awaitingOtp --> pending_verifyingOtp : #3 #5 OTP_SUBMITTED',
      'pending_verifyingOtp --> captured : #7 VERIFY_ANSWERED',
      'pending_verifyingOtp --> pending_awaitingOtp : #4 VERIFY_ANSWERED',
    ])
    expect(chart.visited).toEqual(['draft', 'pending_submitting', 'pending_awaitingOtp', 'pending_verifyingOtp'])
    expect(chart.current).toBe('captured')
  })

  it('marks a nested current state by its node, not its box, and draws every way out of both from it', () => {
    const chart = statechartSource(SOURCE, pathOf(OTP_RETRY.slice(0, 2), 'awaitingOtp'), 'awaitingOtp')
    expect(chart.current).toBe('pending_awaitingOtp')
    expect(chart.source).toContain('  class pending_awaitingOtp current\n')
    expect(chart.source).toContain('  class draft,pending_submitting visited\n')
    expect(chart.source).not.toMatch(/class [^\n]*\bpending\b[^_]/)
    // The box's arrows stay, unlabelled; each is drawn again from the current state, merged with the state's own.
    expect(arrows(chart.source).slice(4, 13)).toEqual([
      '  pending --> captured',
      '  pending_awaitingOtp --> captured : PAY_ANSWERED, VERIFY_ANSWERED',
      '  pending --> pending_awaitingOtp',
      '  pending_submitting --> pending_awaitingOtp : #2 PAY_ANSWERED',
      '  pending --> failed',
      '  pending_awaitingOtp --> failed : PAY_ANSWERED',
      '  pending --> cancelled',
      '  pending_awaitingOtp --> cancelled : CANCEL',
      '  pending_awaitingOtp --> pending_verifyingOtp : OTP_SUBMITTED',
    ])
    expect(chart.source).not.toContain('pending_awaitingOtp --> pending_awaitingOtp')
  })

  it('merges a box’s way out with the same way out of the current state', () => {
    const chart = statechartSource(SOURCE, pathOf(OTP_RETRY.slice(0, 3), 'verifyingOtp'), 'verifyingOtp')
    expect(arrows(chart.source)).toEqual(
      expect.arrayContaining([
        '  pending_verifyingOtp --> captured : VERIFY_ANSWERED, PAY_ANSWERED',
        '  pending_verifyingOtp --> pending_awaitingOtp : VERIFY_ANSWERED, PAY_ANSWERED',
        '  pending --> captured',
      ]),
    )
  })

  it('leaves a move it cannot find on the chart unmarked, but its states visited', () => {
    const path: PaymentPath = {
      start: 'draft',
      steps: [{ version: 1, event: 'SOMETHING_NEW', from: 'draft', to: 'cancelled' }],
    }
    const chart = statechartSource(SOURCE, path, 'cancelled')
    expect(chart.source).toContain('  draft --> cancelled\n')
    expect(chart.source).toContain('  class draft visited\n')
    expect(chart.source).toContain('  class cancelled current\n')
    expect(chart.taken.map((n) => arrows(chart.source)[n]?.trim())).toEqual(['[*] --> draft'])
  })

  it('drops the highlight `toMermaid` may have added, so each class is defined once', () => {
    const chart = statechartSource(SOURCE, pathOf([], 'draft'), 'draft')
    expect(chart.source.match(/classDef current/g)).toHaveLength(1)
    expect(chart.source).not.toContain('class pending current')
    expect(chart.source).not.toMatch(/ visited$/m)
  })

  it('on the real machine: every state is drawn, and a 3DS card payment captured by hand is marked all the way', () => {
    const mermaid = toMermaid(paymentMachine)
    const timeline = [
      entry(1, 'SUBMIT', 'draft', 'submitting'),
      entry(2, 'PAY_ANSWERED', 'submitting', 'awaitingCustomer'),
      entry(3, 'PAYMENT_NOTIFIED', 'awaitingCustomer', 'authorized'),
      entry(4, 'CAPTURE', 'authorized', 'capturing'),
      entry(5, 'CAPTURE_ANSWERED', 'capturing', 'captured'),
    ]
    const chart = statechartSource(mermaid, pathOf(timeline, 'captured'), 'captured')
    for (const state of PAYMENT_STATES) expect(chart.source).toMatch(new RegExp(`\\b${state}\\b`))
    const pairs = arrows(chart.source).map((line) => line.split(' : ')[0])
    expect(new Set(pairs).size).toBe(pairs.length)
    const taken = chart.taken.map((n) => arrows(chart.source)[n] ?? '')
    for (const label of ['#1 SUBMIT', '#2 PAY_ANSWERED', '#3 PAYMENT_NOTIFIED', '#4 CAPTURE', '#5 CAPTURE_ANSWERED'])
      expect(taken.filter((line) => line.endsWith(label))).toHaveLength(1)
    expect(chart.visited).toEqual([
      'draft',
      'pending_submitting',
      'pending_awaitingCustomer',
      'authorized',
      'capturing',
    ])
    expect(chart.current).toBe('captured')
  })
})
