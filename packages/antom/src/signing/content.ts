import type { Effect } from 'effect'
import type { Signer, Verifier } from './signer.js'

export interface SignedContentParts {
  readonly method: string
  readonly path: string
  readonly clientId: string
  /** `request-time` or `response-time`: epoch milliseconds. */
  readonly time: string | number
  /** The raw body, byte for byte as sent or received. */
  readonly body: string
}

/** `<METHOD> <path>\n<client-id>.<time>.<body>` */
export const buildSignedContent = ({ method, path, clientId, time, body }: SignedContentParts): string =>
  `${method} ${path}\n${clientId}.${time}.${body}`

/** The Base64 SHA256withRSA signature of `content`. */
export const signContent = (signer: Signer, content: string): Effect.Effect<string> => signer.sign(content)

/** Whether the Base64 `signature` (already URL-decoded) is over `content`. */
export const verifyContent = (verifier: Verifier, content: string, signature: string): Effect.Effect<boolean> =>
  verifier.verify(content, signature)
