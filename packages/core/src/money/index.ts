export { CURRENCY_EXPONENTS } from './currencies.data.js'
export * from './errors.js'
export * from './money.js'
