import type { ExecutableCommand, PaymentSecrets } from '@paychart/core'
import { type GatewayCommand, type PaymentEvent, savedPaymentMethodId } from '@paychart/core/machine'
import * as Effect from 'effect/Effect'
import type { Endpoint, ResponseOf } from '../schemas/index.js'
import { RequestNotSent } from '../transport.js'
import { answerEvent, failureEvent } from './answer-events.js'
import { type AntomAnswers, type AntomClient, clientOver, type EndpointError } from './client.js'
import { paymentIdFor } from './payment-id-lookup.js'
import {
  cancelRequest,
  captureRequest,
  inquiryRefundRequest,
  inquiryRequest,
  payRequest,
  refundRequest,
  sessionRequest,
  verifyRequest,
} from './requests.js'

type Call = Effect.Effect<ResponseOf<Endpoint>, EndpointError<Endpoint>>

/**
 * The secret a call cannot go without is gone (a crash lost it): the call is not made. Reported as a call the
 * gateway never saw; the machine reconciles by inquiry.
 */
const secretsMissing = (command: GatewayCommand, what: string): Call =>
  Effect.fail(new RequestNotSent({ url: command.kind, reason: `${what} not at hand` }))

const needsCardData = (command: Extract<GatewayCommand, { kind: 'pay' }>, secrets: PaymentSecrets | undefined) =>
  command.paymentMethodType === 'CARD' &&
  secrets?.cardMetaData === undefined &&
  savedPaymentMethodId(command.requestDetails) === undefined

/**
 * The gateway call that carries out `command`: its request built, then sent. A pay or a verification takes the
 * gateway's answer whatever its result (`answers`): a declined card's answer tells what the issuer checked.
 */
export const callFor = (
  answers: AntomAnswers,
  client: AntomClient,
  command: GatewayCommand,
  secrets: PaymentSecrets | undefined,
): Call => {
  switch (command.kind) {
    case 'pay':
      if (needsCardData(command, secrets)) return secretsMissing(command, 'card data')
      return Effect.flatMap(payRequest(command, secrets), answers.pay)
    case 'createPaymentSession':
      return Effect.flatMap(sessionRequest(command), client.createPaymentSession)
    case 'verifyAndCompletePayment': {
      const otp = secrets?.otp
      if (otp === undefined) return secretsMissing(command, 'the OTP')
      return Effect.flatMap(verifyRequest(command, otp), answers.verifyAndCompletePayment)
    }
    case 'inquiryPayment':
      return Effect.flatMap(inquiryRequest(command), client.inquiryPayment)
    case 'capture':
      return paymentIdFor(client, command).pipe(
        Effect.flatMap((id) => captureRequest(command, id)),
        Effect.flatMap(client.capture),
      )
    case 'cancel':
      return Effect.flatMap(cancelRequest(command), client.cancel)
    case 'refund':
      return paymentIdFor(client, command).pipe(
        Effect.flatMap((id) => refundRequest(command, id)),
        Effect.flatMap(client.refund),
      )
    case 'inquiryRefund':
      return Effect.flatMap(inquiryRefundRequest(command), client.inquiryRefund)
  }
}

/**
 * Runs `command` and reports its outcome as the machine event, stamped by `now` when the outcome is known. Never
 * fails: a result code is an answer, no answer is GATEWAY_UNANSWERED, and even a defect (a bug on the way) is
 * reported as an outcome to reconcile rather than crashing the caller.
 */
export const executeWith = (answers: AntomAnswers, now: Effect.Effect<number>) => {
  const client = clientOver(answers)
  return (command: ExecutableCommand, secrets: PaymentSecrets | undefined): Effect.Effect<PaymentEvent> =>
    callFor(answers, client, command, secrets).pipe(
      Effect.matchEffect({
        onSuccess: (answer) => Effect.map(now, (at) => answerEvent(command, answer, at)),
        onFailure: (error) => Effect.map(now, (at) => failureEvent(command, error, at)),
      }),
      Effect.catchDefect(() => Effect.map(now, (at) => defectEvent(command, at))),
      Effect.tap((event) => Effect.annotateCurrentSpan(answerAttributes(event))),
      Effect.withSpan(`antom.gateway.${command.kind}`),
    )
}

/** What a span may say of an answer: its type and its result (status and code), nothing the buyer gave. */
const answerAttributes = (event: PaymentEvent): Record<string, string> => {
  const result = 'result' in event ? event.result : undefined
  return {
    'paychart.answer': event.type,
    ...(result === undefined
      ? {}
      : { 'antom.result_status': result.resultStatus, 'antom.result_code': result.resultCode }),
  }
}

/** A defect: whether the call reached the gateway is unknown, so the outcome is left to reconciliation. */
const defectEvent = (command: GatewayCommand, at: number): PaymentEvent => {
  const unanswered = failureEvent(
    command,
    new RequestNotSent({ url: command.kind, reason: 'a defect interrupted the call' }),
    at,
  )
  return unanswered.type === 'GATEWAY_UNANSWERED' ? { ...unanswered, reason: 'timeout' } : unanswered
}
