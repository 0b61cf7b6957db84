import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type HttpResponse, Transport } from '@paychart/antom'
import { Effect, Exit } from 'effect'
import { afterEach, describe, expect, it } from 'vitest'
import { type FetchTransportOptions, fetchTransport } from './fetch-transport.js'
import type { LogEntry } from './log.js'
import { answer, payRequest } from './request.fixtures.js'

interface Received {
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

type Handler = (res: ServerResponse, count: number) => void

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A real local server on 127.0.0.1; `handle` decides what happens to each (fully read) request. */
const listen = async (handle: Handler) => {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      handle(res, received.length)
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/ams/api/v1/payments/pay`, received }
}

const send = (url: string, options: FetchTransportOptions = {}) =>
  Effect.runPromiseExit(
    Transport.use((t) => t.send(payRequest(url))).pipe(
      Effect.provide(fetchTransport({ timeoutMs: 100, baseDelayMs: 1, maxDelayMs: 5, ...options })),
    ),
  )

const failureOf = (exit: Exit.Exit<HttpResponse, unknown>): unknown => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got status ${exit.value.status}`)
  const reason = exit.cause.reasons[0]
  return reason !== undefined && 'error' in reason ? reason.error : reason
}

const answerOf = (exit: Exit.Exit<HttpResponse, unknown>): HttpResponse => {
  if (Exit.isSuccess(exit)) return exit.value
  throw new Error(`expected an answer, got ${String(exit.cause)}`)
}

describe('fetchTransport over a real server', () => {
  it('round-trips the signed request and a raw UTF-8 body split mid-character, BOM kept', async () => {
    const body = `\uFEFF${answer('S', 'SUCCESS').slice(0, -1)},"merchant":"Café €"}`
    const bytes = Buffer.from(body, 'utf8')
    const split = bytes.indexOf(0xe2) + 1 // inside the three bytes of €
    const { url, received } = await listen((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Antom-Signature': 'abc' })
      res.write(bytes.subarray(0, split))
      setTimeout(() => res.end(bytes.subarray(split)), 10)
    })
    // A timeout well past the split's 10 ms: on a loaded machine 100 ms was once too short, and the request went twice.
    const response = answerOf(await send(url, { timeoutMs: 5_000 }))
    expect(response.status).toBe(200)
    expect(response.body).toBe(body)
    expect(response.headers).toMatchObject({ 'content-type': 'application/json', 'x-antom-signature': 'abc' })
    expect(received).toHaveLength(1)
    expect(received[0]?.body).toBe(payRequest(url).body)
    expect(received[0]?.headers).toMatchObject(payRequest(url).headers)
  })

  it('times out, resends identical bytes, then reports OutcomeUnknown timeout', async () => {
    const { url, received } = await listen(() => undefined) // never answers
    const log: LogEntry[] = []
    const started = Date.now()
    const error = failureOf(await send(url, { maxAttempts: 3, log: (e) => log.push(e) }))
    expect(error).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'timeout', url })
    expect(received).toHaveLength(3)
    for (const request of received) {
      expect(request.body).toBe(payRequest(url).body)
      expect(request.headers).toMatchObject(payRequest(url).headers)
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect(log.filter((e) => e.event === 'failure').map((e) => e.reason)).toEqual(['timeout', 'timeout', 'timeout'])
  })

  it('times out a body that stalls after the headers', async () => {
    const { url, received } = await listen((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"result":')
    })
    const error = failureOf(await send(url, { maxAttempts: 1 }))
    expect(error).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'timeout' })
    expect(received).toHaveLength(1)
  })

  it('retries a refused connection, then reports RequestNotSent', async () => {
    const { url } = await listen(() => undefined)
    const closing = servers.pop()
    await new Promise((resolve) => closing?.close(resolve))
    const log: LogEntry[] = []
    const error = failureOf(await send(url, { maxAttempts: 3, log: (e) => log.push(e) }))
    expect(error).toMatchObject({ _tag: 'RequestNotSent', url })
    expect((error as { reason: string }).reason).toContain('ECONNREFUSED')
    expect(log.filter((e) => e.event === 'attempt')).toHaveLength(3)
    expect(log.filter((e) => e.event === 'failure').every((e) => e.reason === 'notSent ECONNREFUSED')).toBe(true)
  })

  it('reports a socket destroyed mid-answer as OutcomeUnknown connectionLost, after retrying', async () => {
    const { url, received } = await listen((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' })
      res.write('{"result":{"resultCode":"SUCC')
      setTimeout(() => res.socket?.destroy(), 5)
    })
    const error = failureOf(await send(url, { maxAttempts: 2 }))
    expect(error).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'connectionLost' })
    expect(received).toHaveLength(2)
  })

  it('reports a socket destroyed before any answer as OutcomeUnknown connectionLost', async () => {
    const { url } = await listen((res) => res.socket?.destroy())
    const error = failureOf(await send(url, { maxAttempts: 1 }))
    expect(error).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'connectionLost' })
  })

  it('stops reading a chunked body at the cap: ResponseTooLarge, not retried', async () => {
    const chunk = 'x'.repeat(400)
    const { url, received } = await listen((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }) // no content-length
      const timer = setInterval(() => res.write(chunk), 2)
      res.on('close', () => clearInterval(timer))
    })
    const error = failureOf(await send(url, { maxResponseBytes: 1_000, timeoutMs: 2_000 }))
    expect(error).toMatchObject({ _tag: 'ResponseTooLarge', limitBytes: 1_000, url })
    expect(received).toHaveLength(1)
  })

  it('refuses a declared content-length over the cap, and accepts a body exactly at the cap', async () => {
    const big = await listen((res) => {
      res.writeHead(200, { 'Content-Length': '5000' })
      res.write('y'.repeat(10)) // then stalls: only the declared length can refuse it before the timeout
    })
    expect(failureOf(await send(big.url, { maxResponseBytes: 1_000 }))).toMatchObject({ _tag: 'ResponseTooLarge' })
    const exact = await listen((res) => res.end('y'.repeat(1_000)))
    expect(answerOf(await send(exact.url, { maxResponseBytes: 1_000 })).body).toHaveLength(1_000)
  })

  it('aborts the exchange when the caller interrupts the send', async () => {
    let closed = false
    const { url } = await listen((res) => res.on('close', () => (closed = true)))
    const program = Transport.use((t) => t.send(payRequest(url))).pipe(
      Effect.timeout('30 millis'),
      Effect.provide(fetchTransport({ timeoutMs: 5_000 })),
    )
    const started = Date.now()
    const exit = await Effect.runPromiseExit(program)
    expect(Exit.isFailure(exit)).toBe(true)
    expect(Date.now() - started).toBeLessThan(1_000)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(closed).toBe(true)
  })

  it('times out even a fetch that ignores its abort signal', async () => {
    const exit = await send('https://gw.test/pay', { maxAttempts: 1, fetch: () => new Promise(() => undefined) })
    expect(failureOf(exit)).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'timeout' })
  })
})
