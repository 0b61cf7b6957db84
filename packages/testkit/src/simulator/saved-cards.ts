import { type CardBehaviour, type CardFacts, checkedAs, type TestCard } from './cards.js'
import type { Ctx } from './state.js'

/** A card as a payment presents it: what is kept of it, what its issuer does, and its verdicts for a token to keep. */
export interface ReadCard {
  readonly facts: CardFacts | undefined
  readonly behaviour: CardBehaviour
  /** The issuer's AVS and CVV verdicts; absent for a card that came from a token. */
  readonly issuer?: Pick<TestCard, 'avs' | 'cvv'>
}

const unknownToken: ReadCard = {
  facts: undefined,
  behaviour: { kind: 'decline', resultCode: 'INVALID_PAYMENT_METHOD_META_DATA' },
}

/**
 * A saved card: a token that this merchant's paid payment vaulted pays as that card (no CVV to check); an unknown
 * token, another merchant's, or one whose payment never paid, fails INVALID_PAYMENT_METHOD_META_DATA.
 */
export const readToken = (ctx: Ctx, token: string, billingAddress: boolean): ReadCard => {
  const vaulted = ctx.config.vault.find(token)
  if (vaulted === undefined || vaulted.merchantId !== ctx.config.merchantId) return unknownToken
  if (ctx.state.payments.get(vaulted.paymentRequestId)?.paidAt === undefined) return unknownToken
  return {
    facts: checkedAs(vaulted.facts, vaulted.issuer, { billingAddress, cvv: false }),
    behaviour: vaulted.behaviour,
  }
}

/** Vaults a typed-in card for this merchant: its token, told once the payment is paid. */
export const vaultCard = (ctx: Ctx, paymentRequestId: string, card: ReadCard): string | undefined =>
  card.facts === undefined || card.issuer === undefined
    ? undefined
    : ctx.config.vault.issue({
        merchantId: ctx.config.merchantId,
        paymentRequestId,
        facts: card.facts,
        issuer: card.issuer,
        behaviour: card.behaviour,
      })

/** What the Checkout Page shows of a saved card: never more than the brand and last four. */
export interface SavedCardView {
  readonly token: string
  readonly brand: string
  readonly last4: string
}

/** The saved cards a session lists that this merchant's paid payments vaulted; others are not shown. */
export const savedCardsOf = (ctx: Ctx, tokens: ReadonlyArray<string>): ReadonlyArray<SavedCardView> =>
  tokens.flatMap((token) => {
    const card = readToken(ctx, token, false).facts
    return card === undefined ? [] : [{ token, brand: card.brand, last4: card.last4 }]
  })
