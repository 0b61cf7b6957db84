import fc from 'fast-check'
import { expect, it } from 'vitest'
import { codeUnit, forEveryStore, seeded } from './stores.fixtures.js'

// Whatever text a merchant puts in a payment, every store either keeps the payment or none does: the input is refused
// as PaymentInputInvalid naming the field, never a StoreUnavailable from one store's column types.

const text = fc.array(codeUnit, { maxLength: 12 }).map((units) => units.join(''))
const details = fc.record({ description: text, goods: fc.array(text, { maxLength: 2 }), key: text })

/** Whether a store could hold `s`: no U+0000, no half of a surrogate pair (which encodeURIComponent refuses). */
const unstorable = (s: string) => {
  if (s.includes('\u0000')) return true
  try {
    encodeURIComponent(s)
    return false
  } catch {
    return true
  }
}

/** The field holding the first unstorable text, as the input names it; undefined when there is none. */
const badField = (d: { description: string; goods: ReadonlyArray<string>; key: string }): string | undefined => {
  if (unstorable(d.description)) return 'requestDetails.order.orderDescription'
  const goods = d.goods.findIndex(unstorable)
  if (goods !== -1) return `requestDetails.order.goods[${goods}].goodsName`
  if (unstorable(d.key)) return `requestDetails.extendInfo.${d.key}`
  return undefined
}

const RUNS = 60

forEveryStore('any text in a payment', (withPaychart, store) => {
  it('is kept, or refused naming its field', () =>
    withPaychart(async (paychart) => {
      let n = 0
      await fc.assert(
        fc.asyncProperty(details, async (d) => {
          n += 1
          const paymentRequestId = `TEXT-${n}`
          const input = {
            paymentRequestId,
            amount: { currency: 'USD' as const, minor: 100 },
            paymentMethodType: 'ALIPAY_CN',
            requestDetails: {
              order: { orderDescription: d.description, goods: d.goods.map((goodsName) => ({ goodsName })) },
              extendInfo: { [d.key]: 'x' },
            },
          }
          const field = badField(d)
          const outcome = await paychart.createPayment(input).then(
            (status) => ({ created: status.paymentRequestId }),
            (error: unknown) => ({ error }),
          )
          if (field === undefined) expect(outcome).toEqual({ created: paymentRequestId })
          else expect(outcome).toMatchObject({ error: { _tag: 'PaymentInputInvalid', paymentRequestId, field } })
        }),
        seeded(`any text in a payment, ${store}`, RUNS),
      )
    }))
})
