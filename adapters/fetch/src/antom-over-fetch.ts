import { type AntomGatewayOptions, antomGateway, type BackendUnavailable, type InvalidKey } from '@paychart/antom'
import type { Gateway } from '@paychart/core'
import * as Layer from 'effect/Layer'
import { type FetchTransportOptions, fetchTransport } from './fetch-transport.js'

export interface AntomOverFetchOptions extends AntomGatewayOptions {
  /** Timeouts, retries, another `fetch`: see the options table. */
  readonly transport?: FetchTransportOptions
}

/** `antomGateway` over `fetchTransport`: the gateway layer `createPaychart` takes, in one call. */
export const antomOverFetch = ({
  transport,
  ...options
}: AntomOverFetchOptions): Layer.Layer<Gateway, InvalidKey | BackendUnavailable> =>
  antomGateway(options).pipe(Layer.provide(fetchTransport(transport)))
