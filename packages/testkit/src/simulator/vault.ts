import type { CardBehaviour, CardFacts, TestCard } from './cards.js'

/** A card the gateway vaulted for a merchant: what it keeps of the card (never its number) and how its issuer answers. */
export interface VaultedCard {
  /** The merchant whose payment vaulted the card: no other merchant may pay with its token. */
  readonly merchantId: string
  /** The payment that asked for the token: the token works once that payment is paid. */
  readonly paymentRequestId: string
  readonly facts: CardFacts
  readonly issuer: Pick<TestCard, 'avs' | 'cvv'>
  readonly behaviour: CardBehaviour
}

/**
 * The gateway's card vault: `cardToken` to card. One per gateway; simulators of two merchants may share one, so that
 * a token of one merchant's buyer can be tried on the other's.
 */
export interface CardVault {
  readonly issue: (card: VaultedCard) => string
  readonly find: (token: string) => VaultedCard | undefined
}

export const cardVault = (): CardVault => {
  const cards = new Map<string, VaultedCard>()
  return {
    issue: (card) => {
      const token = `SIMTOKEN${String(cards.size + 1).padStart(8, '0')}`
      cards.set(token, card)
      return token
    },
    find: (token) => cards.get(token),
  }
}
