import { writeFigures } from '@paychart/bench-kit'
import { cardPaymentFigures } from './card-payment-stores.bench.js'
import { telemetryFigures } from './telemetry.bench.js'
import { webhookFigures } from './webhook-stores.bench.js'

// What a merchant compares paychart with on their own database: the webhook, and a whole card payment; and what
// OpenTelemetry costs the webhook.
writeFigures(new URL('../', import.meta.url), [
  ...(await webhookFigures()),
  ...(await cardPaymentFigures()),
  ...(await telemetryFigures()),
])
