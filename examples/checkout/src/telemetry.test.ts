import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as NodeSdk from '@effect/opentelemetry/NodeSdk'
import { type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base'
import { describe, expect, it } from 'vitest'
import { cardForm, inProcessCheckout, SUCCESS_CARD } from './checkout.fixtures.js'
import { telemetryFromEnv } from './telemetry.js'

describe('the shop telemetry', () => {
  it('goes to an OTLP collector when its endpoint is set, to the console when asked, else nowhere', () => {
    expect(telemetryFromEnv({}).kind).toBe('off')
    expect(telemetryFromEnv({ PAYCHART_TELEMETRY: 'console' }).kind).toBe('console')
    const otlp = telemetryFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      PAYCHART_TELEMETRY: 'console',
    })
    expect(otlp).toMatchObject({ kind: 'otlp', describe: 'OTLP to http://collector:4318' })
  })

  it('exports the spans of a card paid on its form, none carrying the card', async () => {
    const spans: Array<ReadableSpan> = []
    const exporter: SpanExporter = {
      export: (batch, callback) => {
        spans.push(...batch)
        callback({ code: 0 })
      },
      shutdown: async () => {},
    }
    const telemetry = NodeSdk.layer(() => ({
      resource: { serviceName: 'checkout-test' },
      spanProcessor: new SimpleSpanProcessor(exporter),
    }))
    const world = await inProcessCheckout({ telemetry })
    try {
      const paid = await world.follow(await world.request('/checkout/card', cardForm(SUCCESS_CARD)))
      expect(paid.url).toMatch(/\/checkout\/[^/]+\/result/)
      await world.deliver()
      const names = spans.map((span) => span.name)
      expect(names).toEqual(expect.arrayContaining(['Engine.startAttempt', 'antom.gateway.pay', 'PaymentStore.commit']))
      const text = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events]))
      expect(text).not.toContain(SUCCESS_CARD)
      expect(text).not.toMatch(/cardNo|cvv|expiryYear/i)
    } finally {
      await world.close()
    }
  })

  it('posts its spans to the OTLP collector at OTEL_EXPORTER_OTLP_ENDPOINT, with OTEL_EXPORTER_OTLP_HEADERS', async () => {
    const posts: Array<{ path: string; authorization: string | undefined; body: string }> = []
    const collector = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8')
      })
      request.on('end', () => {
        posts.push({ path: request.url ?? '', authorization: request.headers.authorization, body })
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      })
    })
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = collector.address() as AddressInfo
      const choice = telemetryFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20collector-token',
      })
      if (choice.kind === 'off') throw new Error('telemetry is off')
      const world = await inProcessCheckout({ telemetry: choice.layer })
      try {
        await world.follow(await world.request('/checkout/card', cardForm(SUCCESS_CARD)))
        await world.deliver()
      } finally {
        // Closing flushes what the exporter still holds.
        await world.close()
      }
      const traces = posts.filter((post) => post.path === '/v1/traces')
      expect(traces.length).toBeGreaterThan(0)
      expect(traces.every((post) => post.authorization === 'Bearer collector-token')).toBe(true)
      const text = traces.map((post) => post.body).join('\n')
      expect(text).toContain('"name":"antom.gateway.pay"')
      expect(text).not.toContain(SUCCESS_CARD)
      expect(text).not.toMatch(/cardNo|cvv|expiryYear/i)
    } finally {
      await new Promise((resolve) => collector.close(resolve))
    }
  })
})
