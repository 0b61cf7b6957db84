import type { PaymentInput } from '@paychart/core'
import {
  applyEvent,
  type Command,
  type GatewayCommand,
  type PaymentEvent,
  type PaymentSnapshot,
  persistPayment,
  startPayment,
  stateOf,
  type TimerName,
} from '@paychart/core/machine'
import type { GatewayResult } from '@paychart/core/result-codes'
import type { Commit, NewPayment, OutboxItem, TimerItem } from '@paychart/core/store'

/** The suite's clock origin: every time in it is an offset from here. */
export const T0 = Date.UTC(2026, 10, 22, 12)
export const ok: GatewayResult = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' }
export const inProcess: GatewayResult = { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' }

/** A payment as the engine holds it between commits: its snapshot, version and the outbox items it wrote. */
export interface PaymentDraft {
  readonly paymentRequestId: string
  readonly version: number
  readonly snapshot: PaymentSnapshot
  readonly outbox: ReadonlyArray<OutboxItem>
}

export const cardInput = (paymentRequestId: string, overrides: Partial<PaymentInput> = {}): PaymentInput => ({
  paymentRequestId,
  amount: { currency: 'USD', minor: 10_000 },
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
  merchantReference: `ORDER-${paymentRequestId}`,
  ...overrides,
})

export const draftPayment = (input: PaymentInput, at = T0): { payment: NewPayment; draft: PaymentDraft } => {
  const { snapshot } = startPayment(input)
  const payment: NewPayment = {
    paymentRequestId: input.paymentRequestId,
    at,
    state: stateOf(snapshot),
    snapshot: persistPayment(snapshot),
    ...(input.merchantReference === undefined ? {} : { merchantReference: input.merchantReference }),
  }
  return { payment, draft: { paymentRequestId: input.paymentRequestId, version: 1, snapshot, outbox: [] } }
}

type OutboxCommand = OutboxItem['command']
const isOutboxCommand = (command: Command): command is Command & OutboxCommand =>
  command.kind !== 'scheduleTimer' && command.kind !== 'cancelTimer'

/**
 * The commands to execute, as outbox items. A gateway command keeps the machine's `commandId`; a `publish` has
 * none, so it gets `<paymentRequestId>@<version>/<index>`: stable, and unique across the payment's commits.
 */
export const outboxOf = (
  commands: ReadonlyArray<Command>,
  paymentRequestId: string,
  version: number,
  at: number,
): ReadonlyArray<OutboxItem> =>
  commands.flatMap((command, index) =>
    isOutboxCommand(command)
      ? [
          {
            commandId: 'commandId' in command ? command.commandId : `${paymentRequestId}@${version}/${index}`,
            paymentRequestId,
            command,
            createdAt: at,
            attempts: 0,
          },
        ]
      : [],
  )

/** The net timer changes of a step, in command order: a timer scheduled then cancelled ends cancelled. */
export const timerChanges = (
  commands: ReadonlyArray<Command>,
  paymentRequestId: string,
): { readonly scheduleTimers: ReadonlyArray<TimerItem>; readonly cancelTimers: ReadonlyArray<TimerName> } => {
  const last = new Map<TimerName, TimerItem | 'cancel'>()
  for (const command of commands) {
    if (command.kind === 'scheduleTimer') {
      last.set(command.timer, { paymentRequestId, timer: command.timer, dueAt: command.dueAt })
    }
    if (command.kind === 'cancelTimer') last.set(command.timer, 'cancel')
  }
  const changes = [...last.entries()]
  return {
    scheduleTimers: changes.flatMap(([, change]) => (change === 'cancel' ? [] : [change])),
    cancelTimers: changes.flatMap(([timer, change]) => (change === 'cancel' ? [timer] : [])),
  }
}

/** The last outbox item of this kind the payment wrote: what a gateway answer completes. */
export const lastCommand = (draft: PaymentDraft, kind: GatewayCommand['kind']): string | undefined =>
  draft.outbox.findLast((item) => item.command.kind === kind)?.commandId

export type CommitOverrides = Partial<Omit<Commit, 'paymentRequestId' | 'state' | 'snapshot' | 'event'>>

/** What the engine commits for one event: the machine's step turned into a `Commit`, and the draft after it. */
export const commitEvent = (
  draft: PaymentDraft,
  event: PaymentEvent,
  overrides: CommitOverrides = {},
): { readonly commit: Commit; readonly next: PaymentDraft; readonly commands: ReadonlyArray<Command> } => {
  const { snapshot, commands } = applyEvent(draft.snapshot, event)
  const id = draft.paymentRequestId
  const version = draft.version + 1
  const { paymentId } = snapshot.context
  const { paymentSessionId } = snapshot.context.customer
  const commit: Commit = {
    paymentRequestId: id,
    expectedVersion: draft.version,
    at: event.at,
    state: stateOf(snapshot),
    snapshot: persistPayment(snapshot),
    ...(paymentId === undefined ? {} : { paymentId }),
    ...(paymentSessionId === undefined ? {} : { paymentSessionId }),
    event: {
      paymentRequestId: id,
      version,
      at: event.at,
      event,
      from: stateOf(draft.snapshot),
      to: stateOf(snapshot),
      commands,
    },
    outbox: outboxOf(commands, id, version, event.at),
    ...timerChanges(commands, id),
    ...overrides,
  }
  const next = { paymentRequestId: id, version, snapshot, outbox: [...draft.outbox, ...commit.outbox] }
  return { commit, next, commands }
}
