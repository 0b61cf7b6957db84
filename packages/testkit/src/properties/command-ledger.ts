import { newOutboxItems, type PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'

/**
 * Every command the store was given under each commandId, from the commits that were written. A commandId names one
 * command for good: the outbox keeps the first command stored under an id and ignores a later one, so two commands
 * under one id would leave the second unsent by any relay. `wrap` may be applied to each store of a flow (one per
 * restart); the ledger is the flow's.
 */
export const commandLedger = () => {
  const commands = new Map<string, string>()
  let clash: string | undefined
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
          }),
        ),
    }),
    /** The first commandId given two different commands, with both. */
    clash: (): string | undefined => clash,
  }
}
