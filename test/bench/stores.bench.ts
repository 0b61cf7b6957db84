import { writeFigures } from '@paychart/bench-kit'
import { cardPaymentFigures } from './card-payment-stores.bench.js'
import { webhookFigures } from './webhook-stores.bench.js'

// What a merchant compares paychart with on their own database: the webhook, and a whole card payment.
writeFigures(new URL('../', import.meta.url), [...(await webhookFigures()), ...(await cardPaymentFigures())])
