/**
 * Object names under a store prefix. The prefix's length leads, so that no prefix and payment id can spell another
 * pair's name.
 */
export const paymentObjectName = (prefix: string, paymentRequestId: string): string =>
  `payment:${prefix.length}:${prefix}${paymentRequestId}`

export const indexObjectName = (prefix: string): string => `index:${prefix}`
