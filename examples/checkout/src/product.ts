import type { AttemptInput, Money, RequestDetails } from '@paychart/core'

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

/** What both a pay and a session need: the order, the settlement, the buyer's way back and the webhook. */
const commonDetails = (paymentRequestId: string, orderReference: string, baseUrl: string, product: Product) => ({
  order: {
    referenceOrderId: orderReference,
    orderDescription: product.name,
    orderAmount: product.price,
  },
  settlementStrategy: { settlementCurrency: product.price.currency },
  paymentRedirectUrl: `${baseUrl}/checkout/${encodeURIComponent(paymentRequestId)}/return`,
  paymentNotifyUrl: `${baseUrl}/antom/notify/payment`,
})

export interface OrderRequest {
  readonly orderReference: string
  /** The attempt's own id, which the buyer's way back names. */
  readonly paymentRequestId: string
  readonly paymentMethodType: string
  readonly captureMode: 'AUTOMATIC' | 'MANUAL'
  /** Where the buyer comes back to and the gateway posts notifications: this app's public origin. */
  readonly baseUrl: string
  readonly product?: Product
}

/**
 * One attempt paid on the gateway's Checkout Page: the buyer picks the method there. The page refuses a card when the
 * session names no buyer; the shop has no accounts, so the order stands for its buyer.
 */
export const sessionAttemptInput = ({
  orderReference,
  paymentRequestId,
  baseUrl,
  product = PRODUCT,
}: Omit<OrderRequest, 'paymentMethodType' | 'captureMode'>): AttemptInput => {
  const common = commonDetails(paymentRequestId, orderReference, baseUrl, product)
  return {
    amount: product.price,
    flow: 'checkoutSession',
    merchantReference: orderReference,
    requestDetails: { ...common, order: { ...common.order, buyer: { referenceBuyerId: `guest-${orderReference}` } } },
  }
}

/** One attempt to pay for a mug: no card data here, ever (that travels beside the pay call, in memory). */
export const attemptInput = ({
  orderReference,
  paymentRequestId,
  paymentMethodType,
  captureMode,
  baseUrl,
  product = PRODUCT,
}: OrderRequest): AttemptInput => ({
  amount: product.price,
  paymentMethodType,
  captureMode,
  merchantReference: orderReference,
  requestDetails: {
    ...commonDetails(paymentRequestId, orderReference, baseUrl, product),
    env: { terminalType: 'WEB' },
    paymentMethod: { paymentMethodType },
  } satisfies RequestDetails,
})
