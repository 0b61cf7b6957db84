/** A card the gateway vaulted for one of the shop's buyers: what the shop shows of it, and its token. */
export interface SavedCard {
  /** The shop's own number for the card: what a form names, so that the token never reaches the page. */
  readonly id: number
  readonly brand: string
  readonly lastFour: string
  readonly cardToken: string
}

/** What the gateway tells of a vaulted card: its token, brand and last four. */
export interface VaultedCard {
  readonly cardToken: string
  readonly brand?: string
  readonly lastFour?: string
}

/**
 * The buyers' saved cards. A card is saved only when its buyer asked (`requestSave` before the pay) and the gateway
 * then vaulted it (`recordToken` from the payment's `authorized` or `succeeded` event).
 */
export interface SavedCards {
  readonly requestSave: (paymentRequestId: string, buyerId: string) => void
  /** Saves the card for the buyer who asked for it on this payment; a redelivered event saves nothing twice. */
  readonly recordToken: (paymentRequestId: string, card: VaultedCard) => void
  readonly list: (buyerId: string) => ReadonlyArray<SavedCard>
  readonly find: (buyerId: string, id: number) => SavedCard | undefined
}
