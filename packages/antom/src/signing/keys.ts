import * as Effect from 'effect/Effect'
import { BackendUnavailable, type InvalidKey } from './errors.js'
import { privateKeyDer, publicKeyDer } from './key-text.js'
import { builtinLoader, nodeSigner, nodeVerifier } from './node.js'
import type { Signer, SigningBackend, Verifier } from './signer.js'
import { webCryptoSigner, webCryptoVerifier } from './webcrypto.js'

/**
 * `backend` defaults to `defaultSigningBackend()`: `'node'` (`node:crypto`, reached through
 * `process.getBuiltinModule`) on Node, `'webcrypto'` everywhere else. Either may be asked for; `'node'` also works
 * on Bun and Deno.
 */
export interface KeyOptions {
  readonly backend?: SigningBackend
}

export const nodeCryptoAvailable = (): boolean => builtinLoader() !== undefined

interface RuntimeMarks {
  readonly process?: { readonly versions?: { readonly node?: string; readonly bun?: string } }
  readonly Deno?: unknown
  readonly navigator?: { readonly userAgent?: string }
}

/**
 * The faster backend for this runtime: `node:crypto` signs and verifies RSA on the calling thread, where WebCrypto on
 * Node hands each to the thread pool (see `bench/verify.bench.ts`). Only on Node itself: Bun, Deno and Workers keep
 * WebCrypto, which is their native path.
 */
export const defaultSigningBackend = (): SigningBackend => {
  const marks = globalThis as RuntimeMarks
  const versions = marks.process?.versions
  const onNode =
    versions?.node !== undefined &&
    versions.bun === undefined &&
    marks.Deno === undefined &&
    marks.navigator?.userAgent !== 'Cloudflare-Workers'
  return onNode && nodeCryptoAvailable() ? 'node' : 'webcrypto'
}

const backendOf = (options: KeyOptions): Effect.Effect<SigningBackend, BackendUnavailable> =>
  options.backend === 'node' && !nodeCryptoAvailable()
    ? Effect.fail(new BackendUnavailable({ backend: 'node' }))
    : Effect.succeed(options.backend ?? defaultSigningBackend())

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
