import { manualClock } from './clock.js'
import { createSimulator, type Simulator } from './simulator.js'
import type { ResponseBody } from './types.js'

export const T0 = Date.UTC(2026, 0, 1)

export const SUCCESS_VISA = '4054695723100768'
export const SUCCESS_MASTERCARD = '5162774114974622'
export const DECLINE_VISA = '4054692760174822'
export const DECLINE_MASTERCARD = '5162770472561357'
export const THREE_DS_VISA = '4000000000003220'
export const OTP_VISA = '4000000000000705'

/** A simulator over a manual clock starting at T0, with its default deterministic ids. */
export const setup = (options: Parameters<typeof createSimulator>[0] = {}) => {
  const clock = manualClock(T0)
  const sim: Simulator = createSimulator({ now: clock.now, baseUrl: 'https://sim.test', ...options })
  return { sim, clock }
}

export interface PayInput {
  readonly paymentRequestId?: string
  readonly value?: string
  readonly currency?: string
  readonly method?: string
  readonly cardNo?: string
  readonly captureMode?: 'AUTOMATIC' | 'MANUAL'
  readonly is3DS?: boolean
  readonly paymentExpiryTime?: string
}

/** A complete pay request, as the spec's sample, for a card unless `method` says otherwise. */
export const payBody = (input: PayInput = {}): Record<string, unknown> => {
  const method = input.method ?? 'CARD'
  return {
    env: { terminalType: 'WEB', clientIp: '203.0.113.7' },
    order: { referenceOrderId: 'ORDER-1', orderDescription: 'Cappuccino' },
    paymentRequestId: input.paymentRequestId ?? 'PAY-1',
    paymentAmount: { currency: input.currency ?? 'USD', value: input.value ?? '1099' },
    settlementStrategy: { settlementCurrency: 'USD' },
    paymentMethod: {
      paymentMethodType: method,
      ...(method === 'CARD'
        ? {
            paymentMethodMetaData: {
              cardNo: input.cardNo ?? SUCCESS_VISA,
              cvv: '850',
              expiryMonth: '12',
              expiryYear: '29',
              ...(input.is3DS === undefined ? {} : { is3DSAuthentication: input.is3DS }),
            },
          }
        : {}),
    },
    ...(input.captureMode === undefined ? {} : { paymentFactor: { captureMode: input.captureMode } }),
    ...(input.paymentExpiryTime === undefined ? {} : { paymentExpiryTime: input.paymentExpiryTime }),
    paymentNotifyUrl: 'https://merchant.test/notify',
    paymentRedirectUrl: 'https://merchant.test/return',
    productCode: 'CASHIER_PAYMENT',
  }
}

export const sessionBody = (input: { paymentRequestId?: string; value?: string; captureMode?: 'MANUAL' } = {}) => ({
  order: { referenceOrderId: 'ORDER-2', buyer: { referenceBuyerId: 'buyer-1' } },
  paymentRequestId: input.paymentRequestId ?? 'SES-1',
  paymentAmount: { currency: 'SGD', value: input.value ?? '6000' },
  ...(input.captureMode === undefined ? {} : { paymentFactor: { captureMode: input.captureMode } }),
  paymentNotifyUrl: 'https://merchant.test/notify',
  paymentRedirectUrl: 'https://merchant.test/return',
  productCode: 'CASHIER_PAYMENT',
  productScene: 'CHECKOUT_PAYMENT',
})

export const codeOf = (body: ResponseBody): string => `${body.result.resultStatus} ${body.result.resultCode}`

export const str = (body: ResponseBody, field: string): string => {
  const value = body[field]
  if (typeof value !== 'string') throw new Error(`expected ${field} to be a string, got ${JSON.stringify(value)}`)
  return value
}

export const ACK = { result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' } }

/** Delivers every due notification and acknowledges it correctly; returns the notify types delivered. */
export const drainNotifications = (sim: Simulator): Array<string> =>
  sim.dueNotifications().map((delivery) => {
    sim.acknowledge(delivery.notificationId, ACK)
    return delivery.notifyType
  })
