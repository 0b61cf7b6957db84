export { createSimulatorApp, type SimulatorApp, type SimulatorAppOptions } from './app.js'
export { generateSimulatorKeys, type SimulatorKeys } from './keys.js'
export { type FetchApp, type SimulatorHandlersOptions, simulatorHandlers } from './msw.js'
export type { SimBindings } from './node-socket.js'
export {
  type DeliverOptions,
  deliverNotifications,
  type NotificationLoop,
  startNotificationLoop,
} from './notify.js'
export { CHECKOUT_WALLETS } from './pages.js'
export { type SimulatorServer, type SimulatorServerOptions, startSimulatorServer } from './server.js'
export { readWithheld, WITHHELD_HEADER, WITHHELD_STATUS, type Withheld } from './silence.js'
export { simulatorApiTransport, simulatorTransport } from './transport.js'
