import type { AttemptInput, Money, RequestDetails } from '@paychart/core'
import type { CardOptions } from './card-form.js'
import type { SavedCard } from './saved-cards.js'

export interface Product {
  readonly name: string
  readonly description: string
  readonly price: Money
}

/** The shop sells one thing. */
export const PRODUCT: Product = {
  name: 'Paychart mug',
  description: 'A 350 ml stoneware mug with the payment machine printed on it.',
  price: { currency: 'USD', minor: 2_400 },
}

/** The wallet behind the wallet button (the simulator's wallet page; a redirect wallet on the real sandbox). */
export const WALLET_METHOD = 'ALIPAY_CN'

/**
 * An order reference no order had: a time part and a random part. Its attempts' paymentRequestIds
 * (`<reference>-attempt-<n>`) stay well under the gateway's 64 characters.
 */
export const newOrderReference = (now: number): string =>
  `MUG-${now.toString(36).toUpperCase()}-${crypto.randomUUID().slice(0, 8).toUpperCase()}`

/** What both a pay and a session need: the order and its buyer, the settlement, the buyer's way back and the webhook. */
const commonDetails = ({ paymentRequestId, orderReference, buyerId, baseUrl, product = PRODUCT }: OrderRequest) => ({
  order: {
    referenceOrderId: orderReference,
    orderDescription: product.name,
    orderAmount: product.price,
    buyer: { referenceBuyerId: buyerId },
  },
  settlementStrategy: { settlementCurrency: product.price.currency },
  paymentRedirectUrl: `${baseUrl}/checkout/${encodeURIComponent(paymentRequestId)}/return`,
  paymentNotifyUrl: `${baseUrl}/antom/notify/payment`,
})

export interface OrderRequest {
  readonly orderReference: string
  /** Who pays: the gateway knows the buyer by this id (`order.buyer.referenceBuyerId`). */
  readonly buyerId: string
  /** The attempt's own id, which the buyer's way back names. */
  readonly paymentRequestId: string
  /** Where the buyer comes back to and the gateway posts notifications: this app's public origin. */
  readonly baseUrl: string
  readonly product?: Product
}

/** One attempt paid on the gateway's Checkout Page: the buyer picks the method there, and may use a saved card. */
export const sessionAttemptInput = (
  request: OrderRequest,
  savedCards: ReadonlyArray<SavedCard> = [],
  /** When the session closes (epoch ms); the gateway's default (an hour) when absent. */
  expiresAt?: number,
): AttemptInput => ({
  amount: (request.product ?? PRODUCT).price,
  flow: 'checkoutSession',
  ...(expiresAt === undefined ? {} : { paymentExpiresAt: expiresAt }),
  merchantReference: request.orderReference,
  requestDetails: {
    ...commonDetails(request),
    availablePaymentMethod: { paymentMethodMetaData: { tokenizeMode: 'ASKFORCONSENT' } },
    ...(savedCards.length === 0
      ? {}
      : {
          savedPaymentMethods: savedCards.map((card) => ({
            paymentMethodType: 'CARD',
            paymentMethodId: card.cardToken,
          })),
        }),
  },
})

/** How the card is given: typed in (its options beside it; the card data travels apart, in memory) or saved. */
export type CardChoice =
  | { readonly kind: 'typed'; readonly options: CardOptions }
  | { readonly kind: 'saved'; readonly card: SavedCard }

const methodOf = (paymentMethodType: string, card: CardChoice | undefined) => {
  if (card === undefined) return { paymentMethodType }
  if (card.kind === 'typed') {
    return Object.keys(card.options).length === 0
      ? { paymentMethodType }
      : { paymentMethodType, paymentMethodMetaData: card.options }
  }
  // A stored card: its token instead of card data, flagged as card-on-file (no CVV is asked).
  return { paymentMethodType, paymentMethodId: card.card.cardToken, paymentMethodMetaData: { isCardOnFile: true } }
}

/** One attempt to pay for a mug: no card data here, ever (that travels beside the pay call, in memory). */
export const attemptInput = (
  request: OrderRequest & { readonly paymentMethodType: string; readonly captureMode: 'AUTOMATIC' | 'MANUAL' },
  card?: CardChoice,
): AttemptInput => ({
  amount: (request.product ?? PRODUCT).price,
  paymentMethodType: request.paymentMethodType,
  captureMode: request.captureMode,
  merchantReference: request.orderReference,
  requestDetails: {
    ...commonDetails(request),
    env: { terminalType: 'WEB' },
    paymentMethod: methodOf(request.paymentMethodType, card),
  } satisfies RequestDetails,
})
