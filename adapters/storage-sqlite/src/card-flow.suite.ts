import { antomGateway, decodeNotification, NOTIFICATION_ACK_BODY, notificationEvent } from '@paychart/antom'
import { collectDomainEvents, Engine, type PaymentInput } from '@paychart/core'
import {
  createSimulator,
  createSimulatorApp,
  deliverNotifications,
  generateSimulatorKeys,
  simulatorTransport,
  TEST_CARDS,
} from '@paychart/testkit'
import { Effect, Layer, ManagedRuntime, Redacted } from 'effect'
import { describe, expect, it, onTestFinished } from 'vitest'
import { type CardSecret, scanFiles, scanRows } from './card-scan.fixtures.js'
import { openDriver } from './driver/open-driver.js'
import { tempDatabase } from './sqlite.fixtures.js'
import { openSqliteStore } from './sqlite-store.js'

const clientId = 'SANDBOX_PAYCHART_SIM'
const baseUrl = 'https://gateway.sqlite.test'
const notifyUrl = 'https://shop.sqlite.test/antom/notify'

const cardOf = (description: string, cvv: string): CardSecret => {
  const card = TEST_CARDS.find((c) => c.description === description)
  if (card === undefined) throw new Error(`no test card "${description}"`)
  return { cardNo: card.number, cvv, expiryMonth: '07', expiryYear: '37' }
}
export const SUCCESS = cardOf('success (sandbox)', '739')
const THREE_DS = cardOf('3DS challenge', '482')

const input = (paymentRequestId: string, captureMode: 'MANUAL' | 'AUTOMATIC'): PaymentInput => ({
  paymentRequestId,
  amount: { currency: 'USD', minor: 2_500 },
  paymentMethodType: 'CARD',
  captureMode,
  merchantReference: `ORDER-${paymentRequestId}`,
  requestDetails: {
    order: {
      referenceOrderId: `ORDER-${paymentRequestId}`,
      orderDescription: 'Flat white',
      orderAmount: { currency: 'USD', minor: 2_500 },
    },
    env: { terminalType: 'WEB' },
    settlementStrategy: { settlementCurrency: 'USD' },
    paymentRedirectUrl: 'https://shop.sqlite.test/return',
    paymentNotifyUrl: notifyUrl,
    paymentMethod: { paymentMethodType: 'CARD' },
  },
})

const secrets = (card: CardSecret) => ({ cardMetaData: Redacted.make({ ...card }) })

/** The Engine over this store, the real antomGateway, and the simulator in-process (no socket). */
const makeWorld = async (filename: string) => {
  const keys = await generateSimulatorKeys()
  const simulator = createSimulator({ baseUrl, defaultNotifyUrl: notifyUrl })
  const app = createSimulatorApp({ simulator, keys, clientId })
  const opened = openSqliteStore({ filename })
  const gateway = antomGateway({
    clientId,
    merchantPrivateKey: keys.merchantPrivateKey,
    antomPublicKey: keys.gatewayPublicKey,
    baseUrl,
  }).pipe(Layer.provide(simulatorTransport(app)))
  const runtime = ManagedRuntime.make(
    Engine.layer.pipe(Layer.provide(Layer.mergeAll(opened.layer, gateway, collectDomainEvents().layer))),
  )
  onTestFinished(async () => {
    await runtime.dispose()
    opened.close()
  })
  const run = <A, E>(effect: Effect.Effect<A, E, Engine>) => runtime.runPromise(effect)
  /** The merchant's webhook, in-process: decode, map, hand to the engine, acknowledge. */
  const webhook = async (_url: string, init: RequestInit) => {
    const body = typeof init.body === 'string' ? init.body : ''
    const notification = await Effect.runPromise(decodeNotification(body))
    const { event, notificationKey } = notificationEvent(notification, Date.now())
    await run(Engine.use((engine) => engine.handleNotification(event, { notificationKey, body })))
    return new Response(NOTIFICATION_ACK_BODY, { status: 200, headers: { 'content-type': 'application/json' } })
  }
  const deliverAll = async () => {
    for (let i = 0; i < 10; i++)
      if ((await deliverNotifications({ simulator, keys, clientId, fetch: webhook })) === 0) return
  }
  return { simulator, run, deliverAll, opened }
}

/**
 * A 3DS card payment with a manual capture and a refund, and an automatic one, through the engine on this store and
 * the simulator, their notifications delivered: then no row and no byte of the files holds card data. Run on Node
 * and, through the driver seam, under Bun and Deno.
 */
export const cardFlowTests = () =>
  describe('card data through the engine', () => {
    it('keeps no card number, CVV or expiry in any row or in the bytes of the db, -wal and -shm files', async () => {
      const { filename, remove } = tempDatabase()
      onTestFinished(remove)
      const world = await makeWorld(filename)

      const challenged = await world.run(
        Engine.use((e) => e.createPayment(input('PAY-CARD-3DS', 'MANUAL'), secrets(THREE_DS))),
      )
      expect(challenged.state).toBe('awaitingCustomer')
      expect(world.simulator.completeChallenge(challenged.paymentId ?? '', 'pass').ok).toBe(true)
      expect((await world.run(Engine.use((e) => e.customerReturned('PAY-CARD-3DS')))).state).toBe('authorized')
      expect((await world.run(Engine.use((e) => e.capture('PAY-CARD-3DS')))).state).toBe('captured')
      const refund = { amount: { currency: 'USD' as const, minor: 500 } }
      await world.run(Engine.use((e) => e.refund('PAY-CARD-3DS', refund)))
      const automatic = await world.run(
        Engine.use((e) => e.createPayment(input('PAY-CARD-AUTO', 'AUTOMATIC'), secrets(SUCCESS))),
      )
      expect(automatic.state).toBe('capturing')
      await world.deliverAll()

      const statuses = await world.run(
        Effect.all([Engine.use((e) => e.status('PAY-CARD-3DS')), Engine.use((e) => e.status('PAY-CARD-AUTO'))]),
      )
      expect(statuses.map((s) => [s.state, s.captured.minor, s.refunded.minor])).toEqual([
        ['captured', 2_500, 500],
        ['captured', 2_500, 0],
      ])
      // The card did reach the gateway, beside the commands.
      expect(world.simulator.payment('PAY-CARD-3DS')?.card?.last4).toBe(THREE_DS.cardNo.slice(-4))
      expect(world.simulator.payment('PAY-CARD-AUTO')?.card?.last4).toBe(SUCCESS.cardNo.slice(-4))

      const reader = openDriver({ filename, busyTimeoutMs: 5_000, readonly: true })
      onTestFinished(reader.close)
      for (const card of [THREE_DS, SUCCESS]) {
        const rows = scanRows(reader, card)
        expect(rows.tables).toEqual(expect.arrayContaining(['payments', 'events', 'outbox', 'timers', 'notifications']))
        expect(rows.values).toBeGreaterThan(500)
        expect(rows.found).toEqual([])
        const files = scanFiles(filename, card)
        expect(files.files).toEqual([filename, `${filename}-wal`, `${filename}-shm`])
        expect(files.found).toEqual([])
      }
      // What the scan reads does hold the payments: a scan of the wrong bytes would find nothing either.
      const all = scanFiles(filename, { cardNo: 'PAY-CARD-3DS', cvv: '', expiryMonth: '', expiryYear: '' })
      expect(all.found.filter((hit) => hit.endsWith(': PAY-CARD-3DS')).length).toBeGreaterThan(0)
    })
  })
