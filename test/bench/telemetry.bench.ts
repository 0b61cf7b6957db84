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
import { type Figure, figure } from '@paychart/bench-kit'
import { makeMemoryStore, type PaychartOptions, type PaymentStore } from '@paychart/core'
import { openSqliteStore } from '@paychart/storage-sqlite'
import type { Layer } from 'effect'
import { otlpCollector } from '../support/otlp-collector.js'
import { type App, type Delivery, paychartOver, send } from './webhook-stores.bench.js'

// The webhook with telemetry on next to the same route with telemetry off, over the same store, in interleaved chunks
// of fresh first deliveries; telemetry set up two ways: @effect/opentelemetry's NodeSdk (OpenTelemetry's SDK, spans
// batched to an exporter that keeps none, metrics read every second), and Effect's own OTLP exporter (traces,
// metrics and logs as OTLP/JSON over fetch to a collector answered in memory). NodeSdk's tracer runs every step of
// an Effect inside OpenTelemetry's context (so that auto-instrumented libraries nest under its spans): that is most
// of its cost. Effect's exporter does not.

const PAYMENTS = 2_400
/** Longer than the span exporters' 5 s schedule (BatchSpanProcessor's and Effect's OtlpTracer's defaults). */
const SETTLE_MS = 5_500
const CHUNK = 100

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
}

/** @effect/opentelemetry's NodeSdk: OpenTelemetry's SDK, spans batched to an exporter, metrics read every second. */
const nodeSdk = (): Telemetry => {
  const counting = countingExporter()
  const layer = NodeSdk.layer(() => ({
    resource: { serviceName: 'paychart-bench' },
    spanProcessor: new BatchSpanProcessor(counting.exporter),
    metricReader: new PeriodicExportingMetricReader({
      exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
      exportIntervalMillis: 1_000,
    }),
  }))
  return { layer, spans: counting.spans }
}

/**
 * Effect's own OTLP exporter with its default intervals: traces, metrics and logs as OTLP/JSON over fetch, to a
 * collector answered in memory that counts what it is sent and keeps none of it.
 */
const effectOtlp = (): Telemetry => {
  const collector = otlpCollector({ keep: false })
  return { layer: collector.layer, spans: () => collector.posts('/v1/traces') }
}

const compare = async (
  name: string,
  on: { readonly app: App; readonly deliveries: ReadonlyArray<Delivery> },
  off: { readonly app: App; readonly deliveries: ReadonlyArray<Delivery> },
): Promise<Figure> => {
  let onMs = 0
  let offMs = 0
  await send(on.app, on.deliveries.slice(0, CHUNK), 1)
  await send(off.app, off.deliveries.slice(0, CHUNK), 1)
  // Which goes first alternates chunk by chunk: the one that follows the other pays for what it left (its garbage).
  for (let at = CHUNK, round = 0; at < on.deliveries.length; at += CHUNK, round++) {
    const chunkOf = (deliveries: ReadonlyArray<Delivery>) => deliveries.slice(at, at + CHUNK)
    if (round % 2 === 0) {
      onMs += await send(on.app, chunkOf(on.deliveries), 1)
      offMs += await send(off.app, chunkOf(off.deliveries), 1)
    } else {
      offMs += await send(off.app, chunkOf(off.deliveries), 1)
      onMs += await send(on.app, chunkOf(on.deliveries), 1)
    }
  }
  const timed = on.deliveries.length - CHUNK
  return figure(name, (timed * 1000) / onMs, 'notifications/s', 'the same route, telemetry off', (timed * 1000) / offMs)
}

const measure = async (
  name: string,
  store: () => Layer.Layer<PaymentStore>,
  telemetryOf: () => Telemetry,
): Promise<Figure> => {
  const telemetry = telemetryOf()
  const on = await paychartOver(store(), 'ON', PAYMENTS, telemetry.layer)
  const off = await paychartOver(store(), 'OFF', PAYMENTS)
  // The untimed setup (creating the payments) made spans too: both exporters send what they hold every 5 s, so
  // waiting that long lets those go out before the timing starts, instead of into the first timed chunks.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  let result: Figure
  try {
    result = await compare(name, on, off)
  } finally {
    // Closing sends what the exporter still holds: the count below includes it.
    await on.close()
    await off.close()
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
