// A signed inquiryPayment over a real socket, as a merchant's server makes it: paychart's client over fetchTransport
// next to the same call written by hand (sign, fetch with a timeout, read, check HTTP 200, verify the answer's
// signature, parse), on node:crypto and on WebCrypto, both against one local HTTP server that answers a signed
// inquiry. Each side signs once and verifies once per call; the server's work is the same for both.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { endpointPath, makeAntomClient, type SigningBackend } from '@paychart/antom'
import { type Figure, figure, opsPerSecondNextTo, writeFigures } from '@paychart/bench-kit'
import { paymentRequestId, unsafeId } from '@paychart/core/ids'
import { Effect } from 'effect'
import { fetchTransport } from '../src/index.js'

// Calls are awaited one after another, each timed call doing `batch` of them.
const batch = 20
const clientId = 'SANDBOX_BENCH'
const path = endpointPath(clientId, 'inquiryPayment')
const requestBody = JSON.stringify({ paymentRequestId: 'PAY-BENCH-1' })

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 })
const merchant = pair()
const gateway = pair()
const der = (key: ReturnType<typeof pair>['privateKey'], type: 'pkcs8' | 'spki') =>
  key.export({ format: 'der', type }).toString('base64')

const answerBody = JSON.stringify({
  result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' },
  paymentRequestId: 'PAY-BENCH-1',
  paymentId: '202612071900000000001',
  paymentAmount: { currency: 'USD', value: '1099' },
  paymentCreateTime: '2026-12-07T19:00:00+00:00',
  paymentTime: '2026-12-07T19:00:01+00:00',
  paymentStatus: 'SUCCESS',
  paymentResultCode: 'SUCCESS',
  paymentResultMessage: 'success.',
  paymentMethodType: 'CARD',
  transactions: [],
})
const signedContent = (time: string, body: string) => `POST ${path}\n${clientId}.${time}.${body}`
const responseTime = String(Date.now())
const answerHeaders = {
  'content-type': 'application/json; charset=UTF-8',
  'client-id': clientId,
  'response-time': responseTime,
  signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(
    sign('sha256', Buffer.from(signedContent(responseTime, answerBody)), gateway.privateKey).toString('base64'),
  )}`,
}

const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, answerHeaders)
    res.end(answerBody)
  })
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const request = { paymentRequestId: unsafeId(paymentRequestId('PAY-BENCH-1')) }
const throughPaychart = async (signing: SigningBackend) => {
  const client = await Effect.runPromise(
    makeAntomClient({
      clientId,
      merchantPrivateKey: der(merchant.privateKey, 'pkcs8'),
      antomPublicKey: der(gateway.publicKey, 'spki'),
      baseUrl,
      signing,
    }).pipe(Effect.provide(fetchTransport())),
  )
  return async () => {
    for (let i = 0; i < batch; i++) {
      const answer = await Effect.runPromise(client.inquiryPayment(request))
      if (answer.paymentStatus !== 'SUCCESS') throw new Error(`unexpected ${answer.paymentStatus}`)
    }
    return batch
  }
}

/** The crypto a merchant would call by hand: sign the request's content, verify the answer's. */
interface HandCrypto {
  /** The Base64 signature of `content`. */
  readonly sign: (content: string) => string | Promise<string>
  readonly verify: (content: string, signature: string) => boolean | Promise<boolean>
}

const nodeCrypto = (): HandCrypto => {
  const merchantKey = createPrivateKey({ key: merchant.privateKey.export({ format: 'pem', type: 'pkcs8' }) })
  const gatewayKey = createPublicKey({ key: gateway.publicKey.export({ format: 'pem', type: 'spki' }) })
  return {
    sign: (content) => sign('sha256', Buffer.from(content), merchantKey).toString('base64'),
    verify: (content, signature) =>
      verify('sha256', Buffer.from(content), gatewayKey, Buffer.from(signature, 'base64')),
  }
}

const encoder = new TextEncoder()
const webCrypto = async (): Promise<HandCrypto> => {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
  const subtle = globalThis.crypto.subtle
  const importAs = (key: KeyObject, format: 'pkcs8' | 'spki', usage: KeyUsage) =>
    subtle.importKey(format, key.export({ format: 'der', type: format }), algorithm, false, [usage])
  const merchantKey = await importAs(merchant.privateKey, 'pkcs8', 'sign')
  const gatewayKey = await importAs(gateway.publicKey, 'spki', 'verify')
  return {
    sign: async (content) =>
      Buffer.from(await subtle.sign(algorithm, merchantKey, encoder.encode(content))).toString('base64'),
    verify: (content, signature) =>
      subtle.verify(algorithm, gatewayKey, new Uint8Array(Buffer.from(signature, 'base64')), encoder.encode(content)),
  }
}

const byHand = (crypto: HandCrypto) => async () => {
  for (let i = 0; i < batch; i++) {
    const time = String(Date.now())
    const signature = await crypto.sign(signedContent(time, requestBody))
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'client-id': clientId,
        'request-time': time,
        signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`,
      },
      body: requestBody,
      signal: AbortSignal.timeout(15_000),
    })
    const text = await response.text()
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
    const header = response.headers.get('signature') ?? ''
    const answerSignature = decodeURIComponent(header.slice(header.indexOf('signature=') + 10))
    const content = signedContent(response.headers.get('response-time') ?? '', text)
    if (!(await crypto.verify(content, answerSignature))) throw new Error('the answer does not verify')
    const answer = JSON.parse(text) as { readonly paymentStatus: string }
    if (answer.paymentStatus !== 'SUCCESS') throw new Error(`unexpected ${answer.paymentStatus}`)
  }
  return batch
}

const measure = async (signing: SigningBackend, crypto: HandCrypto): Promise<Figure> => {
  const label = signing === 'node' ? 'node:crypto' : 'WebCrypto'
  const measured = await opsPerSecondNextTo(await throughPaychart(signing), byHand(crypto))
  return figure(
    `fetch: signed inquiryPayment over HTTP to a local server, makeAntomClient + fetchTransport (${label})`,
    measured.value,
    'calls/s',
    `the same call written by hand: sign, fetch with a 15 s timeout, read, verify, parse (${label})`,
    measured.baselineValue,
  )
}

const figures = [await measure('node', nodeCrypto()), await measure('webcrypto', await webCrypto())]
server.close()
writeFigures(new URL('../', import.meta.url), figures)
