import type { PaymentStatus } from '@paychart/core'
import { type SimulatorServer, TEST_CARDS } from '@paychart/testkit'
import { createCardPayment, deliverAll, json, statusOf } from './more-flows.fixtures.js'

export const THREE_DS_CARD = (() => {
  const card = TEST_CARDS.find((c) => c.behaviour.kind === 'challenge' && c.brand === 'VISA')
  if (card === undefined) throw new Error('the simulator has no VISA 3DS challenge card')
  return card.number
})()

/** The 3DS challenge a created payment asks for: its page's URL; throws when the payment asks for something else. */
export const challengeOf = (created: { readonly status: number; readonly body: PaymentStatus }): string => {
  const action = created.body.customerAction
  if (action?.kind !== 'threeDS') {
    throw new Error(`expected a 3DS challenge, got ${created.status} ${JSON.stringify(created.body)}`)
  }
  return action.url
}

/** The buyer passes the challenge at `url` (the simulator then pays); its answer, body discarded: 303 to the return URL. */
export const passChallenge = async (url: string): Promise<Response> => {
  const submitted = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome: 'pass' }).toString(),
    redirect: 'manual',
  })
  await submitted.body?.cancel()
  return submitted
}

export interface CardPaymentRun {
  readonly created: { readonly status: number; readonly body: PaymentStatus }
  /** The challenge page as the buyer saw it, and where submitting it sent them. */
  readonly challenge: { readonly pageStatus: number; readonly page: string; readonly submitStatus: number }
  readonly redirectedTo: string | null
  readonly returnUrl: string
  /** How many notifications the edge answered, and the edge's state right after (before the buyer returns). */
  readonly delivered: number
  readonly afterNotifications: PaymentStatus
  readonly afterReturn: { readonly status: number; readonly body: unknown }
  readonly final: PaymentStatus
}

/**
 * A card payment with 3DS through the edge server at `edge`, against the simulator server: create it through the
 * checkout route with the challenge card; as the buyer, open the challenge page and pass it (the simulator answers
 * 303 to the merchant's return URL); deliver the simulator's signed notifications (to the edge webhook named in
 * `paymentNotifyUrl`); then follow the buyer back to the return URL and read the final status.
 */
export const runCardPayment = async (edge: string, sim: SimulatorServer, paymentRequestId: string) => {
  const returnUrl = `${edge}/payments/${paymentRequestId}/return`
  const created = await createCardPayment(edge, paymentRequestId, THREE_DS_CARD)
  const challenge = challengeOf(created)

  const pageResponse = await fetch(challenge)
  const page = await pageResponse.text()
  const submitted = await passChallenge(challenge)

  const delivered = await deliverAll(sim)
  const afterNotifications = (await statusOf(edge, paymentRequestId)).body

  const redirectedTo = submitted.headers.get('location')
  const afterReturn = await json<unknown>(await fetch(redirectedTo ?? returnUrl))
  const final = (await statusOf(edge, paymentRequestId)).body
  return {
    created,
    challenge: { pageStatus: pageResponse.status, page, submitStatus: submitted.status },
    redirectedTo,
    returnUrl,
    delivered,
    afterNotifications,
    afterReturn,
    final,
  } satisfies CardPaymentRun
}
