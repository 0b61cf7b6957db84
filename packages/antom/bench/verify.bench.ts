import { createPublicKey, verify } from 'node:crypto'
import { figure, opsPerSecondNextTo, writeFigures } from '@paychart/bench-kit'
import { Effect } from 'effect'
import { importPublicKey, signatureHeader, type Verifier, verifyNotification } from '../src/signing/index.js'
import { openssl } from '../src/signing/openssl.fixtures.js'

// Verifications are awaited one after another, each timed call doing `batch` of them.
const batch = 20
const { clientId, keys, notification } = openssl
const headers = {
  'client-id': clientId,
  'request-time': notification.requestTime,
  signature: signatureHeader({ keyVersion: 1, signature: notification.signature }),
}
const content = Buffer.from(notification.content, 'utf8')
const signature = Buffer.from(notification.signature, 'base64')

const throughVerifyNotification = (publicKey: Verifier) => async () => {
  for (let i = 0; i < batch; i++) {
    await Effect.runPromise(verifyNotification({ ...notification, clientId, headers, publicKey }))
  }
  return batch
}

const keyObject = createPublicKey(keys.publicSpkiPem)
const rawNode = () => {
  for (let i = 0; i < batch; i++) if (!verify('sha256', content, keyObject, signature)) throw new Error('no match')
  return batch
}

const cryptoKey = await globalThis.crypto.subtle.importKey(
  'spki',
  keyObject.export({ format: 'der', type: 'spki' }),
  { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  false,
  ['verify'],
)
const rawSubtle = async () => {
  for (let i = 0; i < batch; i++) {
    if (!(await globalThis.crypto.subtle.verify('RSASSA-PKCS1-v1_5', cryptoKey, signature, content))) {
      throw new Error('no match')
    }
  }
  return batch
}

const nodeVerifier = await Effect.runPromise(importPublicKey(keys.publicSpkiPem, { backend: 'node' }))
const webCryptoVerifier = await Effect.runPromise(importPublicKey(keys.publicSpkiPem, { backend: 'webcrypto' }))

const node = await opsPerSecondNextTo(throughVerifyNotification(nodeVerifier), rawNode)
const webCrypto = await opsPerSecondNextTo(throughVerifyNotification(webCryptoVerifier), rawSubtle)

writeFigures(new URL('../', import.meta.url), [
  figure(
    'antom: notifications verified (verifyNotification, node:crypto backend)',
    node.value,
    'verifications/s',
    'crypto.verify with a KeyObject, same content and key',
    node.baselineValue,
  ),
  figure(
    'antom: notifications verified (verifyNotification, WebCrypto backend)',
    webCrypto.value,
    'verifications/s',
    'crypto.subtle.verify, same content and key',
    webCrypto.baselineValue,
  ),
])
