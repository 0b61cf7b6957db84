import { type Figure, figure, opsPerSecondNextTo } from '@paychart/bench-kit'
import { Effect } from 'effect'
import { applyEvent, type PaymentEvent, persistPayment, startPayment, stateOf } from '../src/machine/index.js'
import { type Commit, makeMemoryStore } from '../src/store/index.js'

const T0 = Date.UTC(2026, 10, 22)
const ok = { resultStatus: 'S', resultCode: 'SUCCESS' } as const
const usd = (minor: number) => ({ currency: 'USD' as const, minor })
const events: ReadonlyArray<PaymentEvent> = [
  { type: 'SUBMIT', at: T0 },
  { type: 'PAY_ANSWERED', at: T0 + 1, result: ok, paymentId: 'P1', amount: usd(10_000) },
  { type: 'CAPTURE', at: T0 + 2, captureRequestId: 'C1' },
  { type: 'CAPTURE_ANSWERED', at: T0 + 3, captureRequestId: 'C1', result: ok },
]

/** The commits of one manual-capture card payment, as the engine would write them (computed once, reused). */
const start = startPayment({
  paymentRequestId: 'X',
  amount: usd(10_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
})
const steps = events.reduce<Array<{ event: PaymentEvent; step: ReturnType<typeof applyEvent> }>>((acc, event) => {
  const before = acc.at(-1)?.step.snapshot ?? start.snapshot
  acc.push({ event, step: applyEvent(before, event) })
  return acc
}, [])

const commitsFor = (paymentRequestId: string): Commit[] =>
  steps.map(({ event, step }, index) => {
    const from = index === 0 ? stateOf(start.snapshot) : stateOf(steps[index - 1]?.step.snapshot ?? start.snapshot)
    const to = stateOf(step.snapshot)
    return {
      paymentRequestId,
      expectedVersion: index + 1,
      at: event.at,
      state: to,
      snapshot: persistPayment(step.snapshot),
      event: { paymentRequestId, version: index + 2, at: event.at, event, from, to, commands: step.commands },
      outbox: step.commands
        .filter((c) => 'commandId' in c || c.kind === 'publish')
        .map((command, n) => ({
          commandId: 'commandId' in command ? command.commandId : `${paymentRequestId}@${index + 2}/${n}`,
          paymentRequestId,
          command: command as never,
          createdAt: event.at,
          attempts: 0,
        })),
      scheduleTimers: [],
      cancelTimers: [],
    }
  })

const PAYMENTS = 200

/** Memory-store commits per second, next to a plain loop that keeps a frozen copy of each row in a Map. */
export const measureMemoryCommits = async (): Promise<Figure> => {
  let round = 0
  const commits = async () => {
    const { store } = makeMemoryStore()
    round++
    let count = 0
    for (let i = 0; i < PAYMENTS; i++) {
      const id = `B${round}-${i}`
      await Effect.runPromise(
        store.create({ paymentRequestId: id, at: T0, state: 'draft', snapshot: persistPayment(start.snapshot) }),
      )
      for (const commit of commitsFor(id)) {
        await Effect.runPromise(store.commit(commit))
        count++
      }
    }
    return count
  }
  const inserts = async () => {
    const table = new Map<string, unknown>()
    round++
    let count = 0
    for (let i = 0; i < PAYMENTS; i++) {
      for (const [index, commit] of commitsFor(`B${round}-${i}`).entries()) {
        table.set(`${commit.paymentRequestId}/${index}`, Object.freeze(structuredClone(commit.snapshot)))
        await Promise.resolve()
        count++
      }
    }
    return count
  }
  const { value, baselineValue } = await opsPerSecondNextTo(commits, inserts)
  return figure(
    'core: memory store commits (snapshot, event log, outbox)',
    value,
    'commits/s',
    'plain loop keeping a frozen copy of each snapshot in a Map',
    baselineValue,
  )
}
