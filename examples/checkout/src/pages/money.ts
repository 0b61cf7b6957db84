import { formatMajor, type Money } from '@paychart/core'

/** `24.00 USD` */
export const moneyText = (money: Money): string => `${formatMajor(money)} ${money.currency}`
