import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import { buildSignedContent } from './content.js'
import { importPrivateKey, importPublicKey } from './keys.js'
import { openssl } from './openssl.fixtures.js'
import { signRequest } from './sign-request.js'
import { signatureHeader } from './signature-header.js'
import { verifyNotification } from './verify-notification.js'
import { verifyResponse } from './verify-response.js'

const { keys, clientId } = openssl
const signer = await Effect.runPromise(importPrivateKey(keys.privatePkcs8Pem))
const publicKey = await Effect.runPromise(importPublicKey(keys.publicSpkiPem, { backend: 'node' }))
// A key pair of its own, standing in for a gateway that is not ours.
const otherPair = (await globalThis.crypto.subtle.generateKey(
  { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' },
  true,
  ['sign', 'verify'],
)) as CryptoKeyPair
const otherSpki = Buffer.from(await globalThis.crypto.subtle.exportKey('spki', otherPair.publicKey)).toString('base64')
const otherPublicKey = await Effect.runPromise(importPublicKey(otherSpki))

const path = '/ams/sandbox/api/v1/payments/pay'
const responseTime = '1685599934001'
const bodyOf = (resultStatus: 'S' | 'F' | 'U') =>
  JSON.stringify({ result: { resultCode: 'SUCCESS', resultStatus, resultMessage: 'success' }, paymentId: '2023' })

const signedHeaders = (body: string, over: { path?: string; time?: string; clientId?: string } = {}) =>
  Effect.runPromise(
    Effect.map(
      signer.sign(
        buildSignedContent({
          method: 'POST',
          path: over.path ?? path,
          clientId: over.clientId ?? clientId,
          time: over.time ?? responseTime,
          body,
        }),
      ),
      (signature) => ({ 'response-time': responseTime, signature: signatureHeader({ keyVersion: 1, signature }) }),
    ),
  )

const check = (body: string, headers: Record<string, string>, key = publicKey) =>
  Effect.runPromise(Effect.result(verifyResponse({ path, clientId, headers, body, publicKey: key })))

describe('verifyResponse', () => {
  it.each(['S', 'F', 'U'] as const)('accepts a %s response with a valid signature', async (status) => {
    const body = bodyOf(status)
    const result = await check(body, await signedHeaders(body))
    expect(result).toMatchObject({ _tag: 'Success', success: { _tag: 'SignatureVerified', keyVersion: '1' } })
  })

  it('finds the headers in any case', async () => {
    const body = bodyOf('S')
    const { signature } = await signedHeaders(body)
    const result = await check(body, { Signature: signature, 'RESPONSE-TIME': responseTime })
    expect(result).toMatchObject({ _tag: 'Success', success: { _tag: 'SignatureVerified' } })
  })

  it.each(['F', 'U'] as const)('accepts an unsigned %s response and says so', async (status) => {
    const result = await check(bodyOf(status), {})
    expect(result).toMatchObject({ _tag: 'Success', success: { _tag: 'UnsignedAccepted', resultStatus: status } })
  })

  it.each([
    ['an unsigned S response', bodyOf('S'), {}],
    ['an S response with an empty signature header', bodyOf('S'), { signature: '' }],
    ['an unsigned body without a result', '{"paymentId":"1"}', {}],
    ['an unsigned body that is not JSON', '<html>bad gateway</html>', {}],
  ])('rejects %s with MissingSignature', async (_, body, headers) => {
    const result = await check(body, headers)
    expect(result).toMatchObject({ _tag: 'Failure', failure: { _tag: 'MissingSignature', kind: 'response', path } })
  })

  const tampered: ReadonlyArray<
    readonly [string, (body: string) => Promise<{ body: string; headers: Record<string, string> }>]
  > = [
    ['a tampered body', async (body) => ({ body: body.replace('2023', '2024'), headers: await signedHeaders(body) })],
    ['a signature over another path', async (body) => ({ body, headers: await signedHeaders(body, { path: '/x' }) })],
    ['a signature over another time', async (body) => ({ body, headers: await signedHeaders(body, { time: '1' }) })],
    [
      'a signature for another client',
      async (body) => ({ body, headers: await signedHeaders(body, { clientId: 'B' }) }),
    ],
    [
      'a changed response-time header',
      async (body) => ({ body, headers: { ...(await signedHeaders(body)), 'response-time': '1685599934002' } }),
    ],
    [
      'no response-time header',
      async (body) => ({ body, headers: { signature: (await signedHeaders(body)).signature } }),
    ],
    [
      'another algorithm',
      async (body) => ({
        body,
        headers: { ...(await signedHeaders(body)), signature: 'algorithm=RSA512,signature=AAAA' },
      }),
    ],
    [
      'a malformed header',
      async (body) => ({ body, headers: { 'response-time': responseTime, signature: 'garbage' } }),
    ],
  ]

  describe.each(['S', 'F', 'U'] as const)('rejects with InvalidSignature a %s response with', (status) => {
    it.each(tampered)('%s', async (_, make) => {
      const { body, headers } = await make(bodyOf(status))
      const result = await check(body, headers)
      expect(result).toMatchObject({ _tag: 'Failure', failure: { _tag: 'InvalidSignature', kind: 'response' } })
    })
  })

  it('rejects a signature checked with the wrong gateway key', async () => {
    const body = bodyOf('S')
    const result = await check(body, await signedHeaders(body), otherPublicKey)
    expect(result).toMatchObject({
      _tag: 'Failure',
      failure: {
        _tag: 'InvalidSignature',
        message: `response for ${path} has an invalid signature: it does not verify with the gateway public key`,
      },
    })
  })

  it('says which response carried no signature', async () => {
    const result = await check(bodyOf('S'), {})
    expect(result).toMatchObject({ failure: { message: `response for ${path} carries no signature` } })
  })
})

describe('verifyNotification', () => {
  const { notification } = openssl
  const headers = {
    'client-id': clientId,
    'request-time': notification.requestTime,
    signature: signatureHeader({ keyVersion: 1, signature: notification.signature }),
  }
  const verify = (over: Partial<typeof headers> & { path?: string; body?: string }) =>
    Effect.runPromise(
      Effect.result(
        verifyNotification({
          path: over.path ?? notification.path,
          clientId,
          headers: { ...headers, ...over },
          body: over.body ?? notification.body,
          publicKey,
        }),
      ),
    )

  it('accepts the gateway-signed notification', async () => {
    expect(await verify({})).toMatchObject({ _tag: 'Success', success: { keyVersion: '1' } })
  })

  it('accepts a notification without a client-id header, signed for our client', async () => {
    const { 'client-id': _, ...rest } = headers
    const result = await Effect.runPromise(
      Effect.result(verifyNotification({ ...notification, clientId, headers: rest, publicKey })),
    )
    expect(result).toMatchObject({ _tag: 'Success' })
  })

  it('rejects an unsigned notification, even a failed one', async () => {
    const result = await verify({ signature: '', body: notification.body.replace('"S"', '"F"') })
    expect(result).toMatchObject({ _tag: 'Failure', failure: { _tag: 'MissingSignature', kind: 'notification' } })
  })

  it.each([
    ['a tampered body', { body: notification.body.replace('1990', '1') }],
    ['another notify path', { path: '/antom/notify/' }],
    ['another request-time', { 'request-time': '1685599940124' }],
    ['another client-id', { 'client-id': 'SANDBOX_SOMEONE_ELSE' }],
    ['no request-time', { 'request-time': '' }],
  ])('rejects %s', async (_, over) => {
    const result = await verify(over)
    expect(result).toMatchObject({ _tag: 'Failure', failure: { _tag: 'InvalidSignature', kind: 'notification' } })
  })

  it('rejects the notification under the wrong gateway key', async () => {
    const result = await Effect.runPromise(
      Effect.result(verifyNotification({ ...notification, clientId, headers, publicKey: otherPublicKey })),
    )
    expect(result).toMatchObject({ _tag: 'Failure', failure: { _tag: 'InvalidSignature' } })
  })
})

describe('signRequest', () => {
  const { request } = openssl
  const sign = (keyVersion?: number) =>
    Effect.runPromise(
      signRequest({
        method: 'POST',
        path: request.path,
        clientId,
        ...(keyVersion === undefined ? {} : { keyVersion }),
        body: request.body,
        now: Number(request.requestTime),
        privateKey: signer,
      }),
    )

  it('produces the headers openssl would have signed', async () => {
    expect(await sign()).toEqual({
      'client-id': clientId,
      'request-time': request.requestTime,
      signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(request.signature)}`,
      'content-type': 'application/json; charset=UTF-8',
    })
  })

  it('carries the key version', async () => {
    expect((await sign(3)).signature).toMatch(/^algorithm=RSA256,keyVersion=3,signature=/)
  })
})
