import type { CardResult } from '@paychart/core'
import { html } from 'hono/html'
import type { Html } from './layout.js'

/** Visa's and Mastercard's raw AVS codes, in words; any other code is shown as given. */
const AVS_MEANING: Readonly<Record<string, string>> = {
  Y: 'address and postcode match',
  A: 'address matches, postcode does not',
  Z: 'postcode matches, address does not',
  N: 'address and postcode do not match',
  U: 'not checked (no billing address, or the issuer cannot check)',
}

const CVV_MEANING: Readonly<Record<string, string>> = {
  M: 'matches',
  N: 'does not match',
  P: 'not processed',
  U: 'not checked (no security code sent, or the issuer cannot check)',
}

const coded = (code: string | undefined, meanings: Readonly<Record<string, string>>) =>
  code === undefined ? '-' : html`<code>${code}</code> ${meanings[code] ?? ''}`

const row = (name: string, id: string, value: Html | string) =>
  html`<tr><th>${name}</th><td id="${id}">${value}</td></tr>`

/**
 * What the gateway told of the card: for fraud review and disputes. The merchant sees the issuer's AVS and CVV
 * verdicts, the 3-D Secure result and the network's transaction id; of the card itself, its BIN and last four only.
 */
export const cardView = (card: CardResult | undefined): Html | string =>
  card === undefined
    ? ''
    : html`<h2>Card</h2>
<table id="card-result">
${row('card', 'card-number', `${card.brand ?? 'CARD'} ${card.bin ?? ''}…${card.lastFour ?? ''}`)}
${row('issued in', 'card-country', `${card.issuingCountry ?? '-'} ${card.funding ?? ''}`)}
${row('address check (AVS)', 'card-avs', coded(card.avsResult, AVS_MEANING))}
${row('security code check', 'card-cvv', coded(card.cvvResult, CVV_MEANING))}
${row('3-D Secure', 'card-3ds', card.threeDS === undefined ? 'not authenticated' : `version ${card.threeDS.version ?? '?'}, ECI ${card.threeDS.eci ?? '?'}`)}
${row('network transaction id', 'card-nti', card.networkTransactionId ?? '-')}
${row('saved for later', 'card-saved', card.cardToken === undefined ? 'no' : 'yes')}
</table>`
