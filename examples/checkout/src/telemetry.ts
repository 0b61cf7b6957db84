import * as NodeSdk from '@effect/opentelemetry/NodeSdk'
import { ConsoleMetricExporter, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics'
import { BatchSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base'
import type { PaychartOptions } from '@paychart/core'
import * as FetchHttpClient from 'effect/http/FetchHttpClient'
import * as Layer from 'effect/Layer'
import * as Otlp from 'effect/observability/Otlp'

export type TelemetryChoice =
  | { readonly kind: 'off' }
  | {
      readonly kind: 'console' | 'otlp'
      readonly describe: string
      readonly layer: NonNullable<PaychartOptions['telemetry']>
    }

const SERVICE = { serviceName: 'paychart-checkout' }

/** `OTEL_EXPORTER_OTLP_HEADERS`: `key=value` pairs separated by commas, values URL-encoded. */
const headersOf = (text: string | undefined): Record<string, string> =>
  Object.fromEntries(
    (text ?? '')
      .split(',')
      .map((pair) => pair.split('='))
      .filter((parts): parts is [string, string] => parts.length === 2 && parts[0]?.trim() !== '')
      .map(([key, value]) => [key.trim(), decodeURIComponent(value.trim())]),
  )

/**
 * Where the shop's traces, metrics and logs go, from the environment: to an OTLP collector at
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (with `OTEL_EXPORTER_OTLP_HEADERS`) through Effect's own OTLP exporter, the cheapest
 * (see the core README's "Telemetry"); to the console with `PAYCHART_TELEMETRY=console`, through OpenTelemetry's
 * SDK; else nowhere.
 */
export const telemetryFromEnv = (env: Readonly<Record<string, string | undefined>>): TelemetryChoice => {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT
  if (endpoint !== undefined && endpoint !== '') {
    return {
      kind: 'otlp',
      describe: `OTLP to ${endpoint}`,
      layer: Otlp.layerJson({
        baseUrl: endpoint,
        resource: SERVICE,
        headers: headersOf(env.OTEL_EXPORTER_OTLP_HEADERS),
      }).pipe(Layer.provide(FetchHttpClient.layer)),
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
