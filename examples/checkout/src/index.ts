export { type CheckoutApp, type CheckoutAppOptions, createCheckoutApp } from './app.js'
export { type GatewayChoice, gatewayFromEnv, SANDBOX_VARIABLES } from './gateway-config.js'
export { type Listening, listen } from './listen.js'
export type { Order, OrderBook } from './orders.js'
export { PRODUCT, type Product } from './product.js'
export {
  type InProcessSimulator,
  inProcessSimulator,
  type LocalSimulator,
  startLocalSimulator,
} from './simulated-gateway.js'
export { type CheckoutStore, type CheckoutStoreOptions, openCheckoutStore } from './store.js'
