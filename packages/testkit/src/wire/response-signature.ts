import { buildSignedContent, type Signer, signatureHeader, signContent } from '@paychart/antom'
import * as Effect from 'effect/Effect'

export interface SignedResponseInput {
  /** The path the request was posted to: the response is signed over it. */
  readonly path: string
  readonly clientId: string
  /** The exact body sent. */
  readonly body: string
  /** Epoch milliseconds: the `response-time`. */
  readonly now: number
  /** The gateway's private key. */
  readonly signer: Signer
}

/** The headers of a signed gateway answer: `signature`, `response-time`, `client-id`, `content-type`. */
export const signedResponseHeaders = async ({
  path,
  clientId,
  body,
  now,
  signer,
}: SignedResponseInput): Promise<Record<string, string>> => {
  const time = String(Math.trunc(now))
  const content = buildSignedContent({ method: 'POST', path, clientId, time, body })
  const signature = await Effect.runPromise(signContent(signer, content))
  return {
    signature: signatureHeader({ keyVersion: 1, signature }),
    'response-time': time,
    'client-id': clientId,
    'content-type': 'application/json; charset=UTF-8',
  }
}
