import { html } from 'hono/html'
import { PRODUCT, type Product, WALLET_METHOD } from '../product.js'
import type { SavedCard } from '../saved-cards.js'
import { type Html, layout } from './layout.js'
import { moneyText } from './money.js'

export interface TestCard {
  readonly number: string
  readonly brand: string
  readonly description: string
}

export interface ProductPageOptions {
  readonly product?: Product
  /** Cards to try, listed beside the form. */
  readonly testCards: ReadonlyArray<TestCard>
  /** Which gateway answers: the local simulator or the Antom sandbox. */
  readonly gatewayName: string
  /** A refusal of the last form, naming the field (never what was typed). */
  readonly problem?: string
  /** The order the buyer pays again, after a decline. */
  readonly orderReference?: string
  /** The buyer's saved cards: brand and last four, named by the shop's number (never the token). */
  readonly savedCards?: ReadonlyArray<SavedCard>
}

const orderInput = (orderReference: string | undefined) =>
  orderReference === undefined ? '' : html`<input type="hidden" name="order" value="${orderReference}">`

const cardForm = (orderReference: string | undefined) => html`<form method="post" action="/checkout/card">
${orderInput(orderReference)}
<fieldset>
<legend>Pay by card</legend>
<label for="cardNo">Card number</label>
<input type="text" id="cardNo" name="cardNo" inputmode="numeric" autocomplete="cc-number" required>
<label for="expiryMonth">Expiry month and year</label>
<input type="text" id="expiryMonth" name="expiryMonth" inputmode="numeric" autocomplete="cc-exp-month" value="12" style="width:3rem" required>
<input type="text" id="expiryYear" name="expiryYear" inputmode="numeric" autocomplete="cc-exp-year" value="30" style="width:3rem" aria-label="Expiry year" required>
<label for="cvv">Security code</label>
<input type="password" id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" style="width:4rem" required>
<label for="firstName">Name on the card (first, last)</label>
<input type="text" id="firstName" name="firstName" autocomplete="cc-given-name" value="Ada" style="width:7.5rem" aria-label="First name">
<input type="text" id="lastName" name="lastName" autocomplete="cc-family-name" value="Lovelace" style="width:7.5rem" aria-label="Last name">
<label for="billingZip">Billing postcode and street (for the address check)</label>
<input type="text" id="billingCountry" name="billingCountry" value="US" maxlength="2" style="width:3rem" aria-label="Billing country">
<input type="text" id="billingZip" name="billingZip" autocomplete="billing postal-code" style="width:6rem" aria-label="Billing postcode">
<input type="text" id="billingStreet" name="billingStreet" autocomplete="billing address-line1" style="width:12rem" aria-label="Billing street">
<label><input type="checkbox" name="threeDs" value="yes"> Verify me with my bank (3-D Secure)</label>
<label><input type="checkbox" name="save" value="yes"> Save this card for next time</label>
<label><input type="checkbox" name="capture" value="manual"> Authorize only (the shop captures when it ships)</label>
<button type="submit">Pay by card</button>
</fieldset>
</form>`

const savedCardsForm = (orderReference: string | undefined, cards: ReadonlyArray<SavedCard>) =>
  cards.length === 0
    ? ''
    : html`<form method="post" action="/checkout/saved-card" id="saved-cards">
${orderInput(orderReference)}
<fieldset>
<legend>Pay with a saved card</legend>
${cards.map(
  (card, i) =>
    html`<label><input type="radio" name="savedCard" value="${card.id}"${i === 0 ? ' checked' : ''}> ${card.brand} •••• ${card.lastFour}</label>`,
)}
<button type="submit">Pay with this card</button>
</fieldset>
</form>`

const walletForm = (orderReference: string | undefined) => html`<form method="post" action="/checkout/wallet">
${orderInput(orderReference)}
<fieldset>
<legend>Pay with a wallet</legend>
<input type="hidden" name="method" value="${WALLET_METHOD}">
<button type="submit">Pay with ${WALLET_METHOD}</button>
</fieldset>
</form>`

const checkoutPageForm = (orderReference: string | undefined) => html`<form method="post" action="/checkout/page">
${orderInput(orderReference)}
<fieldset>
<legend>Pay on the gateway's Checkout Page</legend>
<button type="submit">Pay on the Checkout Page</button>
</fieldset>
</form>`

const cardsTable = (cards: ReadonlyArray<TestCard>) => html`<table>
<thead><tr><th>Number</th><th>Brand</th><th>What happens</th></tr></thead>
<tbody>
${cards.map((card) => html`<tr><td><code>${card.number}</code></td><td>${card.brand}</td><td>${card.description}</td></tr>`)}
</tbody>
</table>
<p>Any expiry in the future and any 3-digit security code.</p>`

/** The product with a card form and a wallet button, and the test cards beside them. */
export const productPage = ({
  product = PRODUCT,
  testCards,
  gatewayName,
  problem,
  orderReference,
  savedCards = [],
}: ProductPageOptions): Html =>
  layout(
    product.name,
    html`<p>${product.description}</p>
${orderReference === undefined ? '' : html`<p id="retrying">Paying again for order <code>${orderReference}</code>.</p>`}
<p>Price: <strong>${moneyText(product.price)}</strong></p>
<p>Payments go to <strong>${gatewayName}</strong>.</p>
${problem === undefined ? '' : html`<p class="alert" role="alert">${problem}</p>`}
<div class="columns">
<section>${savedCardsForm(orderReference, savedCards)}${cardForm(orderReference)}${walletForm(orderReference)}${checkoutPageForm(orderReference)}</section>
<section><h2>Test cards</h2>${cardsTable(testCards)}</section>
</div>`,
  )
