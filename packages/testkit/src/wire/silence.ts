import type { Silence } from '../simulator/index.js'

/**
 * A call the gateway must not answer, as the app hands it to whatever serves it: `holdMs` to keep the request open
 * (`undefined`: until the client gives up), then the connection is closed without a response. A drop holds 0 ms.
 */
export interface Withheld {
  readonly fault: Silence['fault']
  readonly holdMs: number | undefined
}

export const withheldOf = (silence: Silence): Withheld => ({
  fault: silence.fault,
  holdMs: silence.fault === 'dropConnection' ? 0 : silence.holdMs,
})

/**
 * Where there is no socket to destroy (msw, the in-process transport, `app.request()`), the app answers a withheld
 * call with this marker: status 599 and the header below. Adapters turn it into a network error; it must never
 * reach a real client.
 */
export const WITHHELD_STATUS = 599
export const WITHHELD_HEADER = 'x-paychart-sim-withheld'

export const withheldResponse = ({ fault, holdMs }: Withheld): Response =>
  new Response(null, {
    status: WITHHELD_STATUS,
    headers: { [WITHHELD_HEADER]: holdMs === undefined ? fault : `${fault}; holdMs=${holdMs}` },
  })

/** The withheld call a marker response stands for; undefined for an ordinary response. */
export const readWithheld = (response: Response): Withheld | undefined => {
  const value = response.headers.get(WITHHELD_HEADER)
  if (response.status !== WITHHELD_STATUS || value === null) return undefined
  const [fault, hold] = value.split(';').map((part) => part.trim())
  if (fault !== 'timeoutBefore' && fault !== 'timeoutAfter' && fault !== 'dropConnection') return undefined
  const holdMs = hold?.startsWith('holdMs=') ? Number(hold.slice('holdMs='.length)) : undefined
  return { fault, holdMs: holdMs !== undefined && Number.isFinite(holdMs) ? holdMs : undefined }
}

/** Resolves after `ms` (never when undefined) or as soon as `signal` aborts, whichever comes first. */
export const hold = (ms: number | undefined, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (ms === 0 || signal?.aborted) return resolve()
    const timer = ms === undefined ? undefined : setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
    function done() {
      if (timer !== undefined) clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
  })
