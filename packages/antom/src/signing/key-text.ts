import * as Result from 'effect/Result'
import { fromBase64 } from './base64.js'
import { pkcs8FromPkcs1, privateKeyFormat, publicKeyFormat, spkiFromPkcs1 } from './der.js'
import { InvalidKey, type KeyRole } from './errors.js'

const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/
const toPkcs8 = 'convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out pkcs8.pem`'

interface Armoured {
  readonly label: string | undefined
  readonly der: Uint8Array<ArrayBuffer>
}

const unarmour = (key: KeyRole, text: string): Result.Result<Armoured, InvalidKey> => {
  const trimmed = text.trim()
  if (trimmed === '') return Result.fail(new InvalidKey({ key, reason: 'the key text is empty' }))
  if (!trimmed.includes('-----BEGIN ')) {
    const der = fromBase64(trimmed)
    return der === undefined
      ? Result.fail(new InvalidKey({ key, reason: 'neither PEM nor Base64 DER' }))
      : Result.succeed({ label: undefined, der })
  }
  const match = pemBlock.exec(trimmed)
  if (match === null) return Result.fail(new InvalidKey({ key, reason: 'PEM without a matching END line' }))
  const der = fromBase64(match[2] ?? '')
  if (der === undefined) {
    const reason = `the body of the ${match[1]} PEM is not Base64 (an encrypted key? decrypt it first)`
    return Result.fail(new InvalidKey({ key, reason }))
  }
  return Result.succeed({ label: match[1], der })
}

/** The merchant private key as PKCS#8 DER, from PEM (PKCS#8 or PKCS#1) or bare Base64 (either DER). */
export const privateKeyDer = (text: string): Result.Result<Uint8Array<ArrayBuffer>, InvalidKey> => {
  const key = 'merchantPrivateKey'
  return Result.flatMap(unarmour(key, text), ({ label, der }) => {
    const format = privateKeyFormat(der)
    const fail = (reason: string) => Result.fail(new InvalidKey({ key, reason }))
    if (label === 'ENCRYPTED PRIVATE KEY')
      return fail('the key is encrypted; decrypt it with `openssl pkcs8 -in key.pem`')
    if (label?.includes('PUBLIC') || label === 'CERTIFICATE' || (!label && publicKeyFormat(der) === 'spki')) {
      return fail('a public key or certificate was given where the private key is expected')
    }
    if (label !== undefined && label !== 'PRIVATE KEY' && label !== 'RSA PRIVATE KEY') {
      return fail(`a "${label}" PEM is not an RSA private key`)
    }
    if (format === 'pkcs8' && label !== 'RSA PRIVATE KEY') return Result.succeed(der)
    if (format === 'pkcs1' && label !== 'PRIVATE KEY') return Result.succeed(pkcs8FromPkcs1(der))
    return fail(`not a PKCS#8 or PKCS#1 RSA private key; ${toPkcs8}`)
  })
}

/** The gateway public key as SubjectPublicKeyInfo DER, from PEM (SPKI or PKCS#1) or bare Base64 (either DER). */
export const publicKeyDer = (text: string): Result.Result<Uint8Array<ArrayBuffer>, InvalidKey> => {
  const key = 'gatewayPublicKey'
  return Result.flatMap(unarmour(key, text), ({ label, der }) => {
    const format = publicKeyFormat(der)
    const fail = (reason: string) => Result.fail(new InvalidKey({ key, reason }))
    if (label === 'CERTIFICATE') return fail('a certificate; extract its key with `openssl x509 -pubkey -noout`')
    if (label?.includes('PRIVATE') || (!label && privateKeyFormat(der) !== undefined)) {
      return fail('a private key was given where the public key is expected')
    }
    if (label !== undefined && label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') {
      return fail(`a "${label}" PEM is not an RSA public key`)
    }
    if (format === 'spki' && label !== 'RSA PUBLIC KEY') return Result.succeed(der)
    if (format === 'pkcs1' && label !== 'PUBLIC KEY') return Result.succeed(spkiFromPkcs1(der))
    return fail(
      'not an X.509 SubjectPublicKeyInfo or PKCS#1 RSA public key; convert it with `openssl pkey -pubin -pubout`',
    )
  })
}
