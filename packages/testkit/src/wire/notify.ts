import { importPrivateKey, type Signer, type SigningBackend, signRequest } from '@paychart/antom'
import * as Effect from 'effect/Effect'
import type { Delivery, Simulator } from '../simulator/index.js'
import { defaultBackend, type SimulatorKeys } from './keys.js'

export interface DeliverOptions {
  readonly simulator: Simulator
  readonly keys: SimulatorKeys
  /** The merchant's client id, in the `client-id` header and the signed content. */
  readonly clientId: string
  /** Default the global fetch. */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>
  /** The delivery clock (the `request-time` and which deliveries are due); default the simulator's clock. */
  readonly now?: () => number
  /** Per delivery; an answer later than this counts as none. Default 10 000. */
  readonly timeoutMs?: number
  readonly backend?: SigningBackend
}

const signers = new WeakMap<SimulatorKeys, Map<SigningBackend, Promise<Signer>>>()

/** The gateway's signer for `keys`, imported once per keys object and backend. */
const gatewaySigner = (keys: SimulatorKeys, backend: SigningBackend): Promise<Signer> => {
  const byBackend = signers.get(keys) ?? new Map<SigningBackend, Promise<Signer>>()
  signers.set(keys, byBackend)
  const known = byBackend.get(backend)
  if (known !== undefined) return known
  const imported = Effect.runPromise(importPrivateKey(keys.gatewayPrivateKey, { backend }))
  byBackend.set(backend, imported)
  return imported
}

const pathOf = (url: string): string | undefined => {
  try {
    return new URL(url).pathname
  } catch {
    return undefined
  }
}

/** Posts one delivery, signed; the merchant's raw answer, or undefined when none came. */
const post = async (
  delivery: Delivery,
  {
    signer,
    clientId,
    now,
    fetch,
    timeoutMs,
  }: { signer: Signer; clientId: string; now: number } & Required<Pick<DeliverOptions, 'fetch' | 'timeoutMs'>>,
): Promise<string | undefined> => {
  const path = delivery.url === undefined ? undefined : pathOf(delivery.url)
  if (delivery.url === undefined || path === undefined) return undefined
  const body = JSON.stringify(delivery.body)
  const headers = await Effect.runPromise(signRequest({ path, clientId, body, now, privateKey: signer }))
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: { ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    })
    return await response.text()
  } catch {
    return undefined
  }
}

/**
 * Delivers every notification due now: each body signed with the gateway private key over the notify URL's path
 * (`request-time` from the simulator's clock), posted, and the merchant's answer handed to `acknowledge` (a
 * network error or timeout: `undefined`). Resolves with how many deliveries got an HTTP answer.
 */
export const deliverNotifications = async ({
  simulator,
  keys,
  clientId,
  fetch = (input, init) => globalThis.fetch(input, init),
  now = simulator.config.now,
  timeoutMs = 10_000,
  backend = defaultBackend(),
}: DeliverOptions): Promise<number> => {
  const signer = await gatewaySigner(keys, backend)
  const at = now()
  const deliveries = simulator.dueNotifications(at)
  let delivered = 0
  for (const delivery of deliveries) {
    const answer = await post(delivery, { signer, clientId, now: at, fetch, timeoutMs })
    if (answer !== undefined) delivered += 1
    simulator.acknowledge(delivery.notificationId, answer)
  }
  return delivered
}

export interface NotificationLoop {
  /** Stops the loop; resolves once a round in flight has finished. */
  readonly stop: () => Promise<void>
}

/**
 * Runs `deliverNotifications` every `intervalMs` (default 1 000), one round at a time. A round that throws is
 * reported to `onError` (default: ignored) and the loop goes on.
 */
export const startNotificationLoop = ({
  intervalMs = 1_000,
  onError = () => {},
  ...options
}: DeliverOptions & {
  readonly intervalMs?: number
  readonly onError?: (error: unknown) => void
}): NotificationLoop => {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let round: Promise<void> = Promise.resolve()
  const schedule = () => {
    timer = setTimeout(() => {
      round = deliverNotifications(options).then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      void round.then(() => {
        if (!stopped) schedule()
      })
    }, intervalMs)
  }
  schedule()
  return {
    stop: async () => {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      await round
    },
  }
}
