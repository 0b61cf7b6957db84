import { importPrivateKey, importPublicKey, signRequest } from '@paychart/antom'
import {
  collectDomainEvents,
  Engine,
  type ExecutableCommand,
  Gateway,
  makeMemoryStore,
  PaymentStore,
  StoreUnavailable,
} from '@paychart/core'
import type { PaymentEvent } from '@paychart/core/machine'
import { Effect, Layer, ManagedRuntime } from 'effect'
import type { EngineRunner } from './run.js'

export const CLIENT_ID = 'SANDBOX_HONO'
export const NOW = Date.UTC(2026, 10, 22, 12, 0, 0)
const ok = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' } as const

const base64 = (der: ArrayBuffer) => Buffer.from(der).toString('base64')

export const makeKeys = async () => {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )
  const signer = await Effect.runPromise(
    importPrivateKey(base64(await crypto.subtle.exportKey('pkcs8', pair.privateKey))),
  )
  const publicKeyText = base64(await crypto.subtle.exportKey('spki', pair.publicKey))
  const verifier = await Effect.runPromise(importPublicKey(publicKeyText))
  return { signer, verifier, publicKeyText }
}

/** A scripted gateway: pay answers U with a 3DS challenge; everything else succeeds. */
const answer = (command: ExecutableCommand, at: number): PaymentEvent => {
  switch (command.kind) {
    case 'pay':
      return {
        type: 'PAY_ANSWERED',
        at,
        result: { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' },
        paymentId: `P-${command.paymentRequestId}`,
        nextAction: { kind: 'threeDS', url: 'https://acs.example/3ds' },
      }
    case 'createPaymentSession':
      return {
        type: 'SESSION_ANSWERED',
        at,
        result: ok,
        paymentSessionId: 'S-1',
        paymentSessionData: 'SESSION-DATA-1',
        paymentSessionExpiresAt: at + 3_600_000,
      }
    case 'inquiryPayment':
      return {
        type: 'INQUIRY_ANSWERED',
        at,
        result: ok,
        paymentStatus: 'SUCCESS',
        paymentId: `P-${command.paymentRequestId}`,
      }
    case 'verifyAndCompletePayment':
      return { type: 'VERIFY_ANSWERED', at, verifyRequestId: command.verifyRequestId, result: ok }
    case 'capture':
      return { type: 'CAPTURE_ANSWERED', at, captureRequestId: command.captureRequestId, result: ok }
    case 'cancel':
      return { type: 'CANCEL_ANSWERED', at, result: ok }
    case 'refund':
      return { type: 'REFUND_ANSWERED', at, refundRequestId: command.refundRequestId, result: ok }
    case 'inquiryRefund':
      return {
        type: 'REFUND_INQUIRY_ANSWERED',
        at,
        refundRequestId: command.refundRequestId,
        result: ok,
        refundStatus: 'SUCCESS',
      }
  }
}

/** The scripted gateway as a layer, with the kinds of the commands it was given. */
export const scriptedGateway = () => {
  const calls: string[] = []
  const layer = Layer.succeed(Gateway, {
    execute: (command) =>
      Effect.sync(() => {
        calls.push(command.kind)
        return answer(command, Date.now())
      }),
  })
  return { calls, layer }
}

/** A real Engine over a memory store and the scripted gateway, in a ManagedRuntime; counts every engine run. */
export const makeEngine = (options: { readonly storeDown?: boolean; readonly commitDown?: () => boolean } = {}) => {
  const memory = makeMemoryStore()
  const { calls, layer: gateway } = scriptedGateway()
  const down = (operation: string) => Effect.fail(new StoreUnavailable({ operation, reason: 'disk full' }))
  const commitDown = options.commitDown
  const store = options.storeDown
    ? Layer.succeed(PaymentStore, {
        ...memory.store,
        load: () => down('load'),
        find: () => down('find'),
        hasNotification: () => down('hasNotification'),
        recordUnmatchedNotification: () => down('recordUnmatchedNotification'),
      })
    : commitDown !== undefined
      ? Layer.succeed(PaymentStore, {
          ...memory.store,
          commit: (commit) =>
            commitDown()
              ? Effect.fail(new StoreUnavailable({ operation: 'commit', reason: 'connection lost' }))
              : memory.store.commit(commit),
        })
      : memory.layer
  const layer = Engine.layer.pipe(Layer.provide(Layer.mergeAll(store, gateway, collectDomainEvents().layer)))
  const runtime = ManagedRuntime.make(layer)
  let runs = 0
  const run: EngineRunner = (effect) => {
    runs += 1
    return runtime.runPromiseExit(effect)
  }
  return { memory, runtime, run, gatewayCalls: calls, runs: () => runs }
}

/** Signs `body` as the gateway does for a notification posted to `path`. */
export const signedHeaders = async (
  signer: Awaited<ReturnType<typeof makeKeys>>['signer'],
  { path, body, time = NOW, clientId = CLIENT_ID }: { path: string; body: string; time?: number; clientId?: string },
): Promise<Record<string, string>> => ({
  ...(await Effect.runPromise(signRequest({ path, clientId, body, now: time, privateKey: signer }))),
})

export const paymentNotification = (paymentRequestId: string, overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    notifyType: 'PAYMENT_RESULT',
    result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' },
    paymentRequestId,
    paymentId: `P-${paymentRequestId}`,
    paymentAmount: { currency: 'USD', value: '1000' },
    paymentMethodType: 'CARD',
    ...overrides,
  })

const order = {
  referenceOrderId: 'ORDER-1',
  orderDescription: 'Cappuccino',
  orderAmount: { currency: 'USD', minor: 1000 },
  buyer: { referenceBuyerId: 'BUYER-1' },
}
/** What a pay needs beyond what the machine fills in. */
export const PAY_DETAILS = {
  order,
  env: { terminalType: 'WEB' },
  settlementStrategy: { settlementCurrency: 'USD' },
  paymentRedirectUrl: 'https://shop.example/return',
}
/** What a Checkout Page session needs. */
export const SESSION_DETAILS = { order, paymentRedirectUrl: 'https://shop.example/return' }
