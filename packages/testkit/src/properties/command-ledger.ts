import { newOutboxItems, type PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'

/**
 * Every command the store was given under each commandId, and when the answers it committed for each were received.
 * A commandId names one command for good: the outbox keeps the first command stored under an id and ignores a later
 * one, so two commands under one id would leave the second unsent by any relay. A command sent twice (a relay took it
 * over once its lease lapsed) may be answered twice, but an older answer committed after a newer one takes the
 * payment back to what the older said. `wrap` may be applied to each store of a flow (one per restart); the ledger is
 * the flow's.
 */
export const commandLedger = () => {
  const commands = new Map<string, string>()
  let clash: string | undefined
  const answeredAt = new Map<string, number>()
  let answerBehind: string | undefined
  return {
    wrap: (store: PaymentStoreShape): PaymentStoreShape => ({
      ...store,
      commit: (commit) =>
        Effect.tap(store.commit(commit), () =>
          Effect.sync(() => {
            for (const item of newOutboxItems(commit)) {
              const command = JSON.stringify(item.command)
              const earlier = commands.get(item.commandId)
              if (earlier === undefined) commands.set(item.commandId, command)
              else if (earlier !== command) clash ??= `${item.commandId} named ${earlier}, then ${command}`
            }
            const answered = commit.completesCommand
            if (answered === undefined) return
            const { at, type } = commit.event.event
            const newer = answeredAt.get(answered)
            if (newer !== undefined && at < newer) {
              answerBehind ??= `${answered}: ${type} received at ${at} committed after an answer received at ${newer}`
            }
            answeredAt.set(answered, Math.max(at, newer ?? at))
          }),
        ),
    }),
    /** The first commandId given two different commands, with both. */
    clash: (): string | undefined => clash,
    /** The first answer to a command committed after a newer answer to it (a relay's, to its second send). */
    answerBehind: (): string | undefined => answerBehind,
  }
}
