import { importPrivateKey, importPublicKey, signRequest } from '@paychart/antom'
import { webhookRoutes } from '@paychart/hono'
import { generateSimulatorKeys } from '@paychart/testkit'
import { Effect } from 'effect'
import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { codeUnit, forEveryStore, seeded } from './stores.fixtures.js'

// Whatever text the gateway's notification carries (in its result message, here), the merchant's webhook
// commits it on every store and acknowledges it: a text one store cannot hold must not leave the payment unsettled
// while the gateway delivers it again and again.

const PATH = '/antom/notify/payment'
const CLIENT_ID = 'SANDBOX_STORES'
const RUNS = 30

const text = fc.array(codeUnit, { maxLength: 12 }).map((units) => units.join(''))

let sign: (body: string) => Promise<Record<string, string>>
let verifier: Awaited<ReturnType<typeof verifierOf>>
const verifierOf = async (publicKey: string) => Effect.runPromise(importPublicKey(publicKey))

beforeAll(async () => {
  const keys = await generateSimulatorKeys()
  const signer = await Effect.runPromise(importPrivateKey(keys.gatewayPrivateKey))
  verifier = await verifierOf(keys.gatewayPublicKey)
  sign = async (body) => ({
    ...(await Effect.runPromise(
      signRequest({ path: PATH, clientId: CLIENT_ID, body, now: Date.now(), privateKey: signer }),
    )),
  })
})

forEveryStore('any text in a notification', (withPaychart, store) => {
  it('is committed and acknowledged, the payment settled', () =>
    withPaychart(async (paychart) => {
      const app = webhookRoutes({ run: paychart.run, antomPublicKey: verifier, clientId: CLIENT_ID })
      let n = 0
      await fc.assert(
        fc.asyncProperty(text, async (message) => {
          n += 1
          const paymentRequestId = `NOTE-${n}`
          await paychart.createPayment({
            paymentRequestId,
            amount: { currency: 'USD', minor: 1000 },
            paymentMethodType: 'ALIPAY_CN',
          })
          const body = JSON.stringify({
            notifyType: 'PAYMENT_RESULT',
            result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: message },
            paymentRequestId,
            paymentId: `P-${paymentRequestId}`,
            paymentAmount: { currency: 'USD', value: '1000' },
            paymentMethodType: 'ALIPAY_CN',
          })
          const response = await app.request(PATH, { method: 'POST', headers: await sign(body), body })
          expect(response.status, await response.clone().text()).toBe(200)
          expect((await paychart.status(paymentRequestId)).state).toBe('captured')
        }),
        seeded(`any text in a notification, ${store}`, RUNS),
      )
    }))
})
