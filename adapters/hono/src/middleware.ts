import { header, type Verifier, verifyNotification } from '@paychart/antom'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import type { Context, MiddlewareHandler } from 'hono'
import { type AntomAnswer, answerResponse, antomAnswer } from './answers.js'

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024
export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000

/** What `bodyLimit` leaves for the handlers after it: the raw body, read once, byte for byte. */
export type RawBodyEnv = { Variables: { rawBody: string } }

export interface BodyLimitOptions {
  /** Default 64 KiB. */
  readonly maxBytes?: number
  /** The answer for a body over the limit; default a 413 in the gateway's result format. */
  readonly onTooLarge?: (c: Context) => Response | Promise<Response>
}

const tooLarge = (maxBytes: number) => antomAnswer(413, 'PARAM_ILLEGAL', `body larger than ${maxBytes} bytes`)

type Read = { readonly text: string } | { readonly failure: AntomAnswer }

/** Reads the body with a byte cap: stops (and cancels the stream) as soon as the cap is passed. */
const readCapped = async (request: Request, maxBytes: number): Promise<Read> => {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) return { failure: tooLarge(maxBytes) }
  if (request.body === null) return { text: '' }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return { failure: tooLarge(maxBytes) }
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    return { failure: antomAnswer(400, 'PARAM_ILLEGAL', 'body is not UTF-8') }
  }
}

/**
 * Reads the raw body once, checking both the declared `content-length` and the bytes actually read against
 * `maxBytes` (413 past it), and leaves it in `c.var.rawBody`: signatures are checked over exactly these bytes.
 */
export const bodyLimit = ({
  maxBytes = DEFAULT_MAX_BODY_BYTES,
  onTooLarge,
}: BodyLimitOptions = {}): MiddlewareHandler<RawBodyEnv> =>
  async function bodyLimitMiddleware(c, next) {
    const read = await readCapped(c.req.raw, maxBytes)
    if ('failure' in read) {
      return read.failure.status === 413 && onTooLarge !== undefined ? onTooLarge(c) : answerResponse(read.failure)
    }
    c.set('rawBody', read.text)
    await next()
  }

export interface AntomSignatureOptions {
  /** The gateway's public key (`importPublicKey` of the key from the Antom dashboard). */
  readonly publicKey: Verifier
  /** The merchant's client id: the signed content names it, and a `client-id` header naming another is refused. */
  readonly clientId: string
  /** How far `request-time` may be from `now`, either way. Default 5 minutes. */
  readonly toleranceMs?: number
  /** Default `Date.now`. */
  readonly now?: () => number
  /** The path the gateway signed; default the request's own path (set it when a proxy rewrites paths). */
  readonly signedPath?: (c: Context) => string
}

const unauthorized = (reason: string) => answerResponse(antomAnswer(401, 'INVALID_SIGNATURE', reason))

/**
 * Verifies the gateway's `Signature` over `POST <path>\n<client-id>.<request-time>.<raw body>` and that
 * `request-time` is within `toleranceMs` of now: 401 otherwise, and nothing after it runs. Put it after `bodyLimit`
 * (it reads the raw body from there, or reads the body itself when alone).
 */
export const antomSignature = ({
  publicKey,
  clientId,
  toleranceMs = DEFAULT_TOLERANCE_MS,
  now = Date.now,
  signedPath = (c) => c.req.path,
}: AntomSignatureOptions): MiddlewareHandler<RawBodyEnv> =>
  async function antomSignatureMiddleware(c, next) {
    let body = c.get('rawBody') as string | undefined
    if (body === undefined) {
      body = await c.req.text()
      c.set('rawBody', body)
    }
    const headers = c.req.raw.headers
    const verified = await Effect.runPromiseExit(
      verifyNotification({ path: signedPath(c), clientId, headers, body, publicKey }),
    )
    if (Exit.isFailure(verified)) return unauthorized('signature missing or invalid')
    const time = Number(header(headers, 'request-time'))
    if (!Number.isFinite(time) || Math.abs(now() - time) > toleranceMs) {
      return unauthorized('request-time outside the accepted window')
    }
    await next()
  }
