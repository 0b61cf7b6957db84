import * as NodeSdk from '@effect/opentelemetry/NodeSdk'
import type { ExportResult } from '@opentelemetry/core'
import { type LogRecordExporter, type ReadableLogRecord, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs'
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics'
import { type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base'
import type { SimulatorKeys } from '@paychart/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCardFlows, SUCCESS, THREE_DS } from './card-flows.fixtures.js'

// Traces, metrics and logs exported through OpenTelemetry (@effect/opentelemetry's NodeSdk layer, given to
// createPaychart as `telemetry`) while card payments run against the simulator: the real antomGateway over fetch,
// the Hono webhook routes taking the simulator's signed notifications. Every exported span and log record is then
// scanned for card data and keys, and one payment's spans are followed from the webhook to the store and the gateway.

/** Keeps every span and log record exported (the SDK's in-memory exporters forget theirs at shutdown). */
const collecting = () => {
  const spans: Array<ReadableSpan> = []
  const logs: Array<ReadableLogRecord> = []
  const done = (callback: (result: ExportResult) => void) => callback({ code: 0 })
  const spanExporter: SpanExporter = {
    export: (batch, callback) => {
      spans.push(...batch)
      done(callback)
    },
    shutdown: async () => {},
  }
  const logExporter: LogRecordExporter = {
    export: (batch, callback) => {
      logs.push(...batch)
      done(callback)
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  }
  return { spans, logs, spanExporter, logExporter }
}

let keys: SimulatorKeys
let world: Awaited<ReturnType<typeof runCardFlows>> | undefined
let metricExporter: InMemoryMetricExporter
let reader: PeriodicExportingMetricReader
const exported = collecting()

beforeAll(async () => {
  metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
  reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 })
  const otel = NodeSdk.layer(() => ({
    resource: { serviceName: 'paychart-telemetry-test' },
    spanProcessor: new SimpleSpanProcessor(exported.spanExporter),
    metricReader: reader,
    logRecordProcessor: new SimpleLogRecordProcessor({ exporter: exported.logExporter }),
  }))
  world = await runCardFlows(otel)
  keys = world.keys
  await reader.forceFlush()
}, 60_000)

afterAll(async () => {
  await world?.close()
})

const spanNamed = (name: string, paymentRequestId?: string) =>
  exported.spans.filter(
    (span) =>
      span.name === name &&
      (paymentRequestId === undefined || span.attributes['paychart.payment_request_id'] === paymentRequestId),
  )

/** Every span of a trace under `root`, by walking parent links. */
const descendants = (root: ReadableSpan): ReadonlyArray<ReadableSpan> => {
  const children = exported.spans.filter((span) => span.parentSpanContext?.spanId === root.spanContext().spanId)
  return [...children, ...children.flatMap(descendants)]
}

describe('telemetry through OpenTelemetry', () => {
  it('exports no card data and no key in any span or log record', () => {
    expect(exported.spans.length).toBeGreaterThan(20)
    expect(exported.logs.length).toBeGreaterThan(10)
    const text = JSON.stringify([
      exported.spans.map((span) => [span.name, span.attributes, span.events, span.status]),
      exported.logs.map((log) => [log.body, log.attributes]),
    ])
    for (const secret of [SUCCESS, THREE_DS, keys.merchantPrivateKey.slice(40, 80)]) {
      expect(text).not.toContain(secret)
    }
    // A CVV's three digits turn up by chance in ids: the names of the card's fields tell whether one went out.
    expect(text).not.toMatch(/cardNo|cvv|expiryYear|expiryMonth|cardMetaData/i)
  })

  it('follows a notification from the webhook to the store, and a capture from the engine to the gateway', () => {
    const notified = exported.spans.filter((span) => span.name === 'Engine.handleNotification')
    expect(notified.length).toBeGreaterThan(0)
    const applied = notified.find((span) =>
      descendants(span).some((d) => d.attributes['paychart.payment_request_id'] === 'OT-AUTO'),
    )
    expect(applied).toBeDefined()
    const below = descendants(applied as ReadableSpan).map((span) => span.name)
    expect(below).toEqual(expect.arrayContaining(['Engine.handle', 'PaymentStore.commit']))

    const capture = spanNamed('antom.gateway.capture')
    expect(capture.length).toBe(1)
    const trace = exported.spans.filter((span) => span.spanContext().traceId === capture[0]?.spanContext().traceId)
    expect(trace.map((span) => span.name)).toEqual(
      expect.arrayContaining(['Engine.handle', 'PaymentStore.commit', 'antom.capture', 'FetchTransport.send']),
    )
    expect(capture[0]?.attributes).toMatchObject({ 'antom.result_status': 'S', 'antom.result_code': 'SUCCESS' })
    const handled = spanNamed('Engine.handle', 'OT-MANUAL').map((span) => span.attributes['paychart.state.to'])
    expect(handled).toEqual(expect.arrayContaining(['capturing', 'captured']))
  })

  it('exports the metrics: events, gateway calls with their result codes, notifications, the backlog', () => {
    const metrics = new Map(
      metricExporter
        .getMetrics()
        .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics))
        .map((metric) => [metric.descriptor.name, metric.dataPoints] as const),
    )
    const point = (name: string, attributes: Record<string, string>) =>
      metrics.get(name)?.find((p) => Object.entries(attributes).every(([key, value]) => p.attributes[key] === value))
        ?.value
    expect(point('paychart.payment.events', { event: 'CAPTURE_NOTIFIED', to: 'captured' })).toBeGreaterThan(0)
    expect(point('paychart.gateway.calls', { kind: 'capture', resultCode: 'SUCCESS' })).toBe(1)
    expect(point('paychart.notifications', { outcome: 'applied' })).toBeGreaterThan(0)
    expect(point('paychart.payments', { state: 'captured' })).toBe(2)
    expect(metrics.has('paychart.gateway.duration')).toBe(true)
    expect(metrics.has('paychart.unknown_outcomes')).toBe(true)
    // The simulator stamps paymentTime and captureTime: the webhook records how late each was told.
    expect(metrics.get('paychart.notifications.lag')?.map((p) => p.attributes.notifyType)).toEqual(
      expect.arrayContaining(['PAYMENT_RESULT', 'CAPTURE_RESULT']),
    )
  })
})
