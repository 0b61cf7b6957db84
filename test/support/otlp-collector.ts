import type * as Duration from 'effect/Duration'
import * as FetchHttpClient from 'effect/http/FetchHttpClient'
import * as Layer from 'effect/Layer'
import * as Otlp from 'effect/observability/Otlp'

/** One span as OTLP/JSON carries it (the fields the tests read). */
export interface OtlpSpan {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId?: string
  readonly name: string
  readonly attributes: ReadonlyArray<{ readonly key: string; readonly value: Record<string, unknown> }>
}

interface Received {
  readonly path: string
  readonly body: RequestInit['body']
}

/** A body as posted; decoded only when read, so that keeping it costs the exporter's process nothing. */
const textOf = (body: Received['body']): string =>
  typeof body === 'string' ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : ''

const json = (received: ReadonlyArray<Received>, path: string) =>
  received.filter((r) => r.path === path).map((r) => JSON.parse(textOf(r.body)) as Record<string, unknown>)

export interface OtlpCollectorOptions {
  /** Every signal's export interval; Effect's defaults unless set. */
  readonly exportInterval?: Duration.Input
  /** Default true: keep every body (what the tests read); false counts the posts and keeps none (the benchmark). */
  readonly keep?: boolean
}

/**
 * Effect's own OTLP exporter (`effect/observability/Otlp`, JSON over `FetchHttpClient`) as a merchant sets it up, its
 * `fetch` answered in memory like a collector: every body it posts is kept, as sent, or only counted.
 */
export const otlpCollector = (options: OtlpCollectorOptions = {}) => {
  const received: Array<Received> = []
  const counts = new Map<string, number>()
  const collect = async (input: string | URL | Request, init?: RequestInit) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname
    counts.set(path, (counts.get(path) ?? 0) + 1)
    if (options.keep !== false) received.push({ path, body: init?.body })
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
  }
  const interval = options.exportInterval
  const layer = Otlp.layerJson({
    baseUrl: 'http://collector.test',
    resource: { serviceName: 'paychart-otlp-test' },
    ...(interval === undefined
      ? {}
      : { tracerExportInterval: interval, metricsExportInterval: interval, loggerExportInterval: interval }),
  }).pipe(
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(Layer.succeed(FetchHttpClient.Fetch, collect as typeof globalThis.fetch)),
  )
  const spans = (): ReadonlyArray<OtlpSpan> =>
    json(received, '/v1/traces').flatMap((body) =>
      (body.resourceSpans as ReadonlyArray<{ scopeSpans: ReadonlyArray<{ spans: ReadonlyArray<OtlpSpan> }> }>).flatMap(
        (resource) => resource.scopeSpans.flatMap((scope) => scope.spans),
      ),
    )
  const metricNames = (): ReadonlyArray<string> =>
    json(received, '/v1/metrics').flatMap((body) =>
      (
        body.resourceMetrics as ReadonlyArray<{
          scopeMetrics: ReadonlyArray<{ metrics: ReadonlyArray<{ name: string }> }>
        }>
      ).flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics.map((metric) => metric.name))),
    )
  const logCount = (): number =>
    json(received, '/v1/logs').reduce(
      (count, body) =>
        count +
        (body.resourceLogs as ReadonlyArray<{ scopeLogs: ReadonlyArray<{ logRecords: ReadonlyArray<unknown> }> }>)
          .flatMap((resource) => resource.scopeLogs)
          .reduce((n, scope) => n + scope.logRecords.length, 0),
      0,
    )
  /** Everything posted, as text: what a scan for secrets reads. */
  const text = () => received.map((r) => textOf(r.body)).join('\n')
  /** How many bodies went to `path` (`/v1/traces`), read without decoding any. */
  const posts = (path: string) => counts.get(path) ?? 0
  return { layer, spans, metricNames, logCount, text, posts }
}
