import type { PaymentStatus } from '@paychart/core'
import { html } from 'hono/html'
import { customerPageUrl, otpUrl } from '../buyer-urls.js'
import { type Html, layout } from './layout.js'
import { moneyText } from './money.js'

/** The product page, paying again for this payment's order (a new attempt under a new paymentRequestId). */
const payAgainUrl = (status: PaymentStatus): string =>
  status.order === undefined ? '/' : `/?order=${encodeURIComponent(status.order.orderReference)}`

type Outcome = { readonly title: string; readonly text: Html; readonly waiting?: true }

/** What the buyer is told, in their words, for each state the payment can be in. */
export const buyerOutcome = (status: PaymentStatus): Outcome => {
  const amount = moneyText(status.amount)
  const card =
    status.card?.lastFour === undefined ? '' : ` with ${status.card.brand ?? 'your card'} •••• ${status.card.lastFour}`
  if (status.tags.includes('paid'))
    return { title: 'Payment successful', text: html`<p>You paid <strong>${amount}</strong>${card}.</p>` }
  if (status.state === 'authorized') {
    return {
      title: 'Payment authorized',
      text: html`<p>Your card is authorized for <strong>${amount}</strong>; you are charged when the order ships.</p>`,
    }
  }
  if (status.state === 'failed') {
    const code = status.failure?.code ?? 'UNKNOWN'
    const message = status.failure?.message
    const again = code === 'AUTHENTICATION_REQUIRED' ? 'Try again with 3-D Secure' : 'Try another card'
    return {
      title: 'Payment declined',
      text: html`<p>The payment of ${amount} did not go through: <code>${code}</code>${message === undefined ? '' : html` (${message})`}.</p>
<p><a id="pay-again" href="${payAgainUrl(status)}">${again}</a></p>`,
    }
  }
  if (status.state === 'refunded') return { title: 'Payment refunded', text: html`<p>${amount} was refunded.</p>` }
  const closed = html`<p>Nothing was charged. <a id="pay-again" href="${payAgainUrl(status)}">Pay again</a></p>`
  if (status.state === 'cancelled') return { title: 'Payment cancelled', text: closed }
  if (status.state === 'expired') return { title: 'Payment expired', text: closed }
  if (status.state === 'awaitingOtp') {
    const otp = otpUrl(status.paymentRequestId)
    return {
      title: 'Enter the code we sent you',
      text: html`<p><a href="${otp}">Enter the one-time code</a> to pay ${amount}.</p>`,
    }
  }
  const gatewayPage = customerPageUrl(status)
  if (gatewayPage !== undefined) {
    return {
      title: 'Waiting for you',
      text: html`<p><a href="${gatewayPage}">Continue to the payment page</a> to pay ${amount}.</p>`,
    }
  }
  if (status.tags.includes('pending')) {
    return {
      title: 'Confirming your payment',
      text: html`<p>We are waiting for the payment network to confirm ${amount}. This page refreshes by itself.</p>`,
      waiting: true,
    }
  }
  return { title: 'Payment received', text: html`<p>${amount}</p>` }
}

/** The buyer's result page: the outcome, the order number, and links back to the shop and to the merchant's view. */
export const resultPage = (status: PaymentStatus): Html => {
  const outcome = buyerOutcome(status)
  const id = status.paymentRequestId
  return layout(
    outcome.title,
    html`${outcome.waiting === true ? html`<meta http-equiv="refresh" content="2">` : ''}
<div id="outcome" data-state="${status.state}">${outcome.text}</div>
<p>Order <code>${status.order?.orderReference ?? id}</code>, payment <code>${id}</code></p>
<p><a href="/">Back to the shop</a> · <a href="/payments/${encodeURIComponent(id)}">See this payment as the merchant</a></p>`,
  )
}
