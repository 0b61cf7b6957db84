import * as Effect from 'effect/Effect'
import { isBase64 } from './base64.js'
import { InvalidKey, type KeyRole } from './errors.js'
import type { Signer, Verifier } from './signer.js'

type NodeCrypto = typeof import('node:crypto')

type BuiltinLoader = (id: 'node:crypto') => NodeCrypto

/**
 * The runtime's `process.getBuiltinModule` (Node 20.16+, Bun, Deno): how the node backend reaches `node:crypto`
 * without an import a bundler would follow, so bundles for Workers and browsers never contain it.
 */
export const builtinLoader = (): BuiltinLoader | undefined => {
  const loader = (globalThis.process as { readonly getBuiltinModule?: unknown } | undefined)?.getBuiltinModule
  return typeof loader === 'function' ? (loader as BuiltinLoader) : undefined
}

// Only reached once `importPrivateKey`/`importPublicKey` have checked that the loader exists.
const nodeCrypto = Effect.sync((): NodeCrypto => {
  const load = builtinLoader()
  if (load === undefined) throw new Error('process.getBuiltinModule is not available')
  return load('node:crypto')
})

const rsaKey = <K extends { readonly asymmetricKeyType?: string | undefined }>(key: KeyRole, create: () => K) =>
  Effect.try({
    try: create,
    catch: () => new InvalidKey({ key, reason: 'node:crypto refused it as an RSA key' }),
  }).pipe(
    Effect.filterOrFail(
      (created) => created.asymmetricKeyType === 'rsa',
      () => new InvalidKey({ key, reason: 'not an RSA key' }),
    ),
  )

export const nodeSigner = (pkcs8: Uint8Array): Effect.Effect<Signer, InvalidKey> =>
  Effect.gen(function* () {
    const crypto = yield* nodeCrypto
    const key = yield* rsaKey('merchantPrivateKey', () =>
      crypto.createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
    )
    return {
      backend: 'node',
      sign: (content) => Effect.sync(() => crypto.sign('sha256', Buffer.from(content, 'utf8'), key).toString('base64')),
    }
  })

export const nodeVerifier = (spki: Uint8Array): Effect.Effect<Verifier, InvalidKey> =>
  Effect.gen(function* () {
    const crypto = yield* nodeCrypto
    const key = yield* rsaKey('gatewayPublicKey', () =>
      crypto.createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }),
    )
    return {
      backend: 'node',
      verify: (content, signature) =>
        Effect.sync(
          () =>
            isBase64(signature) &&
            crypto.verify('sha256', Buffer.from(content, 'utf8'), key, Buffer.from(signature, 'base64')),
        ),
    }
  })
