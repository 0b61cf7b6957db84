import type { Command } from '../machine/commands.js'
import type { PaymentEvent, TimerName } from '../machine/events.js'
import { persistPayment } from '../machine/persistence.js'
import { stateOf } from '../machine/state.js'
import type { Step } from '../machine/transitions.js'
import type { Commit } from '../store/commit.js'
import type { OutboxItem, StoredPayment, TimerItem } from '../store/records.js'

/** What an event settles besides moving the payment: the command it answers, the timer it is, its notification. */
export interface CommitLinks {
  readonly completesCommand?: string
  readonly firedTimer?: TimerName
  /** When the fired timer was due as it was claimed: a timer moved or cleared since then does not fire. */
  readonly firedDueAt?: number
  readonly notificationKey?: string
}

/** The outbox key of a `publish` command, which the machine does not number: `<paymentRequestId>@<version>/<index>`. */
export const publishCommandId = (paymentRequestId: string, version: number, index: number): string =>
  `${paymentRequestId}@${version}/${index}`

const outboxOf = (stored: StoredPayment, version: number, at: number, commands: ReadonlyArray<Command>) =>
  commands.flatMap((command, index): OutboxItem[] => {
    if (command.kind === 'scheduleTimer' || command.kind === 'cancelTimer') return []
    const commandId =
      command.kind === 'publish' ? publishCommandId(stored.paymentRequestId, version, index) : command.commandId
    return [{ commandId, paymentRequestId: stored.paymentRequestId, command, createdAt: at, attempts: 0 }]
  })

/** The net effect of the step's timer commands, in order: the last word on each timer wins. */
const timersOf = (paymentRequestId: string, commands: ReadonlyArray<Command>) => {
  const last = new Map<TimerName, TimerItem | 'cancel'>()
  for (const command of commands) {
    if (command.kind === 'scheduleTimer')
      last.set(command.timer, { paymentRequestId, timer: command.timer, dueAt: command.dueAt })
    if (command.kind === 'cancelTimer') last.set(command.timer, 'cancel')
  }
  const scheduleTimers = [...last.values()].filter((value): value is TimerItem => value !== 'cancel')
  const cancelTimers = [...last.entries()].flatMap(([timer, value]) => (value === 'cancel' ? [timer] : []))
  return { scheduleTimers, cancelTimers }
}

/** Everything one event changes, computed from the payment as loaded: pure, so a conflict just recomputes it. */
export const planCommit = (stored: StoredPayment, event: PaymentEvent, step: Step, links: CommitLinks): Commit => {
  const version = stored.version + 1
  const state = stateOf(step.snapshot)
  const { paymentId } = step.snapshot.context
  const { paymentSessionId } = step.snapshot.context.customer
  return {
    paymentRequestId: stored.paymentRequestId,
    expectedVersion: stored.version,
    at: event.at,
    state,
    snapshot: persistPayment(step.snapshot),
    ...(paymentId === undefined ? {} : { paymentId }),
    ...(paymentSessionId === undefined ? {} : { paymentSessionId }),
    event: {
      paymentRequestId: stored.paymentRequestId,
      version,
      at: event.at,
      event,
      from: stored.state,
      to: state,
      commands: step.commands,
    },
    outbox: outboxOf(stored, version, event.at, step.commands),
    ...timersOf(stored.paymentRequestId, step.commands),
    ...(links.completesCommand === undefined ? {} : { completesCommand: links.completesCommand }),
    ...(links.firedTimer === undefined ? {} : { firedTimer: links.firedTimer }),
    ...(links.notificationKey === undefined ? {} : { notificationKey: links.notificationKey }),
  }
}
