export { PaychartClosed } from './errors.js'
export type { DomainEventListener, PaychartOptions } from './options.js'
export { type CardDetails, createPaychart, type Paychart } from './paychart.js'
