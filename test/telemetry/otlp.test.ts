import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { otlpCollector } from '../support/otlp-collector.js'
import { runCardFlows, SUCCESS, THREE_DS } from './card-flows.fixtures.js'

// The same card payments with Effect's own OTLP exporter (`effect/observability/Otlp`, JSON over FetchHttpClient)
// given to createPaychart as `telemetry`: what it posts to the collector is kept as sent, then scanned for card data
// and keys, and one notification's spans followed to the store.

const collector = otlpCollector()
let world: Awaited<ReturnType<typeof runCardFlows>> | undefined
let merchantKey = ''

beforeAll(async () => {
  world = await runCardFlows(collector.layer)
  merchantKey = world.keys.merchantPrivateKey
  // Closing paychart closes the exporter's scope, which posts what it still holds.
  await world.close()
  world = undefined
}, 60_000)

afterAll(async () => {
  await world?.close()
})

const attribute = (span: ReturnType<typeof collector.spans>[number], key: string) =>
  span.attributes.find((a) => a.key === key)?.value.stringValue

describe("telemetry through Effect's own OTLP exporter", () => {
  it('posts no card data and no key in any span, metric or log record', () => {
    expect(collector.spans().length).toBeGreaterThan(20)
    expect(collector.logCount()).toBeGreaterThan(10)
    const text = collector.text()
    for (const secret of [SUCCESS, THREE_DS, merchantKey.slice(40, 80)]) expect(text).not.toContain(secret)
    expect(text).not.toMatch(/cardNo|cvv|expiryYear|expiryMonth|cardMetaData/i)
  })

  it('follows a notification from the webhook to the store, and a capture to the gateway', () => {
    const spans = collector.spans()
    const below = (parent: string): ReadonlyArray<(typeof spans)[number]> => {
      const children = spans.filter((span) => span.parentSpanId === parent)
      return [...children, ...children.flatMap((child) => below(child.spanId))]
    }
    const notified = spans.filter((span) => span.name === 'Engine.handleNotification')
    const applied = notified.find((span) =>
      below(span.spanId).some((d) => attribute(d, 'paychart.payment_request_id') === 'OT-AUTO'),
    )
    expect(applied).toBeDefined()
    expect(below(applied?.spanId ?? '').map((span) => span.name)).toEqual(
      expect.arrayContaining(['Engine.handle', 'PaymentStore.commit']),
    )
    const capture = spans.filter((span) => span.name === 'antom.gateway.capture')
    expect(capture).toHaveLength(1)
    expect(attribute(capture[0] as (typeof spans)[number], 'antom.result_code')).toBe('SUCCESS')
  })

  it('posts the metrics paychart records', () => {
    expect(collector.metricNames()).toEqual(
      expect.arrayContaining([
        'paychart.payment.events',
        'paychart.gateway.calls',
        'paychart.notifications',
        'paychart.notifications.lag',
        'paychart.payments',
      ]),
    )
  })
})
