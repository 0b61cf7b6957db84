import {
  type Endpoint,
  endpointPath,
  importPrivateKey,
  importPublicKey,
  type ResponseVerification,
  signRequest,
  Transport,
  verifyResponse,
} from '@paychart/antom'
import { Effect, type Layer, Result } from 'effect'
import type { SimulatorKeys } from './keys.js'
import { CLIENT_ID, fetchLayer } from './wire.fixtures.js'

/** What came back for a raw call, and what `verifyResponse` made of it (its error's tag when it refused it). */
export interface RawAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: { readonly result: Record<string, unknown>; readonly [field: string]: unknown }
  readonly verification: ResponseVerification | { readonly _tag: 'MissingSignature' | 'InvalidSignature' }
}

export interface RawCall {
  readonly baseUrl: string
  readonly keys: SimulatorKeys
  readonly endpoint: Endpoint
  /** The wire body, as JSON would carry it. */
  readonly body: object
}

/**
 * Signs `body` as the merchant, sends it through `transport` (default the fetch transport, one attempt) and
 * verifies the answer with the gateway public key, without decoding it: what a client would receive, byte for byte.
 */
export const rawCall = ({ baseUrl, keys, endpoint, body }: RawCall, transport: Layer.Layer<Transport> = fetchLayer()) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const path = endpointPath(CLIENT_ID, endpoint)
      const text = JSON.stringify(body)
      const privateKey = yield* importPrivateKey(keys.merchantPrivateKey)
      const publicKey = yield* importPublicKey(keys.gatewayPublicKey)
      const headers = yield* signRequest({ path, clientId: CLIENT_ID, body: text, now: Date.now(), privateKey })
      const response = yield* Transport.use((t) =>
        t.send({ method: 'POST', url: `${baseUrl}${path}`, headers: { ...headers }, body: text }),
      )
      const verified = yield* Effect.result(
        verifyResponse({ path, clientId: CLIENT_ID, headers: response.headers, body: response.body, publicKey }),
      )
      const answer: RawAnswer = {
        status: response.status,
        headers: response.headers,
        body: JSON.parse(response.body),
        verification: Result.isSuccess(verified) ? verified.success : { _tag: verified.failure._tag },
      }
      return answer
    }).pipe(Effect.provide(transport)),
  )

/** A card pay body as the wire carries it (MANUAL capture, USD 10.99). */
export const wirePay = (paymentRequestId: string, minor = 1099) => ({
  productCode: 'CASHIER_PAYMENT',
  paymentRequestId,
  paymentAmount: { currency: 'USD', value: String(minor) },
  order: { referenceOrderId: `ORDER-${paymentRequestId}`, orderDescription: 'Cappuccino' },
  env: { terminalType: 'WEB', clientIp: '203.0.113.7' },
  settlementStrategy: { settlementCurrency: 'USD' },
  paymentMethod: {
    paymentMethodType: 'CARD',
    paymentMethodMetaData: { cardNo: '4054695723100768', cvv: '123', expiryMonth: '12', expiryYear: '30' },
  },
  paymentFactor: { isAuthorization: true, captureMode: 'MANUAL' },
  paymentRedirectUrl: 'https://merchant.test/return',
  paymentNotifyUrl: 'https://merchant.test/antom/notify',
})
