import {
  importPrivateKey,
  importPublicKey,
  nodeCryptoAvailable,
  type Signer,
  type SigningBackend,
  type Verifier,
} from '@paychart/antom'
import * as Effect from 'effect/Effect'

/**
 * The two RSA key pairs of a simulated integration, as bare Base64 (PKCS#8 private, SubjectPublicKeyInfo public):
 * the merchant signs requests with its private key and the gateway verifies them with the public one; the gateway
 * signs responses and notifications with its private key and the merchant verifies them with the public one.
 */
export interface SimulatorKeys {
  readonly merchantPrivateKey: string
  readonly merchantPublicKey: string
  readonly gatewayPrivateKey: string
  readonly gatewayPublicKey: string
}

const ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const

const base64 = (der: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(der)))

const keyPair = async (): Promise<{ readonly privateKey: string; readonly publicKey: string }> => {
  const pair = await globalThis.crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
  const [privateKey, publicKey] = await Promise.all([
    globalThis.crypto.subtle.exportKey('pkcs8', pair.privateKey),
    globalThis.crypto.subtle.exportKey('spki', pair.publicKey),
  ])
  return { privateKey: base64(privateKey), publicKey: base64(publicKey) }
}

/** Fresh throwaway keys for a merchant and a gateway (WebCrypto, RSA 2048, SHA-256). */
export const generateSimulatorKeys = async (): Promise<SimulatorKeys> => {
  const [merchant, gateway] = await Promise.all([keyPair(), keyPair()])
  return {
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    gatewayPrivateKey: gateway.privateKey,
    gatewayPublicKey: gateway.publicKey,
  }
}

/** node:crypto where it exists (about twice as fast), WebCrypto elsewhere. */
export const defaultBackend = (): SigningBackend => (nodeCryptoAvailable() ? 'node' : 'webcrypto')

/** The keys the gateway side uses: its private key to sign, the merchant's public key to verify. */
export interface GatewayKeys {
  readonly signer: Signer
  readonly merchantVerifier: Verifier
}

/** Imports the gateway's side of `keys` once; later calls share the same promise. */
export const gatewayKeysOnce = (keys: SimulatorKeys, backend: SigningBackend): (() => Promise<GatewayKeys>) => {
  let imported: Promise<GatewayKeys> | undefined
  return () => {
    imported ??= Effect.runPromise(
      Effect.all({
        signer: importPrivateKey(keys.gatewayPrivateKey, { backend }),
        merchantVerifier: importPublicKey(keys.merchantPublicKey, { backend }),
      }),
    )
    return imported
  }
}
