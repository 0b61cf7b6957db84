import type { GatewayCommand } from '@paychart/core/machine'
import * as Effect from 'effect/Effect'
import { RequestNotSent } from '../transport.js'
import type { AntomClient, EndpointError } from './client.js'
import { inquiryRequest } from './requests.js'

type NeedsPaymentId = Extract<GatewayCommand, { kind: 'capture' | 'refund' }>

/**
 * The paymentId a capture or refund must name. Known from the command, or asked of the gateway by paymentRequestId
 * first. The gateway's own answer (ORDER_NOT_EXIST, ...) stays what it is; no answer, or one without a paymentId,
 * means the capture or refund was never sent (`RequestNotSent`: the machine tries again).
 */
export const paymentIdFor = (
  client: AntomClient,
  command: NeedsPaymentId,
): Effect.Effect<string, EndpointError<'inquiryPayment'>> => {
  if (command.paymentId !== undefined) return Effect.succeed(command.paymentId)
  const notSent = (why: string) =>
    new RequestNotSent({ url: 'inquiryPayment', reason: `${command.kind} not sent: the paymentId lookup ${why}` })
  return inquiryRequest({ kind: 'inquiryPayment', paymentRequestId: command.paymentRequestId }).pipe(
    Effect.flatMap(client.inquiryPayment),
    Effect.mapError((error) =>
      'code' in error || error._tag === 'WireEncodeError' ? error : notSent(`failed (${error._tag})`),
    ),
    Effect.flatMap((answer) =>
      answer.paymentId === undefined ? Effect.fail(notSent('found no paymentId')) : Effect.succeed(answer.paymentId),
    ),
  )
}
