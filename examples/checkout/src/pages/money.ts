import type { Money } from '@paychart/core'
import { formatMajor } from '@paychart/core/money'

/** `24.00 USD` */
export const moneyText = (money: Money): string => `${formatMajor(money)} ${money.currency}`
