import { Effect, Layer, Logger, Redacted, References } from 'effect'
import { TestClock } from 'effect/testing'
import type { PaymentInput } from '../machine/context.js'
import type { PaymentEvent } from '../machine/events.js'
import type { Money } from '../money/index.js'
import type { GatewayResult } from '../result-codes/index.js'
import { makeMemoryStore } from '../store/memory-store.js'
import { PaymentStore, type PaymentStoreShape } from '../store/payment-store.js'
import { collectDomainEvents } from './domain-events.js'
import { Engine, type EngineOptions } from './engine.js'
import { type ExecutableCommand, Gateway, type PaymentSecrets } from './gateway.js'

export const T0 = Date.UTC(2026, 10, 22, 12, 0, 0)
export const usd = (minor: number): Money => ({ currency: 'USD', minor })
export const ok: GatewayResult = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' }
export const inProcess: GatewayResult = { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' }
export const failed = (resultCode: string): GatewayResult => ({ resultStatus: 'F', resultCode })

export const CARD_NUMBER = '4111111111111111'
export const CVV = '737'
/** A card payment for 10.00 USD, captured apart. */
export const manualCardInput = (paymentRequestId: string) => ({
  paymentRequestId,
  amount: usd(1000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL' as const,
})

/** A wallet payment for 10.00 USD, captured with its payment. */
export const walletInput = (paymentRequestId: string): PaymentInput => ({
  paymentRequestId,
  amount: usd(1_000),
  paymentMethodType: 'ALIPAY_CN',
  captureMode: 'AUTOMATIC',
})

/** A gateway's answers that leave every wallet pay waiting for its buyer, redirected, under `paymentId`. */
export const redirectedPay = (paymentId: string) => ({
  pay: () =>
    ({
      type: 'PAY_ANSWERED',
      result: { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' },
      paymentId,
      nextAction: { kind: 'redirect', url: 'https://wallet.example' },
    }) as const,
})

/** The card fields a merchant passes to `createPaychart`'s `createPayment` (memory only). */
export const CARD_DETAILS = { cardNo: CARD_NUMBER, cvv: CVV, expiryMonth: '12', expiryYear: '30' }
export const cardSecrets = (): PaymentSecrets => ({
  cardMetaData: Redacted.make({ cardNo: CARD_NUMBER, cvv: CVV, expiryMonth: '12', expiryYear: '30' }),
})

type Kind = ExecutableCommand['kind']
type Answer = (command: ExecutableCommand, secrets: PaymentSecrets | undefined) => Omit<PaymentEvent, 'at'>

export interface GatewayCall {
  readonly kind: Kind
  readonly idempotencyKey: string
  readonly commandId: string
  readonly hadSecrets: boolean
  /** The command as the engine asked it. */
  readonly command: ExecutableCommand
}

const paymentIdOf = (command: ExecutableCommand) =>
  'paymentRequestId' in command ? `P-${command.paymentRequestId}` : 'P-?'

/** Answers for a card with 3DS and manual capture; every other operation succeeds. */
export const defaultAnswers: { readonly [K in Kind]: Answer } = {
  pay: (command) => ({
    type: 'PAY_ANSWERED',
    result: inProcess,
    paymentId: paymentIdOf(command),
    nextAction: { kind: 'threeDS', url: 'https://acs.example/3ds' },
  }),
  createPaymentSession: () => ({ type: 'SESSION_ANSWERED', result: ok, paymentSessionId: 'S-1' }),
  verifyAndCompletePayment: (command, secrets) => {
    const verifyRequestId = command.kind === 'verifyAndCompletePayment' ? command.verifyRequestId : ''
    const right = secrets?.otp !== undefined && Redacted.value(secrets.otp) === '123456'
    return { type: 'VERIFY_ANSWERED', verifyRequestId, result: right ? ok : failed('VERIFY_UNMATCHED') }
  },
  inquiryPayment: (command) => ({
    type: 'INQUIRY_ANSWERED',
    result: ok,
    paymentStatus: 'SUCCESS',
    paymentId: paymentIdOf(command),
  }),
  capture: (command) => ({
    type: 'CAPTURE_ANSWERED',
    captureRequestId: command.kind === 'capture' ? command.captureRequestId : '',
    result: ok,
    ...(command.kind === 'capture' ? { amount: command.amount } : {}),
  }),
  cancel: () => ({ type: 'CANCEL_ANSWERED', result: ok }),
  refund: (command) => ({
    type: 'REFUND_ANSWERED',
    refundRequestId: command.kind === 'refund' ? command.refundRequestId : '',
    result: ok,
    ...(command.kind === 'refund' ? { amount: command.amount } : {}),
  }),
  inquiryRefund: (command) => ({
    type: 'REFUND_INQUIRY_ANSWERED',
    refundRequestId: command.kind === 'inquiryRefund' ? command.refundRequestId : '',
    result: ok,
    refundStatus: 'SUCCESS',
  }),
}

export interface FakeGatewayOptions {
  readonly answers?: Partial<Record<Kind, Answer>>
  /** The first call of this kind dies before reaching the gateway: a process crash after the commit. */
  readonly crashOnFirst?: Kind
  /** How many calls of `crashOnFirst`'s kind die so, from the first (default 1). */
  readonly crashes?: number
  /** The first call of this kind takes this long to answer, in milliseconds of the test clock. */
  readonly slowFirst?: { readonly kind: Kind; readonly ms: number }
}

/** A scripted gateway: answers per command kind, records every call (with its idempotency key) that it received. */
export const fakeGateway = (options: FakeGatewayOptions = {}) => {
  const calls: GatewayCall[] = []
  /** The most calls of one command the gateway was ever answering at once. */
  const inFlight = new Map<string, number>()
  let mostAtOnce = 0
  let crashed = 0
  const execute = (command: ExecutableCommand, secrets: PaymentSecrets | undefined) =>
    Effect.gen(function* () {
      if (options.crashOnFirst === command.kind && crashed < (options.crashes ?? 1)) {
        crashed += 1
        return yield* Effect.die(new Error('process crashed'))
      }
      calls.push({
        kind: command.kind,
        idempotencyKey: command.idempotencyKey,
        commandId: command.commandId,
        hadSecrets: secrets !== undefined,
        command,
      })
      const open = (inFlight.get(command.commandId) ?? 0) + 1
      inFlight.set(command.commandId, open)
      mostAtOnce = Math.max(mostAtOnce, open)
      yield* Effect.addFinalizer(() =>
        Effect.sync(() => inFlight.set(command.commandId, (inFlight.get(command.commandId) ?? 1) - 1)),
      )
      // Lets other fibers run between the call and its answer, as a network would.
      for (let i = 0; i < 3; i++) yield* Effect.yieldNow
      const { slowFirst } = options
      if (slowFirst?.kind === command.kind && calls.filter((c) => c.kind === command.kind).length === 1)
        yield* Effect.sleep(slowFirst.ms)
      const answer = (options.answers?.[command.kind] ?? defaultAnswers[command.kind])(command, secrets)
      return { ...answer, at: yield* Effect.clockWith((clock) => clock.currentTimeMillis) } as PaymentEvent
    })
  return {
    calls,
    layer: Layer.succeed(Gateway, { execute: (command, secrets) => Effect.scoped(execute(command, secrets)) }),
    kinds: () => calls.map((c) => c.kind),
    mostAtOnce: () => mostAtOnce,
  }
}

/** An Engine over `store` (instances over one store's tables: see `makeMemoryStore`'s `shareTablesWith`). */
export const engineOver = (
  store: PaymentStoreShape,
  gateway: FakeGatewayOptions = {},
  engineOptions: EngineOptions = {},
): Layer.Layer<Engine> =>
  Engine.layerWith(engineOptions).pipe(
    Layer.provide(
      Layer.mergeAll(Layer.succeed(PaymentStore, store), fakeGateway(gateway).layer, collectDomainEvents().layer),
    ),
  )

/** A memory store, a fake gateway, a domain-event collector and a log catcher around an Engine, on a TestClock. */
export const harness = (
  options: FakeGatewayOptions & {
    readonly engine?: EngineOptions
    /** The store the engine sees, made of the memory store (which the harness still reads raw). */
    readonly store?: (memory: PaymentStoreShape) => PaymentStoreShape
  } = {},
) => {
  const memory = makeMemoryStore()
  const gateway = fakeGateway(options)
  const events = collectDomainEvents()
  const logs: string[] = []
  const logger = Logger.map(Logger.formatJson, (line) => void logs.push(line))
  const engineLayer = options.engine === undefined ? Engine.layer : Engine.layerWith(options.engine)
  const store = options.store === undefined ? memory.layer : Layer.succeed(PaymentStore, options.store(memory.store))
  const layer = engineLayer.pipe(Layer.provide(Layer.mergeAll(store, gateway.layer, events.layer)))
  const run = <A, E>(effect: Effect.Effect<A, E, Engine>): Promise<A> =>
    Effect.runPromise(
      Effect.gen(function* () {
        yield* TestClock.setTime(T0)
        return yield* effect
      }).pipe(
        Effect.provide(layer),
        Effect.provide(TestClock.layer()),
        Effect.provide(Logger.layer([logger])),
        Effect.provideService(References.MinimumLogLevel, 'All'),
      ),
    )
  const publishedTypes = (paymentRequestId?: string) =>
    events.published
      .filter((p) => paymentRequestId === undefined || p.paymentRequestId === paymentRequestId)
      .map((p) => p.event.type)
  return { memory, gateway, events, logs, run, publishedTypes }
}
