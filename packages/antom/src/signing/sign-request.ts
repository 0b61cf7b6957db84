import * as Effect from 'effect/Effect'
import { buildSignedContent } from './content.js'
import { signatureHeader } from './signature-header.js'
import type { Signer } from './signer.js'

export interface SignRequestInput {
  readonly method?: 'POST'
  /** The full path, e.g. `/ams/api/v1/payments/pay`. */
  readonly path: string
  readonly clientId: string
  /** Defaults to 1. */
  readonly keyVersion?: string | number
  /** The exact body that will be sent. */
  readonly body: string
  /** Epoch milliseconds, from the caller's clock: this module never reads one. */
  readonly now: number
  readonly privateKey: Signer
}

export interface SignedRequestHeaders {
  readonly 'client-id': string
  readonly 'request-time': string
  readonly signature: string
  readonly 'content-type': 'application/json; charset=UTF-8'
}

/** The headers that make `body` a signed request to `path`. */
export const signRequest = ({
  method = 'POST',
  path,
  clientId,
  keyVersion = 1,
  body,
  now,
  privateKey,
}: SignRequestInput): Effect.Effect<SignedRequestHeaders> => {
  const requestTime = String(Math.trunc(now))
  const content = buildSignedContent({ method, path, clientId, time: requestTime, body })
  return Effect.map(privateKey.sign(content), (signature) => ({
    'client-id': clientId,
    'request-time': requestTime,
    signature: signatureHeader({ keyVersion, signature }),
    'content-type': 'application/json; charset=UTF-8',
  }))
}
