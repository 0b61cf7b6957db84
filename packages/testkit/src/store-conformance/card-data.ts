import type { PaymentStoreShape } from '@paychart/core/store'
import { describe, expect, it } from 'vitest'
import { TEST_CARDS } from '../simulator/index.js'
import { T0 } from './flow.js'
import type { Suite } from './options.js'
import { cardFlow } from './scripts.js'
import { run, useStore } from './support.js'

/** What a merchant's checkout posts beside a payment: it travels with the pay call, never into a commit. */
interface CardEntry {
  readonly cardNo: string
  readonly cvv: string
}

/**
 * Runs a card payment through the store as the engine would: the card entry is held beside the commits, in
 * memory, and goes nowhere else. Returns what the gateway would have been sent, to show the data did exist.
 */
const payWithCard = async (store: PaymentStoreShape, paymentRequestId: string, card: CardEntry, at: number) => {
  const flow = cardFlow(paymentRequestId, at)
  const beside = new Map<string, CardEntry>()
  await run(store.create(flow.payment))
  for (const commit of flow.commits) {
    for (const item of commit.outbox) if (item.command.kind === 'pay') beside.set(item.commandId, card)
    await run(store.commit(commit))
  }
  const claimed = await run(store.claimCommands({ now: at + 60_000, owner: 'relay', leaseMs: 30_000, limit: 50 }))
  for (const item of claimed) await run(store.completeCommand(item.commandId))
  return beside
}

/** A notification that matched no payment, with the card masked as the gateway sends it. */
const maskedNotification = (card: CardEntry) =>
  JSON.stringify({
    notifyType: 'PAYMENT_RESULT',
    paymentRequestId: 'PAY-CD-GHOST',
    result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' },
    paymentResultInfo: { cardNo: `${card.cardNo.slice(0, 6)}******${card.cardNo.slice(-4)}`, cardBrand: 'VISA' },
  })

export const cardData = ({ make, forbidden }: Suite) =>
  describe('card data', () => {
    it('stores no card number or CVV anywhere, and dump() shows every table', async () => {
      const { store, raw } = await useStore(make)
      const cards = TEST_CARDS.slice(0, 2).map((card) => ({ cardNo: card.number, cvv: '123' }))
      const held: Map<string, CardEntry>[] = []
      for (const [i, card] of cards.entries())
        held.push(await payWithCard(store, `PAY-CD-${i}`, card, T0 + i * 3_600_000))
      expect(held.map((beside) => beside.size)).toEqual([1, 1])
      await run(
        store.recordUnmatchedNotification({
          key: 'PAYMENT_RESULT:PAY-CD-GHOST',
          receivedAt: T0,
          notifyType: 'PAYMENT_RESULT',
          paymentRequestId: 'PAY-CD-GHOST',
          body: maskedNotification(cards[0] ?? { cardNo: '', cvv: '' }),
        }),
      )
      const dump = await raw.dump()
      for (const shown of [
        'PAY-CD-0',
        'PAY-CD-1#1',
        'captureDeadline',
        'PAYMENT_RESULT:PAY-CD-GHOST',
        'CAP-PAY-CD-1',
      ]) {
        expect(dump, `dump() should show ${shown}`).toContain(shown)
      }
      for (const value of [...TEST_CARDS.map((card) => card.number), ...forbidden]) {
        expect(dump.includes(value), `dump() contains the forbidden value ${value}`).toBe(false)
      }
    })
  })
