import { describe, expect, it } from 'vitest'
import { type AnyStateMachine, createActor, type InspectionEvent } from 'xstate'
import type { Command } from './commands.js'
import type { PaymentEvent } from './events.js'
import { cardInput, inProcess, ok, T0, usd } from './machine.fixtures.js'
import { paymentMachine } from './payment-machine.js'
import { stateOf, tagsOf } from './state.js'
import { applyEvent, startPayment } from './transitions.js'

/** A 3DS card payment, its notification twice, a manual capture and a partial refund. */
const flow: ReadonlyArray<PaymentEvent> = [
  { type: 'SUBMIT', at: T0 },
  {
    type: 'PAY_ANSWERED',
    at: T0 + 1,
    result: inProcess,
    paymentId: 'P1',
    nextAction: { kind: 'threeDS', url: 'https://acs.example/challenge' },
  },
  { type: 'CUSTOMER_RETURNED', at: T0 + 2 },
  { type: 'INQUIRY_ANSWERED', at: T0 + 3, result: ok, paymentStatus: 'SUCCESS', amount: usd(10_000), paymentId: 'P1' },
  {
    type: 'PAYMENT_NOTIFIED',
    at: T0 + 4,
    notifyType: 'PAYMENT_RESULT',
    result: ok,
    amount: usd(10_000),
    paymentId: 'P1',
  },
  { type: 'CAPTURE', at: T0 + 5, captureRequestId: 'C1' },
  { type: 'CAPTURE_ANSWERED', at: T0 + 6, captureRequestId: 'C1', result: ok },
  { type: 'REFUND', at: T0 + 7, refundRequestId: 'R1', amount: usd(3_000) },
  { type: 'REFUND_ANSWERED', at: T0 + 8, refundRequestId: 'R1', result: ok },
]

describe('the payment machine as any XState actor', () => {
  it('runs under createActor with inspect as through transition(): the same states, tags and commands', () => {
    const input = cardInput()
    const inspected: InspectionEvent[] = []
    const actor = createActor(paymentMachine, { input, inspect: (event) => inspected.push(event) })
    const heard: Command[] = []
    actor.on('command', ({ command }) => heard.push(command))
    actor.start()
    const actorStates = [stateOf(actor.getSnapshot())]
    const actorTags = [tagsOf(actor.getSnapshot())]
    for (const event of flow) {
      actor.send(event)
      actorStates.push(stateOf(actor.getSnapshot()))
      actorTags.push(tagsOf(actor.getSnapshot()))
    }

    const start = startPayment(input)
    let snapshot = start.snapshot
    const pureStates = [stateOf(snapshot)]
    const pureTags = [tagsOf(snapshot)]
    const told: Command[] = [...start.commands]
    for (const event of flow) {
      const step = applyEvent(snapshot, event)
      snapshot = step.snapshot
      told.push(...step.commands)
      pureStates.push(stateOf(snapshot))
      pureTags.push(tagsOf(snapshot))
    }

    expect(actorStates).toEqual(pureStates)
    expect(actorStates).toEqual([
      'draft',
      'submitting',
      'awaitingCustomer',
      'awaitingCustomer',
      'authorized',
      'authorized',
      'capturing',
      'captured',
      'captured',
      'captured',
    ])
    expect(actorTags).toEqual(pureTags)
    expect(heard).toEqual(told)
    expect(heard.map((c) => (c.kind === 'publish' ? `publish ${c.event.type}` : c.kind))).toEqual(
      expect.arrayContaining([
        'pay',
        'inquiryPayment',
        'publish authorized',
        'capture',
        'refund',
        'publish readyToShip',
      ]),
    )
    expect(actor.getSnapshot().context).toEqual(snapshot.context)
    // The inspector saw every event and every snapshot, as XState's tools do.
    const sent = inspected.flatMap((e) =>
      e.type === '@xstate.event' && e.sourceRef === undefined ? [e.event.type] : [],
    )
    expect(sent).toEqual(expect.arrayContaining(flow.map((e) => e.type)))
    expect(inspected.filter((e) => e.type === '@xstate.snapshot').length).toBeGreaterThanOrEqual(flow.length + 1)
  })

  it('ends in an error snapshot, not a half-made payment, when started without its input', () => {
    const actor = createActor(paymentMachine as AnyStateMachine)
    expect(actor.getSnapshot().status).toBe('error')
  })
})
