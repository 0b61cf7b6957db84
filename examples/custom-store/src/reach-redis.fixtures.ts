import { Redis } from 'ioredis'

export type Reach = { readonly reachable: true } | { readonly reachable: false; readonly reason: string }

/** Whether a Redis answers PING at `url` within two seconds; one attempt, no retries. */
export const reachRedis = async (url: string): Promise<Reach> => {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  let cause: string | undefined
  probe.on('error', (error: Error) => {
    cause ??= error.message
  })
  try {
    await probe.connect()
    await probe.ping()
    return { reachable: true }
  } catch (error) {
    return { reachable: false, reason: cause ?? (error instanceof Error ? error.message : String(error)) }
  } finally {
    probe.disconnect()
  }
}

/** The URL without its credentials, for messages. */
export const shownUrl = (url: string): string => {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`
  } catch {
    return 'REDIS_URL (not a URL)'
  }
}
