import * as Effect from 'effect/Effect'
import * as Result from 'effect/Result'
import { buildSignedContent } from './content.js'
import { InvalidSignature, type SignedMessage } from './errors.js'
import { parseSignatureHeader } from './signature-header.js'
import type { Verifier } from './signer.js'

export interface SignedMessageParts {
  readonly kind: SignedMessage
  readonly method: string
  readonly path: string
  readonly clientId: string
  readonly timeHeader: 'response-time' | 'request-time'
  readonly time: string | undefined
  readonly signature: string
  readonly body: string
  readonly publicKey: Verifier
}

/** Checks a present `signature` header against the message; succeeds with the header's key version. */
export const verifySignedMessage = (parts: SignedMessageParts): Effect.Effect<string | undefined, InvalidSignature> => {
  const { kind, path } = parts
  const invalid = (reason: string) => Effect.fail(new InvalidSignature({ kind, path, reason }))
  const parsed = parseSignatureHeader(parts.signature)
  if (Result.isFailure(parsed)) return invalid(parsed.failure.message)
  const { algorithm, keyVersion, signature } = parsed.success
  if (algorithm !== 'RSA256') return invalid(`unsupported algorithm ${algorithm}`)
  if (parts.time === undefined) return invalid(`no ${parts.timeHeader} header`)
  const content = buildSignedContent({ ...parts, time: parts.time })
  return Effect.flatMap(parts.publicKey.verify(content, signature), (valid) =>
    valid ? Effect.succeed(keyVersion) : invalid('it does not verify with the gateway public key'),
  )
}
