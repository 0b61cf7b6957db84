import * as Result from 'effect/Result'
import { isBase64 } from './base64.js'
import { MalformedSignatureHeader } from './errors.js'

export interface SignatureHeader {
  readonly algorithm: string
  readonly keyVersion?: string
  /** Base64, URL-decoded. */
  readonly signature: string
}

/** `algorithm=RSA256,keyVersion=<v>,signature=<URL-encoded Base64>` */
export const signatureHeader = ({
  algorithm = 'RSA256',
  keyVersion,
  signature,
}: {
  readonly algorithm?: string
  readonly keyVersion: string | number
  readonly signature: string
}): string => `algorithm=${algorithm},keyVersion=${keyVersion},signature=${encodeURIComponent(signature)}`

const decode = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

/**
 * Parses a `Signature` header: parts in any order, spaces allowed around them, part names in any case, the
 * signature URL-encoded or not. Parts other than the three are ignored; `keyVersion` may be absent.
 */
export const parseSignatureHeader = (value: string): Result.Result<SignatureHeader, MalformedSignatureHeader> => {
  const parts = new Map<string, string>()
  for (const part of value.split(',')) {
    const trimmed = part.trim()
    if (trimmed === '') continue
    const equals = trimmed.indexOf('=')
    if (equals < 1) return Result.fail(new MalformedSignatureHeader({ reason: 'a part is not name=value' }))
    const name = trimmed.slice(0, equals).trim().toLowerCase()
    if (parts.has(name)) return Result.fail(new MalformedSignatureHeader({ reason: `${name} appears twice` }))
    parts.set(name, trimmed.slice(equals + 1).trim())
  }
  const algorithm = parts.get('algorithm')
  const keyVersion = parts.get('keyversion')
  const signature = decode(parts.get('signature') ?? '')
  if (!algorithm) return Result.fail(new MalformedSignatureHeader({ reason: 'no algorithm' }))
  if (!signature || !isBase64(signature)) {
    return Result.fail(new MalformedSignatureHeader({ reason: 'no Base64 signature' }))
  }
  return Result.succeed(keyVersion ? { algorithm, keyVersion, signature } : { algorithm, signature })
}
