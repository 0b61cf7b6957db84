import { importPrivateKey, signRequest } from '@paychart/antom'
import type { SimulatorServer } from '@paychart/testkit'
import * as Effect from 'effect/Effect'
import { challengeOf, passChallenge, THREE_DS_CARD } from '../src/card-payment.fixtures.js'
import { createCardPayment } from '../src/more-flows.fixtures.js'

export const NOTIFY_PATH = '/antom/notify/payment'

export interface Delivery {
  readonly body: string
  readonly headers: Record<string, string>
}

/**
 * Card payments created through the edge's checkout route (3DS, so each waits for its buyer; manual capture, so the
 * notification leaves them authorized with no timer due soon), the challenge passed
 * at the simulator, and the simulator's PAYMENT_RESULT for each, signed with the gateway key: first deliveries the
 * edge has not seen.
 */
export const waitingPayments = async (
  edge: string,
  sim: SimulatorServer,
  ids: ReadonlyArray<string>,
): Promise<ReadonlyArray<Delivery>> => {
  for (const id of ids) {
    const created = await createCardPayment(edge, id, THREE_DS_CARD, { captureMode: 'MANUAL' })
    await passChallenge(challengeOf(created))
  }
  const signer = await Effect.runPromise(importPrivateKey(sim.keys.gatewayPrivateKey))
  const wanted = new Set(ids)
  const due = sim.simulator
    .dueNotifications()
    .filter((delivery) => delivery.notifyType === 'PAYMENT_RESULT' && wanted.has(delivery.paymentRequestId))
  if (due.length !== ids.length)
    throw new Error(`${due.length} PAYMENT_RESULT notifications for ${ids.length} payments`)
  return Promise.all(
    due.map(async (delivery) => {
      const body = JSON.stringify(delivery.body)
      const signed = { path: NOTIFY_PATH, clientId: sim.clientId, body, now: Date.now(), privateKey: signer }
      return { body, headers: { ...(await Effect.runPromise(signRequest(signed))) } }
    }),
  )
}
