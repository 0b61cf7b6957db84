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

/**
 * Effect's own OTLP exporter (`effect/observability/Otlp`, JSON over `FetchHttpClient`) as a merchant sets it up, its
 * `fetch` answered in memory like a collector: every body it posts is kept, as sent.
 */
export const otlpCollector = (options: { readonly exportInterval?: Duration.Input } = {}) => {
  const received: Array<Received> = []
  const collect = async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input)
    received.push({ path: new URL(url).pathname, body: init?.body })
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
  }
  const interval = options.exportInterval ?? '1 second'
  const layer = Otlp.layerJson({
    baseUrl: 'http://collector.test',
    resource: { serviceName: 'paychart-otlp-test' },
    tracerExportInterval: interval,
    metricsExportInterval: interval,
    loggerExportInterval: interval,
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
  const posts = (path: string) => received.filter((r) => r.path === path).length
  return { layer, spans, metricNames, logCount, text, posts }
}
