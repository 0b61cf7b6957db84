import { type HttpResponse as Answer, OutcomeUnknown, Transport } from '@paychart/antom'
import { Effect, Exit } from 'effect'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type FetchTransportOptions, fetchTransport, makeFetchTransport } from './fetch-transport.js'
import { headersToRecord } from './headers.js'
import type { LogEntry } from './log.js'
import { answer, cardNumber, cvv, payRequest } from './request.fixtures.js'

const url = 'https://open-sea-global.alipay.com/ams/api/v1/payments/pay'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

interface Seen {
  readonly method: string
  readonly headers: Record<string, string>
  readonly body: string
}

/** Answers in turn (the last one repeats) and records every request the gateway saw. */
const gateway = (...answers: ReadonlyArray<() => Response>) => {
  const seen: Seen[] = []
  server.use(
    http.post(url, async ({ request }) => {
      seen.push({ method: request.method, headers: headersToRecord(request.headers), body: await request.text() })
      const next = answers[Math.min(seen.length, answers.length) - 1]
      return next === undefined ? HttpResponse.error() : next()
    }),
  )
  return seen
}

const json =
  (body: string, status = 200) =>
  () =>
    new HttpResponse(body, { status, headers: { 'Content-Type': 'application/json', 'Response-Time': 't1' } })

const send = (options: FetchTransportOptions = {}) =>
  Effect.runPromiseExit(
    Transport.use((t) => t.send(payRequest(url))).pipe(
      Effect.provide(fetchTransport({ baseDelayMs: 1, maxDelayMs: 2, ...options })),
    ),
  )

const answered = (exit: Exit.Exit<Answer, unknown>): Answer => {
  if (Exit.isSuccess(exit)) return exit.value
  throw new Error(`expected an answer, got ${String(exit.cause)}`)
}

describe('fetchTransport under msw', () => {
  it('round-trips: the request as signed, the answer raw with lower-case headers', async () => {
    const body = `{"result": {"resultCode":"SUCCESS","resultStatus":"S"} , "note":"naïve €"}\n`
    const seen = gateway(json(body))
    const response = answered(await send())
    expect(response).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json', 'response-time': 't1' }),
      body,
    })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.method).toBe('POST')
    expect(seen[0]?.body).toBe(payRequest(url).body)
    expect(seen[0]?.headers).toMatchObject(payRequest(url).headers)
  })

  it('resends the same request after U REQUEST_TRAFFIC_EXCEED_LIMIT and returns the S', async () => {
    const seen = gateway(json(answer('U', 'REQUEST_TRAFFIC_EXCEED_LIMIT')), json(answer('S', 'SUCCESS')))
    const log: LogEntry[] = []
    const response = answered(await send({ log: (entry) => log.push(entry) }))
    expect(response.body).toBe(answer('S', 'SUCCESS'))
    expect(seen).toHaveLength(2)
    expect(seen[1]).toEqual(seen[0])
    expect(log.map((e) => e.event)).toEqual(['attempt', 'response', 'retry', 'attempt', 'response'])
    expect(log[2]).toMatchObject({ attempt: 1, reason: 'REQUEST_TRAFFIC_EXCEED_LIMIT' })
  })

  it('returns the last U UNKNOWN_EXCEPTION when attempts run out', async () => {
    const seen = gateway(json(answer('U', 'UNKNOWN_EXCEPTION')))
    const response = answered(await send({ maxAttempts: 3 }))
    expect(response.body).toBe(answer('U', 'UNKNOWN_EXCEPTION'))
    expect(seen).toHaveLength(3)
  })

  it.each([
    ['an F answer', json(answer('F', 'DO_NOT_HONOR'))],
    ['another U answer', json(answer('U', 'PAYMENT_IN_PROCESS'))],
    ['HTTP 500 with a body', json('{"error":"internal"}', 500)],
    ['HTTP 429 without JSON', json('slow down', 429)],
  ])('does not retry %s: it is returned as is', async (_name, reply) => {
    const seen = gateway(reply)
    const response = answered(await send())
    expect(response.status).toBe(reply().status)
    expect(response.body).toBe(await reply().text())
    expect(seen).toHaveLength(1)
  })

  it('returns an empty body as the empty string', async () => {
    gateway(() => new HttpResponse(null, { status: 204 }))
    expect(answered(await send())).toEqual({ status: 204, headers: {}, body: '' })
  })

  it('treats a network error it cannot classify as maybe sent: retried, then OutcomeUnknown', async () => {
    const seen = gateway(() => HttpResponse.error())
    const exit = await send({ maxAttempts: 2 })
    expect(seen).toHaveLength(2)
    expect(exit).toMatchObject({ _tag: 'Failure' })
    const error = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
    expect(error).toMatchObject({ error: expect.any(OutcomeUnknown) })
    expect(error).toMatchObject({ error: { reason: 'connectionLost', url } })
  })

  it('never logs or returns card data or header values', async () => {
    const entries: LogEntry[] = []
    const log = (entry: LogEntry) => entries.push(entry)
    gateway(json(answer('U', 'UNKNOWN_EXCEPTION')), json(`{"echo":${payRequest(url).body}}`))
    const ok = await send({ log })
    gateway(() => HttpResponse.error())
    const failed = await send({ log, maxAttempts: 2 })
    expect(Exit.isSuccess(ok)).toBe(true)
    expect(Exit.isFailure(failed)).toBe(true)
    const everything = JSON.stringify(entries) + JSON.stringify(failed) + String(Exit.isFailure(failed) && failed.cause)
    expect(entries.length).toBeGreaterThan(6)
    for (const secret of [cardNumber, `"${cvv}"`, 'c2lnbmF0dXJlLXNlY3JldA', 'SANDBOX_5YC1234']) {
      expect(everything).not.toContain(secret)
    }
    expect(new Set(entries.flatMap((e) => Object.keys(e)))).toEqual(
      new Set(['event', 'url', 'attempt', 'durationMs', 'status', 'reason', 'delayMs']),
    )
  })

  it.each([
    ['a header value that is not a byte string', { ...payRequest(url), headers: { signature: 'sig\u2026' } }],
    ['a URL fetch cannot parse', { ...payRequest(url), url: 'not a url' }],
  ])('reports %s as RequestNotSent at once, without calling fetch', async (_name, request) => {
    let calls = 0
    const log: LogEntry[] = []
    const counting = (input: string, init: RequestInit) => {
      calls++
      return fetch(input, init)
    }
    const transport = makeFetchTransport({ log: (e) => log.push(e), fetch: counting })
    const error = await Effect.runPromise(Effect.flip(transport.send(request)))
    expect(error).toMatchObject({ _tag: 'RequestNotSent', url: request.url })
    expect(error.message).toContain('before sending: TypeError')
    expect(error.message).not.toContain('sig')
    expect(calls).toBe(0)
    expect(log.map((e) => [e.event, e.reason])).toEqual([
      ['attempt', undefined],
      ['failure', 'unsendable'],
    ])
  })

  it('keeps sending when the logger throws', async () => {
    gateway(json(answer('S', 'SUCCESS')))
    const exit = await send({
      log: () => {
        throw new Error('logger down')
      },
    })
    expect(Exit.isSuccess(exit)).toBe(true)
  })

  it('gives the plain service too, and rejects nonsense options when built', async () => {
    gateway(json(answer('S', 'SUCCESS')))
    const transport = makeFetchTransport()
    expect((await Effect.runPromise(transport.send(payRequest(url)))).status).toBe(200)
    expect(() => makeFetchTransport({ timeoutMs: 0 })).toThrow(RangeError)
    expect(() => makeFetchTransport({ maxAttempts: 0 })).toThrow(RangeError)
    expect(() => makeFetchTransport({ maxDelayMs: Number.NaN })).toThrow(RangeError)
  })
})
