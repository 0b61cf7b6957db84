import type { PaymentStatus } from '@paychart/core'
import { type SimulatorServer, TEST_CARDS } from '@paychart/testkit'

export const THREE_DS_CARD = (() => {
  const card = TEST_CARDS.find((c) => c.behaviour.kind === 'challenge' && c.brand === 'VISA')
  if (card === undefined) throw new Error('the simulator has no VISA 3DS challenge card')
  return card.number
})()

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

const json = async <A>(response: Response): Promise<{ status: number; body: A }> => ({
  status: response.status,
  body: (await response.json()) as A,
})

/**
 * A card payment with 3DS through the edge server at `edge`, against the simulator server: create it through the
 * checkout route with the challenge card; as the buyer, open the challenge page and pass it (the simulator answers
 * 303 to the merchant's return URL); deliver the simulator's signed notifications (to the edge webhook named in
 * `paymentNotifyUrl`); then follow the buyer back to the return URL and read the final status.
 */
export const runCardPayment = async (edge: string, sim: SimulatorServer, paymentRequestId: string) => {
  const returnUrl = `${edge}/payments/${paymentRequestId}/return`
  const createdResponse = await fetch(`${edge}/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      paymentRequestId,
      amount: { currency: 'USD', minor: 1_099 },
      paymentMethodType: 'CARD',
      captureMode: 'AUTOMATIC',
      requestDetails: {
        order: {
          referenceOrderId: `ORDER-${paymentRequestId}`,
          orderDescription: 'Cappuccino',
          orderAmount: { currency: 'USD', minor: 1_099 },
        },
        env: { terminalType: 'WEB' },
        settlementStrategy: { settlementCurrency: 'USD' },
        paymentMethod: { paymentMethodType: 'CARD' },
        paymentRedirectUrl: returnUrl,
        paymentNotifyUrl: `${edge}/antom/notify/payment`,
      },
      card: { cardNo: THREE_DS_CARD, cvv: '123', expiryMonth: '12', expiryYear: '30' },
    }),
  })
  const created = await json<PaymentStatus>(createdResponse)
  const action = created.body.customerAction
  if (action?.kind !== 'threeDS') {
    throw new Error(`expected a 3DS challenge, got ${createdResponse.status} ${JSON.stringify(created.body)}`)
  }

  const pageResponse = await fetch(action.url)
  const page = await pageResponse.text()
  const submitted = await fetch(action.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome: 'pass' }).toString(),
    redirect: 'manual',
  })
  await submitted.body?.cancel()

  let delivered = 0
  for (let round = 0; round < 5; round++) {
    const answered = await sim.deliverNotifications()
    if (answered === 0) break
    delivered += answered
  }
  const afterNotifications = (await json<PaymentStatus>(await fetch(`${edge}/payments/${paymentRequestId}`))).body

  const redirectedTo = submitted.headers.get('location')
  const afterReturn = await json<unknown>(await fetch(redirectedTo ?? returnUrl))
  const final = (await json<PaymentStatus>(await fetch(`${edge}/payments/${paymentRequestId}`))).body
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
