import { Effect } from 'effect'
import { describe, expect, it, vi } from 'vitest'
import { defaultSigningBackend, importPrivateKey, importPublicKey } from './keys.js'
import { openssl } from './openssl.fixtures.js'
import type { SigningBackend } from './signer.js'

const { keys, request } = openssl
const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')

describe.each<SigningBackend>(['webcrypto', 'node'])('key import on %s', (backend) => {
  const sign = (text: string) =>
    Effect.runPromise(Effect.flatMap(importPrivateKey(text, { backend }), (signer) => signer.sign(request.content)))
  const verify = (text: string) =>
    Effect.runPromise(
      Effect.flatMap(importPublicKey(text, { backend }), (verifier) =>
        verifier.verify(request.content, request.signature),
      ),
    )

  it.each([
    ['PKCS#8 PEM', keys.privatePkcs8Pem],
    ['PKCS#8 bare Base64', keys.privatePkcs8Base64],
    ['PKCS#1 PEM, converted', keys.privatePkcs1Pem],
    ['PKCS#1 bare Base64, converted', bare(keys.privatePkcs1Pem)],
    ['PKCS#8 PEM with CRLF line ends', keys.privatePkcs8Pem.replace(/\n/g, '\r\n')],
  ])('signs exactly as openssl from a %s private key', async (_, text) => {
    expect(await sign(text)).toBe(request.signature)
  })

  it.each([
    ['SPKI PEM', keys.publicSpkiPem],
    ['SPKI bare Base64', keys.publicSpkiBase64],
    ['PKCS#1 PEM, converted', keys.publicPkcs1Pem],
    ['PKCS#1 bare Base64, converted', bare(keys.publicPkcs1Pem)],
  ])('verifies from a %s public key', async (_, text) => {
    expect(await verify(text)).toBe(true)
  })
})

describe('InvalidKey', () => {
  const privateError = (text: string) => Effect.runPromise(Effect.flip(importPrivateKey(text)))
  const publicError = (text: string) => Effect.runPromise(Effect.flip(importPublicKey(text)))
  const garbledDer = keys.privatePkcs8Base64.slice(0, 200)

  it.each([
    ['empty text', '', 'the key text is empty'],
    ['text that is neither PEM nor Base64', 'not a key!', 'neither PEM nor Base64 DER'],
    ['a PEM without its END line', '-----BEGIN PRIVATE KEY-----\nMIIB', 'PEM without a matching END line'],
    ['the public key', keys.publicSpkiPem, 'a public key or certificate was given where the private key is expected'],
    ['the bare public key', keys.publicSpkiBase64, 'a public key or certificate was given'],
    [
      'an encrypted key',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----',
      'encrypted',
    ],
    ['an EC key', '-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----', 'is not an RSA private key'],
    ['a PKCS#1 body under a PKCS#8 label', keys.privatePkcs1Pem.replace(/RSA PRIVATE/g, 'PRIVATE'), 'openssl pkcs8'],
    ['truncated DER', garbledDer, 'refused it as an RSA key'],
  ])('names the private key and why for %s', async (_, text, reason) => {
    const error = await privateError(text)
    expect(error._tag).toBe('InvalidKey')
    expect(error).toMatchObject({ key: 'merchantPrivateKey' })
    expect(error.message).toContain(reason)
  })

  it.each([
    ['the private key', keys.privatePkcs8Pem, 'a private key was given where the public key is expected'],
    ['the bare private key', keys.privatePkcs8Base64, 'a private key was given'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', 'openssl x509 -pubkey'],
    ['a PKCS#1 body under an SPKI label', keys.publicPkcs1Pem.replace(/RSA PUBLIC/g, 'PUBLIC'), 'openssl pkey'],
  ])('names the public key and why for %s', async (_, text, reason) => {
    const error = await publicError(text)
    expect(error).toMatchObject({ _tag: 'InvalidKey', key: 'gatewayPublicKey' })
    expect(error.message).toContain(reason)
  })

  it('never carries key material', async () => {
    const body = bare(keys.privatePkcs8Pem)
    for (const text of [keys.privatePkcs8Base64.slice(0, 200), keys.publicSpkiPem, body.slice(0, 64)]) {
      const error = await privateError(text)
      const shown = `${error.message} ${JSON.stringify(error)} ${String(error)}`
      expect(shown).not.toContain(text.trim().slice(0, 24))
      expect(shown).not.toContain(body.slice(0, 24))
    }
  })

  it('rejects a non-RSA key on the node backend too', async () => {
    const error = await Effect.runPromise(
      Effect.flip(
        importPrivateKey(
          '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----',
          { backend: 'node' },
        ),
      ),
    )
    expect(error).toMatchObject({ _tag: 'InvalidKey', reason: 'not an RSA key' })
  })

  it('imports keys that print nothing of themselves', async () => {
    const signer = await Effect.runPromise(importPrivateKey(keys.privatePkcs8Pem, { backend: 'webcrypto' }))
    expect(JSON.stringify(signer)).toBe('{"backend":"webcrypto"}')
  })

  it('chooses node:crypto on Node and WebCrypto on Bun, Deno, Workers and where there is no process', async () => {
    expect(defaultSigningBackend()).toBe('node')
    expect((await Effect.runPromise(importPublicKey(keys.publicSpkiPem))).backend).toBe('node')
    const elsewhere: ReadonlyArray<readonly [string, unknown]> = [
      ['process', { versions: { node: '22.0.0', bun: '1.2.0' }, getBuiltinModule: process.getBuiltinModule }],
      ['Deno', {}],
      ['navigator', { userAgent: 'Cloudflare-Workers' }],
      ['process', undefined],
    ]
    for (const [name, value] of elsewhere) {
      vi.stubGlobal(name, value)
      try {
        expect(defaultSigningBackend(), name).toBe('webcrypto')
      } finally {
        vi.unstubAllGlobals()
      }
    }
  })

  it('refuses the node backend where the runtime has no process.getBuiltinModule', () => {
    vi.stubGlobal('process', { versions: {} })
    try {
      const error = Effect.runSync(Effect.flip(importPrivateKey(keys.privatePkcs8Pem, { backend: 'node' })))
      expect(error).toMatchObject({ _tag: 'BackendUnavailable', backend: 'node' })
      expect(error.message).toContain("use 'webcrypto'")
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
