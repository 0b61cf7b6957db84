import * as Effect from 'effect/Effect'
import { type InvalidSignature, MissingSignature } from './errors.js'
import { type HeaderSource, header } from './headers.js'
import type { Verifier } from './signer.js'
import { verifySignedMessage } from './verify-message.js'

export interface VerifyResponseInput {
  readonly method?: 'POST'
  /** The path the request was sent to. */
  readonly path: string
  readonly clientId: string
  readonly headers: HeaderSource
  /** The raw response body, byte for byte. */
  readonly body: string
  readonly publicKey: Verifier
}

/** Which rule let the response through. */
export type ResponseVerification =
  | { readonly _tag: 'SignatureVerified'; readonly keyVersion: string | undefined }
  | { readonly _tag: 'UnsignedAccepted'; readonly resultStatus: 'F' | 'U' }

const resultStatusOf = (body: string): unknown => {
  try {
    return JSON.parse(body)?.result?.resultStatus
  } catch {
    return undefined
  }
}

/**
 * A signed response must verify, whatever its status. An unsigned one passes only when its `result.resultStatus`
 * is F or U; an unsigned S (or a body without a status) fails with MissingSignature.
 */
export const verifyResponse = ({
  method = 'POST',
  path,
  clientId,
  headers,
  body,
  publicKey,
}: VerifyResponseInput): Effect.Effect<ResponseVerification, MissingSignature | InvalidSignature> => {
  const signature = header(headers, 'signature')
  if (!signature) {
    const resultStatus = resultStatusOf(body)
    return resultStatus === 'F' || resultStatus === 'U'
      ? Effect.succeed({ _tag: 'UnsignedAccepted', resultStatus })
      : Effect.fail(new MissingSignature({ kind: 'response', path }))
  }
  const time = header(headers, 'response-time')
  return Effect.map(
    verifySignedMessage({
      kind: 'response',
      method,
      path,
      clientId,
      timeHeader: 'response-time',
      time,
      signature,
      body,
      publicKey,
    }),
    (keyVersion) => ({ _tag: 'SignatureVerified', keyVersion }),
  )
}
