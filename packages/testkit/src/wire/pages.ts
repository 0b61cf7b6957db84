import { type Context, Hono } from 'hono'
import type { CompletionView, PaymentView, SessionView, Simulator } from '../simulator/index.js'
import { TEST_CARDS } from '../simulator/index.js'
import { amountText, escapeHtml, outcomeButtons, page } from './html.js'

/** Methods the Checkout Page offers next to a card. */
export const CHECKOUT_WALLETS: ReadonlyArray<string> = ['ALIPAY_CN', 'GCASH', 'GOOGLEPAY', 'PAYPAL']

type Failure = Extract<CompletionView, { readonly ok: false }>['reason']

const FAILURES: Readonly<Record<Failure, { readonly status: 404 | 409 | 410; readonly text: string }>> = {
  notFound: { status: 404, text: 'There is no such payment or session.' },
  notAwaiting: { status: 409, text: 'This page is no longer waiting for the customer.' },
  expired: { status: 410, text: 'This payment or session has expired.' },
  closed: { status: 409, text: 'This session is closed.' },
}

const problem = (c: Context, reason: Failure) => {
  const { status, text } = FAILURES[reason]
  return c.html(page('Cannot continue', `<p role="alert">${escapeHtml(text)}</p>`), status)
}

/** After the buyer acted: back to the merchant (303), or a plain page when the payment named no redirect URL. */
const finish = (c: Context, completion: CompletionView) => {
  if (!completion.ok) return problem(c, completion.reason)
  if (completion.redirectUrl !== undefined) return c.redirect(completion.redirectUrl, 303)
  const status = completion.payment.paymentStatus
  return c.html(page('Done', `<p>The payment is now <strong>${escapeHtml(status)}</strong>.</p>`))
}

const outcomeOf = async (c: Context): Promise<string | undefined> => {
  const form = await c.req.parseBody()
  const value = form.outcome
  return typeof value === 'string' ? value : undefined
}

const awaiting = (payment: PaymentView | undefined, step: PaymentView['step']): Failure | undefined => {
  if (payment === undefined) return 'notFound'
  if (payment.status !== 'pending' || payment.step !== step) return payment.expired ? 'expired' : 'notAwaiting'
  return undefined
}

const paymentSummary = (payment: PaymentView): string =>
  `<p>Amount: <strong>${escapeHtml(amountText(payment.amount))}</strong></p>
<p>Payment <code>${escapeHtml(payment.paymentId)}</code> (${escapeHtml(payment.paymentMethodType)})</p>`

const challengePage = (payment: PaymentView) =>
  page(
    '3-D Secure challenge',
    `${paymentSummary(payment)}
${payment.card === undefined ? '' : `<p>Card: ${escapeHtml(payment.card.brand)} ending ${escapeHtml(payment.card.last4)}</p>`}
<form method="post">
<p>Authenticate this payment?</p>
${outcomeButtons([
  ['pass', 'Pass'],
  ['fail', 'Fail'],
])}
</form>`,
  )

const walletPage = (payment: PaymentView) =>
  page(
    'Authorize the payment in your wallet',
    `${paymentSummary(payment)}
<form method="post">
${outcomeButtons([
  ['pass', 'Pass'],
  ['fail', 'Fail'],
  ['pending', 'Leave pending'],
])}
</form>`,
  )

const cardOptions = (): string =>
  TEST_CARDS.map(
    (card, index) =>
      `<option value="${card.number}"${index === 0 ? ' selected' : ''}>${escapeHtml(
        `${card.brand} ${card.number} - ${card.description}`,
      )}</option>`,
  ).join('\n')

const methodRadios = (): string =>
  ['CARD', ...CHECKOUT_WALLETS]
    .map(
      (method) =>
        `<label><input type="radio" name="method" value="${method}"${method === 'CARD' ? ' checked' : ''}> ${
          method === 'CARD' ? 'Card' : escapeHtml(method)
        }</label><br>`,
    )
    .join('\n')

/** The buyer's saved cards, brand and last four only; picking one pays without typing the card. */
const savedCardRadios = (session: SessionView): string =>
  session.savedCards.length === 0
    ? ''
    : `<fieldset>
<legend>Saved cards</legend>
<label><input type="radio" name="savedCard" value="" checked> A new card</label><br>
${session.savedCards
  .map(
    (card) =>
      `<label><input type="radio" name="savedCard" value="${escapeHtml(card.token)}"> ${escapeHtml(card.brand)} •••• ${escapeHtml(card.last4)}</label><br>`,
  )
  .join('\n')}
</fieldset>`

const saveCardBox = (session: SessionView): string =>
  session.tokenizeMode === 'ASKFORCONSENT'
    ? '<p><label><input type="checkbox" name="saveCard" value="yes"> Save this card for next time</label></p>'
    : ''

const checkoutPage = (session: SessionView) =>
  page(
    'Checkout',
    `<p>Amount: <strong>${escapeHtml(amountText(session.amount))}</strong></p>
<p>Session <code>${escapeHtml(session.paymentSessionId)}</code></p>
<form method="post">
<fieldset>
<legend>Payment method</legend>
${methodRadios()}
</fieldset>
${savedCardRadios(session)}
<p><label for="card">Test card</label><br>
<select id="card" name="card">
${cardOptions()}
</select></p>
${saveCardBox(session)}
${outcomeButtons([
  ['pass', 'Pass'],
  ['fail', 'Fail'],
  ['back', 'Back to the merchant'],
])}
</form>`,
  )

const isOutcome = (value: string | undefined): value is 'pass' | 'fail' => value === 'pass' || value === 'fail'

/**
 * The customer pages behind the simulator's `normalUrl`s: a 3DS challenge, a wallet's authorization page and the
 * Checkout Page. Each GET shows a form that posts to the same path; the POST settles the payment and answers 303 to
 * the merchant's redirect URL.
 */
export const pageRoutes = ({ simulator }: { readonly simulator: Simulator }) =>
  new Hono()
    .get('/sim/3ds/:id', (c) => {
      const payment = simulator.paymentById(c.req.param('id'))
      const blocked = awaiting(payment, 'threeDs')
      return blocked !== undefined || payment === undefined
        ? problem(c, blocked ?? 'notFound')
        : c.html(challengePage(payment))
    })
    .post('/sim/3ds/:id', async (c) => {
      const outcome = await outcomeOf(c)
      if (!isOutcome(outcome)) return c.html(page('Bad request', '<p role="alert">Choose Pass or Fail.</p>'), 400)
      return finish(c, simulator.completeChallenge(c.req.param('id'), outcome))
    })
    .get('/sim/wallet/:id', (c) => {
      const payment = simulator.paymentById(c.req.param('id'))
      const blocked = awaiting(payment, 'wallet')
      return blocked !== undefined || payment === undefined
        ? problem(c, blocked ?? 'notFound')
        : c.html(walletPage(payment))
    })
    .post('/sim/wallet/:id', async (c) => {
      const outcome = await outcomeOf(c)
      if (!isOutcome(outcome) && outcome !== 'pending') {
        return c.html(page('Bad request', '<p role="alert">Choose Pass, Fail or Leave pending.</p>'), 400)
      }
      return finish(c, simulator.completeWallet(c.req.param('id'), outcome))
    })
    .get('/sim/checkout/:id', (c) => {
      const session = simulator.session(c.req.param('id'))
      if (session === undefined) return problem(c, 'notFound')
      if (session.status === 'expired') return problem(c, 'expired')
      if (session.status !== 'open') return problem(c, session.status === 'cancelled' ? 'closed' : 'notAwaiting')
      return c.html(checkoutPage(session))
    })
    .post('/sim/checkout/:id', async (c) => {
      const form = await c.req.parseBody()
      const outcome = typeof form.outcome === 'string' ? form.outcome : undefined
      // The buyer leaves without paying: the session stays open until it expires, and the page can be opened again.
      const session = simulator.session(c.req.param('id'))
      if (outcome === 'back' && session?.status === 'open' && session.redirectUrl !== undefined) {
        return c.redirect(session.redirectUrl, 303)
      }
      const method = typeof form.method === 'string' && form.method !== '' ? form.method : 'CARD'
      const card = typeof form.card === 'string' && form.card !== '' ? form.card : undefined
      const savedCard = typeof form.savedCard === 'string' && form.savedCard !== '' ? form.savedCard : undefined
      if (!isOutcome(outcome)) return c.html(page('Bad request', '<p role="alert">Choose Pass or Fail.</p>'), 400)
      const typed = method === 'CARD' && card !== undefined ? { card, saveCard: form.saveCard === 'yes' } : {}
      return finish(
        c,
        simulator.completeCheckout(c.req.param('id'), {
          method,
          outcome,
          ...(method === 'CARD' && savedCard !== undefined ? { savedCard } : typed),
        }),
      )
    })
