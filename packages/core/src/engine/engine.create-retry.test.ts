import { Clock, Effect, Exit } from 'effect'
import { TestClock } from 'effect/testing'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import { StoreUnavailable } from '../store/errors.js'
import type { PaymentStoreShape } from '../store/payment-store.js'
import { cardSecrets, harness, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'
import { makeSecretVault } from './secret-vault.js'

const card = (paymentRequestId: string): PaymentInput => ({
  paymentRequestId,
  amount: usd(1_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
})

/** A store whose next `failures` commits fail before writing anything, as a connection refused does. */
const failingCommits = (failures: { remaining: number }) => (store: PaymentStoreShape) => ({
  ...store,
  commit: (commit: Parameters<PaymentStoreShape['commit']>[0]) => {
    if (failures.remaining === 0) return store.commit(commit)
    failures.remaining -= 1
    return Effect.fail(new StoreUnavailable({ operation: 'commit', reason: 'connection refused' }))
  },
})

describe('a create whose submission was not written', () => {
  it('is submitted by the same create asked again, and paid once', async () => {
    const failures = { remaining: 1 }
    const h = harness({ store: failingCommits(failures) })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const first = yield* Effect.exit(engine.createPayment(card('PAY-1'), cardSecrets()))
        const between = yield* engine.status('PAY-1')
        const again = yield* engine.createPayment(card('PAY-1'), cardSecrets())
        const third = yield* Effect.flip(engine.createPayment(card('PAY-1'), cardSecrets()))
        return { first, between, again, third }
      }),
    )
    expect(Exit.isFailure(result.first) && String(result.first.cause)).toContain('StoreUnavailable')
    expect(result.between.state).toBe('draft')
    // The fake gateway answers a card pay with a 3D Secure redirect.
    expect(result.again.state).toBe('awaitingCustomer')
    // Submitted: a create asked once more finds the payment gone further.
    expect(result.third).toMatchObject({ _tag: 'PaymentExists', paymentRequestId: 'PAY-1' })
    expect(h.gateway.kinds()).toEqual(['pay'])
  })

  it('is not submitted by a create of another input under its id', async () => {
    const h = harness({ store: failingCommits({ remaining: 1 }) })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* Effect.exit(engine.createPayment(card('PAY-2'), cardSecrets()))
        const other = yield* Effect.flip(engine.createPayment({ ...card('PAY-2'), amount: usd(2_000) }, cardSecrets()))
        return { other, status: yield* engine.status('PAY-2') }
      }),
    )
    expect(result.other).toMatchObject({ _tag: 'PaymentExists', paymentRequestId: 'PAY-2' })
    expect(result.status.state).toBe('draft')
    expect(h.gateway.kinds()).toEqual([])
  })

  it('leaves its order open with the draft as the next attempt, which starting the attempt again submits', async () => {
    const h = harness({ store: failingCommits({ remaining: 1 }) })
    const { paymentRequestId: _id, ...attempt } = card('unused')
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const first = yield* Effect.exit(engine.startAttempt('ORDER-9', attempt, cardSecrets()))
        const order = yield* engine.order('ORDER-9')
        const again = yield* engine.startAttempt('ORDER-9', attempt, cardSecrets())
        return { first, order, again, after: yield* engine.order('ORDER-9') }
      }),
    )
    expect(Exit.isFailure(result.first)).toBe(true)
    expect(result.order).toMatchObject({
      state: 'open',
      current: { paymentRequestId: 'ORDER-9-attempt-1', state: 'draft' },
      next: { attempt: 1, paymentRequestId: 'ORDER-9-attempt-1', requires3ds: false },
    })
    expect(result.again).toMatchObject({ paymentRequestId: 'ORDER-9-attempt-1', state: 'awaitingCustomer' })
    expect(result.after.state).toBe('open')
    expect(result.after.next).toBeUndefined()
    expect(h.gateway.kinds()).toEqual(['pay'])
  })
})

describe('an attempt left a draft, started again with another input', () => {
  it('is cancelled, never sent, and the next attempt starts with the new input', async () => {
    const h = harness({ store: failingCommits({ remaining: 1 }) })
    const { paymentRequestId: _id, ...attempt } = card('unused')
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* Effect.exit(engine.startAttempt('ORDER-7', attempt, cardSecrets()))
        const other = { ...attempt, merchantReference: 'ORDER-7-again' }
        const again = yield* engine.startAttempt('ORDER-7', other, cardSecrets())
        return { again, order: yield* engine.order('ORDER-7') }
      }),
    )
    expect(result.again).toMatchObject({ paymentRequestId: 'ORDER-7-attempt-2', state: 'awaitingCustomer' })
    expect(result.order.attempts.map((a) => [a.paymentRequestId, a.state])).toEqual([
      ['ORDER-7-attempt-1', 'cancelled'],
      ['ORDER-7-attempt-2', 'awaitingCustomer'],
    ])
    expect(h.gateway.calls.map((call) => [call.kind, call.idempotencyKey])).toEqual([['pay', 'ORDER-7-attempt-2']])
  })
})

describe('an attempt left a draft, given up for another input while another process submits it', () => {
  it('is not cancelled: its pay goes out once, and the other input is refused as the attempt is open', async () => {
    // Before the next commit (the draft given up), the first request is sent again elsewhere and submits the draft.
    let race: Effect.Effect<unknown, unknown> = Effect.void
    const failures = { remaining: 1 }
    const racingNextCommit = (store: PaymentStoreShape): PaymentStoreShape => {
      const failing = failingCommits(failures)(store)
      return {
        ...failing,
        commit: (commit) =>
          Effect.suspend(() => {
            const first = race
            race = Effect.void
            return Effect.andThen(Effect.ignore(first), failing.commit(commit))
          }),
      }
    }
    const h = harness({ store: racingNextCommit })
    const { paymentRequestId: _id, ...attempt } = card('unused')
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* Effect.exit(engine.startAttempt('ORDER-8', attempt, cardSecrets()))
        race = engine.startAttempt('ORDER-8', attempt, cardSecrets())
        const other = { ...attempt, merchantReference: 'ORDER-8-again' }
        const again = yield* Effect.exit(engine.startAttempt('ORDER-8', other, cardSecrets()))
        return { again, order: yield* engine.order('ORDER-8') }
      }),
    )
    expect(h.gateway.calls.map((call) => [call.kind, call.idempotencyKey])).toEqual([['pay', 'ORDER-8-attempt-1']])
    expect(result.order.attempts.map((a) => [a.paymentRequestId, a.state])).toEqual([
      ['ORDER-8-attempt-1', 'awaitingCustomer'],
    ])
    expect(result.again).toMatchObject({
      _tag: 'Failure',
      cause: { reasons: [{ error: { _tag: 'OrderAttemptRefused', reason: 'attemptOpen' } }] },
    })
  })
})

/** Every store operation yields first: two calls in flight interleave at each of them. */
const yielding = (store: PaymentStoreShape): PaymentStoreShape => {
  const wrapped: Record<string, unknown> = {}
  for (const [name, operation] of Object.entries(store)) {
    wrapped[name] = (...args: ReadonlyArray<unknown>) =>
      Effect.andThen(Effect.yieldNow, () =>
        (operation as (...a: ReadonlyArray<unknown>) => Effect.Effect<unknown>)(...args),
      )
  }
  return wrapped as unknown as PaymentStoreShape
}

/** As `yielding`, each commit numbered: `before` runs ahead of it, `after` once it is over. */
const aroundCommits = (
  store: PaymentStoreShape,
  before: (commit: number) => Effect.Effect<unknown>,
  after: (commit: number) => Effect.Effect<unknown> = () => Effect.void,
): PaymentStoreShape => {
  let commits = 0
  const base = yielding(store)
  return {
    ...base,
    commit: (commit) =>
      Effect.suspend(() => {
        const n = ++commits
        return Effect.andThen(before(n), base.commit(commit)).pipe(Effect.ensuring(after(n)))
      }),
  }
}

/** As `yielding`, and the first commit waits long enough for a second to land before it. */
const firstCommitLate = (store: PaymentStoreShape): PaymentStoreShape =>
  aroundCommits(store, (n) => (n === 1 ? Effect.forEach([1, 2, 3, 4, 5, 6, 7, 8], () => Effect.yieldNow) : Effect.void))

/** The first commit waits until the second has landed (or failed). */
const firstCommitAfterSecond = (store: PaymentStoreShape): PaymentStoreShape => {
  let secondLanded = () => {}
  const second = new Promise<void>((resolve) => {
    secondLanded = resolve
  })
  return aroundCommits(
    store,
    (n) => (n === 1 ? Effect.promise(() => second) : Effect.void),
    (n) => (n === 2 ? Effect.sync(secondLanded) : Effect.void),
  )
}

describe('two starts of one attempt with different inputs at once', () => {
  it('send one attempt: the start whose draft the other gave up is refused as the attempt is open', async () => {
    // The first start creates the draft; before its submission commits, the second finds the draft of another input
    // and gives it up (the second commit), then starts the next attempt.
    const h = harness({ store: firstCommitAfterSecond })
    const { paymentRequestId: _id, ...attempt } = card('unused')
    const other = { ...attempt, merchantReference: 'ORDER-6-again' }
    const [first, second] = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        return yield* Effect.all(
          [attempt, other].map((input) => Effect.exit(engine.startAttempt('ORDER-6', input, cardSecrets()))),
          { concurrency: 'unbounded' },
        )
      }),
    )
    expect(h.gateway.calls.map((call) => [call.kind, call.idempotencyKey])).toEqual([['pay', 'ORDER-6-attempt-2']])
    expect(second).toMatchObject({ _tag: 'Success', value: { paymentRequestId: 'ORDER-6-attempt-2' } })
    expect(first).toMatchObject({
      _tag: 'Failure',
      cause: {
        reasons: [
          { error: { _tag: 'OrderAttemptRefused', reason: 'attemptOpen', paymentRequestId: 'ORDER-6-attempt-2' } },
        ],
      },
    })
  })
})

/** Two creates of one input at once over the store `wrap` makes: each one's state, or its failure. */
const twoCreates = async (wrap: (store: PaymentStoreShape) => PaymentStoreShape, id: string) => {
  const h = harness({ store: wrap })
  const exits = await h.run(
    Effect.gen(function* () {
      const engine = yield* Engine
      const create = Effect.exit(engine.createPayment(card(id), cardSecrets()))
      return yield* Effect.all([create, create], { concurrency: 'unbounded' })
    }),
  )
  const outcomes = exits.map((exit) => (Exit.isSuccess(exit) ? exit.value.state : String(exit.cause)))
  return { outcomes, calls: h.gateway.kinds() }
}

describe('two creates of one input at once', () => {
  it('submit it once: the creator answers its status, the other PaymentExists', async () => {
    const { outcomes, calls } = await twoCreates(yielding, 'PAY-3')
    expect(outcomes[0]).toBe('awaitingCustomer')
    expect(outcomes[1]).toContain('PaymentExists')
    expect(calls).toEqual(['pay'])
  })

  it('submit it once when the other submits first: both answer its status', async () => {
    const { outcomes, calls } = await twoCreates(firstCommitLate, 'PAY-4')
    expect(outcomes).toEqual(['awaitingCustomer', 'awaitingCustomer'])
    expect(calls).toEqual(['pay'])
  })
})

describe('card data of a submission that was not written', () => {
  it('is held until the payment expires, for the create asked again, and forgotten then', async () => {
    const vault = makeSecretVault()
    const h = harness({ store: failingCommits({ remaining: 1 }), engine: { vault } })
    const held = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const expiresAt = (yield* Clock.currentTimeMillis) + 8 * 60_000
        yield* Effect.exit(engine.createPayment({ ...card('PAY-5'), paymentExpiresAt: expiresAt }, cardSecrets()))
        const afterFailure = vault.size()
        // Other card payments come and go: each one's own card data leaves the vault once its pay is answered.
        yield* TestClock.adjust('4 minutes')
        yield* engine.createPayment(card('PAY-6'), cardSecrets())
        const beforeExpiry = vault.size()
        yield* TestClock.adjust('4 minutes')
        yield* engine.createPayment(card('PAY-7'), cardSecrets())
        return { afterFailure, beforeExpiry, afterExpiry: vault.size(), status: yield* engine.status('PAY-5') }
      }),
    )
    expect(held).toEqual({ afterFailure: 1, beforeExpiry: 1, afterExpiry: 0, status: expect.anything() })
    expect(held.status.state).toBe('draft')
    expect(h.gateway.kinds()).toEqual(['pay', 'pay'])
  })
})
