import {
  buildSignedContent,
  type HeaderSource,
  header,
  parseSignatureHeader,
  type Verifier,
  verifyContent,
} from '@paychart/antom'
import * as Effect from 'effect/Effect'
import * as Result from 'effect/Result'

export type RequestCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string }

export interface RequestSignatureInput {
  /** The path the request was posted to, no query. */
  readonly path: string
  readonly headers: HeaderSource
  /** The raw body, byte for byte. */
  readonly body: string
  /** The one client id this gateway serves. */
  readonly clientId: string
  /** The merchant's public key. */
  readonly verifier: Verifier
}

const refuse = (reason: string): RequestCheck => ({ ok: false, reason })

/** Checks a client's `signature` over `POST <path>\n<client-id>.<request-time>.<body>` (header names in any case). */
export const checkRequestSignature = async ({
  path,
  headers,
  body,
  clientId,
  verifier,
}: RequestSignatureInput): Promise<RequestCheck> => {
  const sender = header(headers, 'client-id')
  if (sender === undefined) return refuse('no client-id header')
  if (sender !== clientId) return refuse(`client-id ${sender} is not known`)
  const signature = header(headers, 'signature')
  if (signature === undefined) return refuse('no signature header')
  const time = header(headers, 'request-time')
  if (time === undefined) return refuse('no request-time header')
  const parsed = parseSignatureHeader(signature)
  if (Result.isFailure(parsed)) return refuse(parsed.failure.message)
  if (parsed.success.algorithm !== 'RSA256') return refuse(`unsupported algorithm ${parsed.success.algorithm}`)
  const content = buildSignedContent({ method: 'POST', path, clientId, time, body })
  const valid = await Effect.runPromise(verifyContent(verifier, content, parsed.success.signature))
  return valid ? { ok: true } : refuse('the signature does not verify with the merchant public key')
}
