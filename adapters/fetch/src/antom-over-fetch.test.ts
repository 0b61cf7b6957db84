import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildSignedContent, importPrivateKey, signatureHeader, signContent } from '@paychart/antom'
import { Gateway } from '@paychart/core'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import * as Layer from 'effect/Layer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { antomOverFetch } from './antom-over-fetch.js'

const base64 = (der: ArrayBuffer) => Buffer.from(der).toString('base64')
const requests: string[] = []
/** Signs answers as the gateway does (the test's one key pair plays both sides). */
let signAnswer: (path: string, body: string) => Promise<Record<string, string>>
const server = createServer((req, res) => {
  requests.push(`${req.method} ${req.url}`)
  req.resume()
  req.on('end', async () => {
    const body = JSON.stringify({ result: { resultCode: 'ORDER_NOT_EXIST', resultStatus: 'F', resultMessage: 'none' } })
    res.writeHead(200, { 'content-type': 'application/json', ...(await signAnswer(req.url ?? '', body)) })
    res.end(body)
  })
})
let keys: { merchantPrivateKey: string; antomPublicKey: string }
let baseUrl: string

beforeAll(async () => {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )
  keys = {
    merchantPrivateKey: base64(await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
    antomPublicKey: base64(await crypto.subtle.exportKey('spki', pair.publicKey)),
  }
  const signer = await Effect.runPromise(importPrivateKey(keys.merchantPrivateKey))
  signAnswer = async (path, body) => {
    const time = String(Date.now())
    const content = buildSignedContent({ method: 'POST', path, clientId: 'SANDBOX_FETCH', time, body })
    const signature = await Effect.runPromise(signContent(signer, content))
    return { signature: signatureHeader({ keyVersion: 1, signature }), 'response-time': time }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('antomOverFetch', () => {
  it('is the Antom gateway over fetch: a command goes out as a signed request to the configured host', async () => {
    const layer = antomOverFetch({ clientId: 'SANDBOX_FETCH', ...keys, baseUrl, transport: { maxAttempts: 1 } })
    const event = await Effect.runPromise(
      Effect.gen(function* () {
        const gateway = yield* Gateway
        const inquiry = {
          kind: 'inquiryPayment',
          paymentRequestId: 'PAY-1',
          commandId: 'c-1',
          idempotencyKey: 'PAY-1',
        } as const
        return yield* gateway.execute(inquiry, undefined)
      }).pipe(Effect.provide(layer)),
    )
    expect(requests).toEqual(['POST /ams/sandbox/api/v1/payments/inquiryPayment'])
    expect(event.type).toBe('INQUIRY_ANSWERED')
  })

  it('fails to build on a key that does not import', async () => {
    const layer = antomOverFetch({ clientId: 'SANDBOX_FETCH', ...keys, merchantPrivateKey: 'not a key', baseUrl })
    const exit = await Effect.runPromiseExit(Layer.build(layer).pipe(Effect.scoped))
    expect(Exit.isFailure(exit)).toBe(true)
  })
})
