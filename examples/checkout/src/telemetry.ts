import * as NodeSdk from '@effect/opentelemetry/NodeSdk'
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { ConsoleMetricExporter, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics'
import { BatchSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base'
import type { PaychartOptions } from '@paychart/core'

export type TelemetryChoice =
  | { readonly kind: 'off' }
  | {
      readonly kind: 'console' | 'otlp'
      readonly describe: string
      readonly layer: NonNullable<PaychartOptions['telemetry']>
    }

const SERVICE = { serviceName: 'paychart-checkout' }

/**
 * Where the shop's traces and metrics go, from the environment: to an OTLP collector when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set (the exporters read it, and `OTEL_EXPORTER_OTLP_HEADERS`, themselves), to the
 * console with `PAYCHART_TELEMETRY=console`, else nowhere.
 */
export const telemetryFromEnv = (env: Readonly<Record<string, string | undefined>>): TelemetryChoice => {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT
  if (endpoint !== undefined && endpoint !== '') {
    return {
      kind: 'otlp',
      describe: `OTLP to ${endpoint}`,
      layer: NodeSdk.layer(() => ({
        resource: SERVICE,
        spanProcessor: new BatchSpanProcessor(new OTLPTraceExporter()),
        metricReader: new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() }),
      })),
    }
  }
  if (env.PAYCHART_TELEMETRY === 'console') {
    return {
      kind: 'console',
      describe: 'spans and metrics to the console',
      layer: NodeSdk.layer(() => ({
        resource: SERVICE,
        spanProcessor: new BatchSpanProcessor(new ConsoleSpanExporter()),
        metricReader: new PeriodicExportingMetricReader({
          exporter: new ConsoleMetricExporter(),
          exportIntervalMillis: 60_000,
        }),
      })),
    }
  }
  return { kind: 'off' }
}
