import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as NodeSdk from '@effect/opentelemetry/NodeSdk'
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics'
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base'
import { type Figure, figure, opsPerSecondInPairedChunks } from '@paychart/bench-kit'
import { makeMemoryStore, type PaychartOptions, type PaymentStore } from '@paychart/core'
import { openSqliteStore } from '@paychart/storage-sqlite'
import { Context, Effect, Exit, Layer, Scope } from 'effect'
import * as OtlpExporter from 'effect/observability/OtlpExporter'
import { otlpCollector } from '../support/otlp-collector.js'
import { type App, type Delivery, paychartOver, send } from './webhook-stores.bench.js'

// The webhook with telemetry on next to the same route with telemetry off, over the same store, in interleaved chunks
// of fresh first deliveries; telemetry set up two ways: @effect/opentelemetry's NodeSdk (OpenTelemetry's SDK, spans
// batched to an exporter that keeps none, metrics read every second), and Effect's own OTLP exporter (traces,
// metrics and logs as OTLP/JSON over fetch to a collector answered in memory). NodeSdk's tracer runs every step of
// an Effect inside OpenTelemetry's context (so that auto-instrumented libraries nest under its spans): that is most
// of its cost. Effect's exporter does not.
//
// Exporters batch: left to their 5 s schedule, the serialization of what a chunk made runs whenever the timer fires,
// inside whichever chunk (telemetry on or off) is running then, or after the timing ends. So every chunk with
// telemetry ends by flushing what the exporter holds, timed as part of that chunk: each figure carries the whole
// export of the spans, metrics and logs it made, once per chunk (more often than a merchant's exporter would post).

const PAYMENTS = 5_000
const CHUNK = 200
const WARM_CHUNKS = 4

/** Counts the spans it is handed and keeps none: memory stays flat however long the bench runs. */
const countingExporter = () => {
  let spans = 0
  const exporter: SpanExporter = {
    export: (batch, callback) => {
      spans += batch.length
      callback({ code: 0 })
    },
    shutdown: async () => {},
  }
  return { exporter, spans: () => spans }
}

interface Telemetry {
  readonly layer: NonNullable<PaychartOptions['telemetry']>
  /** How many spans (or batches of them) it exported: none means the figure measured nothing. */
  readonly spans: () => number
  /** Exports everything held (spans, metrics, logs) and resolves once it is sent. */
  readonly flush: () => Promise<void>
  readonly close: () => Promise<void>
}

/** @effect/opentelemetry's NodeSdk: OpenTelemetry's SDK, spans batched to an exporter, metrics read every second. */
const nodeSdk = async (): Promise<Telemetry> => {
  const counting = countingExporter()
  const spanProcessor = new BatchSpanProcessor(counting.exporter)
  const metricReader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 1_000,
  })
  const layer = NodeSdk.layer(() => ({ resource: { serviceName: 'paychart-bench' }, spanProcessor, metricReader }))
  return {
    layer,
    spans: counting.spans,
    flush: async () => {
      await spanProcessor.forceFlush()
      await metricReader.forceFlush()
    },
    close: async () => {},
  }
}

/**
 * Effect's own OTLP exporter with its default intervals: traces, metrics and logs as OTLP/JSON over fetch, to a
 * collector answered in memory that counts what it is sent and keeps none of it.
 */
const effectOtlp = async (): Promise<Telemetry> => {
  const collector = otlpCollector({ keep: false })
  // Built here, outside paychart, so that the bench holds its Flusher; paychart is given what it built.
  const scope = Effect.runSync(Scope.make())
  const built = await Effect.runPromise(Layer.buildWithScope(collector.layer, scope))
  return {
    layer: Layer.succeedContext(built),
    spans: () => collector.posts('/v1/traces'),
    flush: () => Effect.runPromise(Context.get(built, OtlpExporter.Flusher).flush),
    close: () => Effect.runPromise(Scope.close(scope, Exit.void)),
  }
}

const compare = async (
  name: string,
  telemetry: Telemetry,
  on: { readonly app: App; readonly deliveries: ReadonlyArray<Delivery> },
  off: { readonly app: App; readonly deliveries: ReadonlyArray<Delivery> },
): Promise<Figure> => {
  const chunkOf = (deliveries: ReadonlyArray<Delivery>, chunk: number) =>
    deliveries.slice(chunk * CHUNK, (chunk + 1) * CHUNK)
  // Both routes are slower for their first chunks (compilation, the store's maps growing): untimed.
  const { value, baselineValue } = await opsPerSecondInPairedChunks(
    { chunks: PAYMENTS / CHUNK, opsPerChunk: CHUNK, warmChunks: WARM_CHUNKS },
    async (chunk) => {
      await send(on.app, chunkOf(on.deliveries, chunk), 1)
      await telemetry.flush()
    },
    (chunk) => send(off.app, chunkOf(off.deliveries, chunk), 1),
  )
  return figure(name, value, 'notifications/s', 'the same route, telemetry off', baselineValue)
}

const measure = async (
  name: string,
  store: () => Layer.Layer<PaymentStore>,
  telemetryOf: () => Promise<Telemetry>,
): Promise<Figure> => {
  const telemetry = await telemetryOf()
  const on = await paychartOver(store(), 'ON', PAYMENTS, telemetry.layer)
  const off = await paychartOver(store(), 'OFF', PAYMENTS)
  // The untimed setup (creating the payments) made spans too: sent before the timing starts.
  await telemetry.flush()
  let result: Figure
  try {
    result = await compare(name, telemetry, on, off)
  } finally {
    await on.close()
    await off.close()
    await telemetry.close()
  }
  if (telemetry.spans() === 0) throw new Error(`${name}: no span was exported`)
  return result
}

export const telemetryFigures = async (): Promise<ReadonlyArray<Figure>> => {
  const dir = mkdtempSync(join(tmpdir(), 'paychart-telemetry-bench-'))
  let n = 0
  try {
    const memory = () => makeMemoryStore().layer
    const sqlite = () => openSqliteStore({ filename: join(dir, `store-${++n}.db`), synchronous: 'FULL' }).layer
    return [
      await measure('webhook with OpenTelemetry traces and metrics, memory store', memory, nodeSdk),
      await measure('webhook with OpenTelemetry traces and metrics, SQLite (WAL, synchronous FULL)', sqlite, nodeSdk),
      await measure("webhook with Effect's OTLP exporter (traces, metrics, logs), memory store", memory, effectOtlp),
      await measure(
        "webhook with Effect's OTLP exporter (traces, metrics, logs), SQLite (WAL, synchronous FULL)",
        sqlite,
        effectOtlp,
      ),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
