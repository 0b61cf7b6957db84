import * as Effect from 'effect/Effect'
import { fromBase64, toBase64 } from './base64.js'
import { InvalidKey, type KeyRole } from './errors.js'
import type { Signer, Verifier } from './signer.js'

const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const
const encoder = new TextEncoder()

const importKey = (key: KeyRole, format: 'pkcs8' | 'spki', der: Uint8Array<ArrayBuffer>, usage: KeyUsage) =>
  Effect.tryPromise({
    try: () => globalThis.crypto.subtle.importKey(format, der, algorithm, false, [usage]),
    catch: (error) =>
      new InvalidKey({
        key,
        reason: `WebCrypto refused it as an RSA key (${error instanceof Error ? error.name : 'error'})`,
      }),
  })

export const webCryptoSigner = (pkcs8: Uint8Array<ArrayBuffer>): Effect.Effect<Signer, InvalidKey> =>
  Effect.map(importKey('merchantPrivateKey', 'pkcs8', pkcs8, 'sign'), (key) => ({
    backend: 'webcrypto',
    sign: (content) =>
      Effect.map(
        Effect.promise(() => globalThis.crypto.subtle.sign(algorithm.name, key, encoder.encode(content))),
        (signature) => toBase64(new Uint8Array(signature)),
      ),
  }))

export const webCryptoVerifier = (spki: Uint8Array<ArrayBuffer>): Effect.Effect<Verifier, InvalidKey> =>
  Effect.map(importKey('gatewayPublicKey', 'spki', spki, 'verify'), (key) => ({
    backend: 'webcrypto',
    verify: (content, signature) => {
      const bytes = fromBase64(signature)
      if (bytes === undefined) return Effect.succeed(false)
      return Effect.tryPromise(() =>
        globalThis.crypto.subtle.verify(algorithm.name, key, bytes, encoder.encode(content)),
      ).pipe(Effect.orElseSucceed(() => false))
    },
  }))
