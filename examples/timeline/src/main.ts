import { refundableMinor } from '@paychart/core/machine'
import { formatTimeline } from './format.js'
import { demoPayment, runTimeline } from './timeline.js'

const { rows, snapshot } = runTimeline()
console.log(`paychart demo: card payment with 3DS and manual capture (${demoPayment.paymentRequestId})\n`)
console.log(formatTimeline(rows))
console.log(
  `\nfinal state: ${String(snapshot.value)}; refundable: ${refundableMinor(snapshot.context)} of ${snapshot.context.amount.minor} ${snapshot.context.amount.currency} minor units`,
)
