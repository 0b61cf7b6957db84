import {
  createPaychart,
  Gateway,
  type InboundEvent,
  makeMemoryStore,
  type PaymentInput,
  type PaymentStatus,
} from '@paychart/core'
import type { GatewayCommand, PaymentEvent } from '@paychart/core/machine'
import { Effect, Layer } from 'effect'
import { describe, expect, it } from 'vitest'
import * as built from '../schemas/constructed-samples.fixtures.js'
import { decodeNotification, decodeResponse } from '../schemas/decode.js'
import { ENDPOINT_SCHEMAS, type Endpoint, type Notification } from '../schemas/index.js'
import * as spec from '../schemas/spec-samples.fixtures.js'
import { answerEvent } from './answer-events.js'
import { FIELD_DESTINATIONS, type FieldDestination, type MessageKind } from './field-destinations.data.js'
import { notificationEvent } from './notification-event.js'

interface Sample {
  readonly name: string
  readonly kind: MessageKind
  readonly raw: string
}

// Every answer and notification sample: the spec's own, and the ones built from the spec's README for the endpoints
// its documents show no answer of.
const SAMPLES: ReadonlyArray<Sample> = [
  { name: 'pay, card (spec)', kind: 'pay', raw: spec.payCardResponse },
  { name: 'notifyPayment, card (spec)', kind: 'PAYMENT_RESULT', raw: spec.notifyPaymentCard },
  { name: 'createPaymentSession (spec)', kind: 'createPaymentSession', raw: spec.createPaymentSessionResponse },
  { name: 'notifyPayment, wallet (spec)', kind: 'PAYMENT_RESULT', raw: spec.notifyPaymentWallet },
  { name: 'inquiryPayment (spec)', kind: 'inquiryPayment', raw: spec.inquiryPaymentResponse },
  { name: 'notifyPayment, 3DS card (spec)', kind: 'PAYMENT_RESULT', raw: spec.notifyPayment3ds },
  { name: 'notifyPayment, card token (spec)', kind: 'PAYMENT_RESULT', raw: spec.notifyPaymentCardToken },
  { name: 'pay, in process with pages', kind: 'pay', raw: built.payInProcessResponse },
  { name: 'verifyAndCompletePayment', kind: 'verifyAndCompletePayment', raw: built.verifyResponse },
  { name: 'capture', kind: 'capture', raw: built.captureResponse },
  { name: 'cancel', kind: 'cancel', raw: built.cancelResponse },
  { name: 'refund', kind: 'refund', raw: built.refundResponse },
  { name: 'inquiryRefund', kind: 'inquiryRefund', raw: built.inquiryRefundResponse },
  { name: 'notifyCapture', kind: 'CAPTURE_RESULT', raw: built.notifyCapture },
  { name: 'notifyRefund', kind: 'REFUND_RESULT', raw: built.notifyRefund },
  { name: 'notifyPayment, pending', kind: 'PAYMENT_PENDING', raw: built.notifyPaymentPending },
]

type Json = { readonly [key: string]: unknown }
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const isAmount = (value: unknown) =>
  isObject(value) && Object.keys(value).sort().join() === 'currency,value' && typeof value.value === 'string'

/** Every field of a wire body: dotted paths, `[]` for the elements of an array, an amount as one field. */
const fieldsOf = (value: unknown, at = ''): ReadonlyArray<string> => {
  if (Array.isArray(value)) return value.flatMap((item) => fieldsOf(item, `${at}[]`))
  if (isObject(value) && !isAmount(value)) {
    return Object.entries(value).flatMap(([key, item]) => fieldsOf(item, at === '' ? key : `${at}.${key}`))
  }
  return [at]
}

/** The value at a path; for `transactions[]`, in the CAPTURE transaction (the one an inquiry reads). */
const valueAt = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => {
    if (key.endsWith('[]')) {
      const items = isObject(at) ? at[key.slice(0, -2)] : undefined
      return Array.isArray(items)
        ? items.find((item) => isObject(item) && item.transactionType === 'CAPTURE')
        : undefined
    }
    return isObject(at) ? at[key] : undefined
  }, value)

const AT = Date.parse('2026-03-01T12:00:00Z')

const ENDPOINT_OF: Partial<Record<MessageKind, Endpoint>> = {
  pay: 'pay',
  createPaymentSession: 'createPaymentSession',
  verifyAndCompletePayment: 'verifyAndCompletePayment',
  inquiryPayment: 'inquiryPayment',
  capture: 'capture',
  cancel: 'cancel',
  refund: 'refund',
  inquiryRefund: 'inquiryRefund',
}

/** The command an answer sample answers, named as the sample names it. */
const commandFor = (kind: MessageKind, answer: Json): GatewayCommand => {
  const paymentRequestId = String(answer.paymentRequestId ?? 'PAY-SAMPLE')
  const amount = { currency: 'EUR', minor: 30_000 }
  switch (kind) {
    case 'pay':
      return {
        kind: 'pay',
        paymentRequestId,
        amount,
        paymentMethodType: answer.normalUrl === undefined ? 'CARD' : 'ALIPAY_CN',
        captureMode: 'MANUAL',
        attempt: 1,
      } as GatewayCommand
    case 'verifyAndCompletePayment':
      return {
        kind,
        paymentRequestId,
        verifyRequestId: String(answer.verifyRequestId),
        paymentId: 'P',
      } as GatewayCommand
    case 'capture':
      return { kind, paymentRequestId, captureRequestId: String(answer.captureRequestId), amount } as GatewayCommand
    case 'refund':
    case 'inquiryRefund':
      return { kind, paymentRequestId, refundRequestId: String(answer.refundRequestId), amount } as GatewayCommand
    default:
      return { kind, paymentRequestId, amount, captureMode: 'AUTOMATIC' } as GatewayCommand
  }
}

const decoded = (sample: Sample): Effect.Effect<Json> => {
  const endpoint = ENDPOINT_OF[sample.kind]
  const decode =
    endpoint === undefined
      ? decodeNotification(sample.raw)
      : decodeResponse(ENDPOINT_SCHEMAS[endpoint].response, sample.raw, sample.name)
  return decode as Effect.Effect<Json, unknown> as Effect.Effect<Json>
}

/** The machine event the sample becomes, through the same mapping the gateway adapter and the webhook use. */
const eventOf = (sample: Sample, body: Json): PaymentEvent | InboundEvent =>
  ENDPOINT_OF[sample.kind] === undefined
    ? notificationEvent(body as unknown as Notification, AT).event
    : answerEvent(commandFor(sample.kind, body), body as never, AT)

/** Whether the wire's value is what the event holds: an amount as Money, a time as epoch ms, a flag as a boolean. */
const sameValue = (wire: unknown, kept: unknown): boolean => {
  if (typeof kept === 'number' && typeof wire === 'string') return Date.parse(wire) === kept
  if (typeof kept === 'boolean') return String(wire) === String(kept)
  return JSON.stringify(wire) === JSON.stringify(kept)
}

const kept = (destination: FieldDestination): destination is Extract<FieldDestination, { event: string }> =>
  'event' in destination

describe('where every field the gateway sends ends up', () => {
  it.each(SAMPLES)('$name: every field has a destination (kept, read or dropped with a reason)', (sample) => {
    const destinations = FIELD_DESTINATIONS[sample.kind]
    const unlisted = fieldsOf(JSON.parse(sample.raw)).filter((field) => destinations[field] === undefined)
    expect(unlisted, `fields of ${sample.name} with no destination`).toEqual([])
    for (const [field, destination] of Object.entries(destinations)) {
      if ('dropped' in destination) expect(destination.dropped.length, field).toBeGreaterThan(10)
    }
  })

  it.each(SAMPLES)('$name: every kept field is in the machine event, as sent', async (sample) => {
    const body = await Effect.runPromise(decoded(sample))
    const event = eventOf(sample, body)
    for (const field of fieldsOf(JSON.parse(sample.raw))) {
      const destination = FIELD_DESTINATIONS[sample.kind][field]
      if (destination === undefined || !kept(destination)) continue
      const wire = valueAt(body, field)
      const there = valueAt(event, destination.event)
      expect(sameValue(wire, there), `${field} → event ${destination.event}: ${String(there)}`).toBe(true)
    }
  })
})

/** An engine over the memory store whose gateway answers a pay or a session with one sample, through `answerEvent`. */
const engineAnswering = (answer: (command: GatewayCommand) => PaymentEvent) =>
  createPaychart({
    gateway: Layer.succeed(Gateway, { execute: (command) => Effect.sync(() => answer(command)) }),
    store: makeMemoryStore().layer,
    relay: false,
  })

const inputFor = (body: Json, flow: 'pay' | 'checkoutSession', paymentMethodType: string): PaymentInput => ({
  paymentRequestId: String(body.paymentRequestId ?? 'PAY-SAMPLE'),
  amount: (body.paymentAmount as PaymentInput['amount'] | undefined) ?? { currency: 'EUR', minor: 30_000 },
  ...(flow === 'pay'
    ? { paymentMethodType, captureMode: paymentMethodType === 'CARD' ? 'MANUAL' : 'AUTOMATIC' }
    : { flow, requestDetails: { order: { buyer: { referenceBuyerId: 'BUYER-1' } } } }),
})

const CARD_DATA = { cardNo: '4054695723100768', cvv: '123', expiryMonth: '12', expiryYear: '30' }

/** The payment's status after the sample reached the engine as the gateway's answer or its notification. */
const statusAfter = async (sample: Sample, body: Json): Promise<PaymentStatus> => {
  if (sample.kind === 'pay' || sample.kind === 'createPaymentSession') {
    const flow = sample.kind === 'pay' ? 'pay' : 'checkoutSession'
    const method = body.normalUrl === undefined ? 'CARD' : 'ALIPAY_CN'
    const paychart = engineAnswering((command) => answerEvent(command, body as never, AT))
    try {
      return await paychart.createPayment(inputFor(body, flow, method), method === 'CARD' ? { card: CARD_DATA } : {})
    } finally {
      await paychart.close()
    }
  }
  // A notification: the card payment waits in a 3DS challenge when the gateway tells how it ended.
  const challenge = `{"result":{"resultStatus":"U","resultCode":"PAYMENT_IN_PROCESS"},"normalUrl":"https://acs.example/c"}`
  const paychart = engineAnswering((command) => answerEvent(command, JSON.parse(challenge), AT))
  try {
    await paychart.createPayment(inputFor(body, 'pay', 'CARD'), { card: CARD_DATA })
    const { event, notificationKey } = notificationEvent(body as unknown as Notification, AT)
    expect(await paychart.handleNotification(event, { notificationKey })).toBe('applied')
    return await paychart.status(String(body.paymentRequestId))
  } finally {
    await paychart.close()
  }
}

const withStatus = SAMPLES.filter((sample) =>
  ['pay', 'createPaymentSession', 'PAYMENT_RESULT'].includes(sample.kind),
).filter((sample) =>
  fieldsOf(JSON.parse(sample.raw)).some((field) => {
    const destination = FIELD_DESTINATIONS[sample.kind][field]
    return destination !== undefined && kept(destination) && destination.status !== undefined
  }),
)

describe('where the kept fields reach the payment', () => {
  it.each(withStatus)('$name: through the engine, to the status', async (sample) => {
    const body = await Effect.runPromise(decoded(sample))
    const status = await statusAfter(sample, body)
    for (const field of fieldsOf(JSON.parse(sample.raw))) {
      const destination = FIELD_DESTINATIONS[sample.kind][field]
      if (destination === undefined || !kept(destination) || destination.status === undefined) continue
      const there = valueAt(status, destination.status)
      expect(sameValue(valueAt(body, field), there), `${field} → status ${destination.status}: ${String(there)}`).toBe(
        true,
      )
    }
    // Nothing of the card beyond what the destinations keep: not the masked number, the name, the expiry, a cryptogram.
    const shown = JSON.stringify(status)
    expect(shown).not.toMatch(/"(cardNo|cardholderName|expiryMonth|expiryYear|cavv|caav|xid)"|4054695723100768/)
    const masked = valueAt(body, 'paymentResultInfo.cardNo')
    if (typeof masked === 'string') expect(shown).not.toContain(masked)
  })
})
