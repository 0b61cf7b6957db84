import * as Effect from 'effect/Effect'
import { BackendUnavailable, type InvalidKey } from './errors.js'
import { privateKeyDer, publicKeyDer } from './key-text.js'
import { builtinLoader, nodeSigner, nodeVerifier } from './node.js'
import type { Signer, SigningBackend, Verifier } from './signer.js'
import { webCryptoSigner, webCryptoVerifier } from './webcrypto.js'

/**
 * `backend` defaults to `'webcrypto'`; `'node'` uses `node:crypto`, reached through `process.getBuiltinModule`
 * (Node 20.16 and later, Bun, Deno).
 */
export interface KeyOptions {
  readonly backend?: SigningBackend
}

export const nodeCryptoAvailable = (): boolean => builtinLoader() !== undefined

const backendOf = (options: KeyOptions): Effect.Effect<SigningBackend, BackendUnavailable> =>
  options.backend === 'node' && !nodeCryptoAvailable()
    ? Effect.fail(new BackendUnavailable({ backend: 'node' }))
    : Effect.succeed(options.backend ?? 'webcrypto')

/** Imports the merchant private key: PKCS#8 or PKCS#1, PEM or bare Base64. */
export const importPrivateKey = (
  text: string,
  options: KeyOptions = {},
): Effect.Effect<Signer, InvalidKey | BackendUnavailable> =>
  Effect.gen(function* () {
    const backend = yield* backendOf(options)
    const der = yield* Effect.fromResult(privateKeyDer(text))
    return yield* backend === 'node' ? nodeSigner(der) : webCryptoSigner(der)
  })

/** Imports the gateway public key: X.509 SubjectPublicKeyInfo or PKCS#1, PEM or bare Base64. */
export const importPublicKey = (
  text: string,
  options: KeyOptions = {},
): Effect.Effect<Verifier, InvalidKey | BackendUnavailable> =>
  Effect.gen(function* () {
    const backend = yield* backendOf(options)
    const der = yield* Effect.fromResult(publicKeyDer(text))
    return yield* backend === 'node' ? nodeVerifier(der) : webCryptoVerifier(der)
  })
