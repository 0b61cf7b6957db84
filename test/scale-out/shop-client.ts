import type { PaymentStatus } from '@paychart/core'
import type { Instance } from './cluster.js'

/** What a customer's browser or the merchant's back office asks an instance, over HTTP. */
const call = async (url: string, init?: RequestInit): Promise<{ status: number; body: PaymentStatus }> => {
  const response = await fetch(url, init)
  return { status: response.status, body: (await response.json()) as PaymentStatus }
}

export const createPayment = (instance: Instance, body: string) =>
  call(`${instance.url}/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

export const paymentStatus = (instance: Instance, paymentRequestId: string) =>
  call(`${instance.url}/payments/${paymentRequestId}`)

export const customerReturns = (instance: Instance, paymentRequestId: string) =>
  call(`${instance.url}/payments/${paymentRequestId}/return`)

export const capture = (instance: Instance, paymentRequestId: string) =>
  call(`${instance.url}/payments/${paymentRequestId}/capture`, { method: 'POST' })

/** Runs `work` over `items`, at most `concurrency` at a time. */
export const eachLimited = async <T>(
  items: ReadonlyArray<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      if (item !== undefined) await work(item)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}
