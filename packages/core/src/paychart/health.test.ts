import { Effect, Layer } from 'effect'
import { describe, expect, it } from 'vitest'
import type { AnyStateNode } from 'xstate'
import { CARD_DETAILS, fakeGateway, manualCardInput } from '../engine/engine.fixtures.js'
import { UNKNOWN_OUTCOME_STATES } from '../engine/unknown-outcome.js'
import { paymentMachine } from '../machine/payment-machine.js'
import { PAYMENT_STATES } from '../machine/state.js'
import type { Backlog } from '../store/backlog.js'
import { StoreUnavailable } from '../store/errors.js'
import { makeMemoryStore } from '../store/memory-store.js'
import { PaymentStore } from '../store/payment-store.js'
import { createPaychart } from './paychart.js'

const card = CARD_DETAILS
const input = manualCardInput

/** The gateway never answers a pay: the payment waits in reconciling for its outcome. */
const silentGateway = () =>
  fakeGateway({
    answers: {
      pay: (command) => ({
        type: 'GATEWAY_UNANSWERED',
        operation: 'pay',
        requestId: command.kind === 'pay' ? command.paymentRequestId : '',
        reason: 'timeout',
      }),
    },
  })

/** The memory store with its backlog read replaced. */
const storeWithBacklog = (backlog: () => Effect.Effect<Backlog, StoreUnavailable>) =>
  Layer.succeed(PaymentStore, { ...makeMemoryStore().store, backlog })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('paychart.health', () => {
  it('waits for the gateway in the states where paychart asked it something and the buyer has nothing to do', () => {
    // Every state of the chart with its tags and its parents' tags.
    const tagsOf = new Map<string, ReadonlySet<string>>()
    const visit = (node: AnyStateNode, inherited: ReadonlyArray<string>) => {
      const tags = [...inherited, ...node.tags]
      tagsOf.set(node.key, new Set(tags))
      for (const child of Object.values(node.states)) visit(child, tags)
    }
    for (const node of Object.values(paymentMachine.states)) visit(node, [])
    const fromTags = PAYMENT_STATES.filter((state) => {
      const tags = tagsOf.get(state) ?? new Set()
      return state !== 'draft' && (tags.has('pending') || tags.has('settling')) && !tags.has('awaitingCustomer')
    })
    expect(UNKNOWN_OUTCOME_STATES).toEqual(fromTags)
    expect(fromTags).toEqual(['submitting', 'verifyingOtp', 'reconciling', 'expiring', 'capturing', 'cancelling'])
  })

  it('is ready with the store answering and the relay passing, and tells how long an unknown outcome has waited', async () => {
    const paychart = createPaychart({
      gateway: silentGateway().layer,
      store: makeMemoryStore().layer,
      relay: { every: '5 millis' },
    })
    expect((await paychart.createPayment(input('PAY-H1'), { card })).state).toBe('reconciling')
    await sleep(30)
    const health = await paychart.health()
    expect(health).toMatchObject({ ready: true, store: { up: true }, relay: { stale: false, failuresInARow: 0 } })
    expect(health.relay?.passes).toBeGreaterThan(0)
    expect(health.backlog?.payments).toEqual({ reconciling: 1 })
    expect(health.backlog?.unknownOutcomes.count).toBe(1)
    expect(health.backlog?.overdueTimers).toEqual({ count: 0 })
    expect(health.oldestUnknownOutcomeAgeMs).toBeGreaterThanOrEqual(30)
    await paychart.close()
  })

  it('is not ready when the relay has not ended a pass for longer than it may', async () => {
    const paychart = createPaychart({
      gateway: fakeGateway().layer,
      store: makeMemoryStore().layer,
      relay: { every: '1 hour' },
    })
    await paychart.ready
    await sleep(30)
    const health = await paychart.health({ relayStaleAfterMs: 10 })
    expect(health).toMatchObject({ ready: false, store: { up: true }, relay: { stale: true, passes: 1 } })
    expect(health.relay?.lastPassAgeMs).toBeGreaterThan(10)
    await paychart.close()
  })

  it('is not ready when the passes of the relay keep failing, though the store still answers reads', async () => {
    const memory = makeMemoryStore().store
    const store = Layer.succeed(PaymentStore, {
      ...memory,
      claimCommands: () => Effect.fail(new StoreUnavailable({ operation: 'claimCommands', reason: 'lock timeout' })),
    })
    const paychart = createPaychart({ gateway: fakeGateway().layer, store, relay: { every: '2 millis' } })
    await sleep(40)
    const health = await paychart.health()
    expect(health).toMatchObject({ ready: false, store: { up: true }, relay: { stale: true, passes: 0 } })
    expect(health.relay?.failuresInARow).toBeGreaterThanOrEqual(3)
    await paychart.close()
  })

  it('is not ready when the store fails or does not answer, and says which; a relay run elsewhere is not judged', async () => {
    const down = createPaychart({
      gateway: fakeGateway().layer,
      store: storeWithBacklog(() =>
        Effect.fail(new StoreUnavailable({ operation: 'backlog', reason: 'connection refused' })),
      ),
      relay: false,
    })
    const failing = await down.health()
    expect(failing).toEqual({
      ready: false,
      at: expect.any(Number),
      store: { up: false, reason: 'store unavailable during backlog: connection refused' },
    })
    await down.close()

    const hanging = createPaychart({
      gateway: fakeGateway().layer,
      store: storeWithBacklog(() => Effect.never),
      relay: false,
    })
    expect(await hanging.health({ storeTimeoutMs: 20 })).toMatchObject({
      ready: false,
      store: { up: false, reason: 'the store did not answer in time' },
    })
    await hanging.close()
  })
})
