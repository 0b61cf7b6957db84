import { describe, expect, it } from 'vitest'
import { cardInput, draftPayment, T0 } from './flow.js'
import type { Suite } from './options.js'
import { cardFlow, sessionFlow } from './scripts.js'
import { failure, parsed, plain, run, useStore } from './support.js'

export const roundTrips = ({ make }: Suite) =>
  describe('create, load, find', () => {
    it('creates a payment at version 1 and writes the row it returns', async () => {
      const { store, raw } = await useStore(make)
      const { payment } = draftPayment(cardInput('PAY-RT-1'))
      const created = await run(store.create(payment))
      const expected = {
        paymentRequestId: 'PAY-RT-1',
        version: 1,
        state: 'draft',
        merchantReference: 'ORDER-PAY-RT-1',
        createdAt: T0,
        updatedAt: T0,
      }
      expect(created).toMatchObject(expected)
      expect(plain(created.snapshot)).toEqual(plain(payment.snapshot))
      const { paymentRequestId: _, ...row } = expected
      const stored = await raw.payment('PAY-RT-1')
      expect(stored).toMatchObject(row)
      expect(parsed(stored?.snapshotJson ?? 'null')).toEqual(plain(payment.snapshot))
      expect(plain(await run(store.load('PAY-RT-1')))).toEqual(plain(created))
    })

    it('refuses to create a payment twice (PaymentExists) and keeps the first row', async () => {
      const { store, raw } = await useStore(make)
      await run(store.create(draftPayment(cardInput('PAY-RT-2')).payment))
      const before = await raw.dump()
      const again = draftPayment(cardInput('PAY-RT-2', { merchantReference: 'ORDER-OTHER' }), T0 + 5_000).payment
      const error = await failure(store.create(again))
      expect(error).toMatchObject({ _tag: 'PaymentExists', paymentRequestId: 'PAY-RT-2' })
      expect(await raw.dump()).toBe(before)
      expect(await raw.payment('PAY-RT-2')).toMatchObject({ merchantReference: 'ORDER-PAY-RT-2', createdAt: T0 })
    })

    it('loads nothing for an unknown payment', async () => {
      const { store } = await useStore(make)
      await run(store.create(draftPayment(cardInput('PAY-RT-3')).payment))
      expect(await run(store.load('PAY-RT-NONE'))).toBeUndefined()
    })

    it('finds a payment by merchantReference, by paymentId and by paymentSessionId', async () => {
      const { store, raw } = await useStore(make)
      const card = cardFlow('PAY-RT-4')
      const session = sessionFlow('PAY-RT-5')
      for (const flow of [card, session]) {
        await run(store.create(flow.payment))
        for (const commit of flow.commits.slice(0, 2)) await run(store.commit(commit))
      }
      expect(await raw.payment('PAY-RT-4')).toMatchObject({ paymentId: 'P-PAY-RT-4' })
      expect(await raw.payment('PAY-RT-5')).toMatchObject({ paymentSessionId: 'SESSION-PAY-RT-5' })
      const found = async (key: Parameters<typeof store.find>[0]) => (await run(store.find(key)))?.paymentRequestId
      expect(await found({ merchantReference: 'ORDER-PAY-RT-4' })).toBe('PAY-RT-4')
      expect(await found({ paymentId: 'P-PAY-RT-4' })).toBe('PAY-RT-4')
      expect(await found({ paymentSessionId: 'SESSION-PAY-RT-5' })).toBe('PAY-RT-5')
      expect(await run(store.find({ paymentId: 'P-PAY-RT-5' }))).toBeUndefined()
      expect(await run(store.find({ merchantReference: 'ORDER-NONE' }))).toBeUndefined()
      expect(await run(store.find({ paymentSessionId: 'SESSION-PAY-RT-4' }))).toBeUndefined()
      const byId = await run(store.find({ paymentId: 'P-PAY-RT-4' }))
      expect(byId).toMatchObject({ version: 3, state: 'awaitingCustomer', paymentId: 'P-PAY-RT-4' })
    })
  })
