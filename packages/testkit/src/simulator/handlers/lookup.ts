import { readOptionalId, reject } from '../read.js'
import { paramIllegal } from '../results.js'
import type { Ctx, PaymentRecord } from '../state.js'
import { paymentById } from '../state.js'
import type { JsonObject } from '../types.js'

/** The ids a request names its payment by: paymentRequestId, paymentId, or both (then they must agree). */
export const readPaymentRef = (body: JsonObject) => {
  const paymentRequestId = readOptionalId(body, 'paymentRequestId')
  const paymentId = readOptionalId(body, 'paymentId')
  if (paymentRequestId === undefined && paymentId === undefined)
    return reject(paramIllegal('paymentRequestId or paymentId is required'))
  return { paymentRequestId, paymentId }
}

export const findPayment = (
  ctx: Ctx,
  ref: { readonly paymentRequestId: string | undefined; readonly paymentId: string | undefined },
): PaymentRecord | undefined => {
  const byRequest = ref.paymentRequestId === undefined ? undefined : ctx.state.payments.get(ref.paymentRequestId)
  const byId = ref.paymentId === undefined ? undefined : paymentById(ctx.state, ref.paymentId)
  if (ref.paymentRequestId !== undefined && ref.paymentId !== undefined)
    return byRequest === byId ? byRequest : undefined
  return byRequest ?? byId
}
