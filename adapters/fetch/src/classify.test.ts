import { describe, expect, it } from 'vitest'
import { classifyFailure, type FailureKind } from './classify.js'
import { fetchFailed } from './request.fixtures.js'

const coded = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('classifyFailure', () => {
  const table: ReadonlyArray<[string, unknown, boolean, FailureKind]> = [
    ['ECONNREFUSED', fetchFailed('ECONNREFUSED'), false, 'notSent'],
    ['ENOTFOUND', fetchFailed('ENOTFOUND'), false, 'notSent'],
    ['EAI_AGAIN', fetchFailed('EAI_AGAIN'), false, 'notSent'],
    ['EHOSTUNREACH', fetchFailed('EHOSTUNREACH'), false, 'notSent'],
    ['UND_ERR_CONNECT_TIMEOUT', fetchFailed('UND_ERR_CONNECT_TIMEOUT'), false, 'notSent'],
    [
      'AggregateError of refusals (happy eyeballs)',
      new TypeError('fetch failed', {
        cause: Object.assign(new AggregateError([coded('v6', 'ECONNREFUSED'), coded('v4', 'ECONNREFUSED')]), {
          code: 'ECONNREFUSED',
        }),
      }),
      false,
      'notSent',
    ],
    ['ECONNRESET', fetchFailed('ECONNRESET'), false, 'connectionLost'],
    ['UND_ERR_SOCKET', fetchFailed('UND_ERR_SOCKET'), false, 'connectionLost'],
    ['EPIPE', fetchFailed('EPIPE'), false, 'connectionLost'],
    ['a bare coded cause', new TypeError('x', { cause: coded('a', 'ECONNREFUSED') }), false, 'notSent'],
    [
      'a not-sent code next to an unknown one',
      new AggregateError([coded('a', 'ECONNREFUSED'), coded('b', 'EWHATEVER')]),
      false,
      'connectionLost',
    ],
    ['TimeoutError', new DOMException('signal timed out', 'TimeoutError'), false, 'timeout'],
    ['AbortError', new DOMException('aborted', 'AbortError'), false, 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', fetchFailed('UND_ERR_HEADERS_TIMEOUT'), false, 'timeout'],
    ['our timer fired, whatever was thrown', fetchFailed('ECONNREFUSED'), true, 'timeout'],
    ['TypeError without a cause', new TypeError('Failed to fetch'), false, 'connectionLost'],
    ['a thrown string', 'boom', false, 'connectionLost'],
    ['undefined', undefined, false, 'connectionLost'],
  ]

  it.each(table)('%s', (_name, error, timedOut, kind) => {
    expect(classifyFailure(error, timedOut).kind).toBe(kind)
  })

  it('describes the error chain with its codes', () => {
    const failure = classifyFailure(fetchFailed('ECONNREFUSED'), false)
    expect(failure.codes).toEqual(['ECONNREFUSED'])
    expect(failure.detail).toBe('TypeError: fetch failed <- Error: connect ECONNREFUSED 10.0.0.1:443 [ECONNREFUSED]')
    expect(classifyFailure(42, false).detail).toBe('non-error thrown: number')
  })

  it('survives cyclic causes', () => {
    const error = new Error('loop') as Error & { cause?: unknown }
    error.cause = error
    expect(classifyFailure(error, false)).toMatchObject({ kind: 'connectionLost', codes: [] })
  })
})
