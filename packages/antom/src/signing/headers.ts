type FetchHeaders = { readonly get: (name: string) => string | null }
type HeaderRecord = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

/** Headers as a Fetch `Headers`, or a record such as Node's `IncomingHttpHeaders` or `HttpResponse.headers`. */
export type HeaderSource = FetchHeaders | HeaderRecord

const isFetchHeaders = (headers: HeaderSource): headers is FetchHeaders =>
  typeof (headers as { readonly get?: unknown }).get === 'function'

const first = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof value === 'string' ? value : value?.[0]

/** The header's value, its name matched in any case; the first value when repeated. */
export const header = (headers: HeaderSource, name: string): string | undefined => {
  if (isFetchHeaders(headers)) return headers.get(name) ?? undefined
  const wanted = name.toLowerCase()
  const direct = first(headers[name]) ?? first(headers[wanted])
  if (direct !== undefined) return direct
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return first(value)
  return undefined
}
