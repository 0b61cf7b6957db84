import * as Effect from 'effect/Effect'
import { InvalidSignature, MissingSignature } from './errors.js'
import { type HeaderSource, header } from './headers.js'
import type { Verifier } from './signer.js'
import { verifySignedMessage } from './verify-message.js'

export interface VerifyNotificationInput {
  readonly method?: 'POST'
  /** The path of the notify URL the gateway posted to, e.g. `/antom/notify` (no host, no query). */
  readonly path: string
  /** The merchant's client id; a `client-id` header naming another client is rejected. */
  readonly clientId: string
  readonly headers: HeaderSource
  /** The raw request body, byte for byte. */
  readonly body: string
  readonly publicKey: Verifier
}

/** Every notification must be signed by the gateway; succeeds with the header's key version. */
export const verifyNotification = ({
  method = 'POST',
  path,
  clientId,
  headers,
  body,
  publicKey,
}: VerifyNotificationInput): Effect.Effect<
  { readonly keyVersion: string | undefined },
  MissingSignature | InvalidSignature
> => {
  const signature = header(headers, 'signature')
  if (!signature) return Effect.fail(new MissingSignature({ kind: 'notification', path }))
  const sender = header(headers, 'client-id')
  if (sender !== undefined && sender !== clientId) {
    return Effect.fail(new InvalidSignature({ kind: 'notification', path, reason: `sent for client-id ${sender}` }))
  }
  const time = header(headers, 'request-time')
  return Effect.map(
    verifySignedMessage({
      kind: 'notification',
      method,
      path,
      clientId,
      timeHeader: 'request-time',
      time,
      signature,
      body,
      publicKey,
    }),
    (keyVersion) => ({ keyVersion }),
  )
}
