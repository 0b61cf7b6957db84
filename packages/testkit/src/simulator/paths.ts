import { isSimEndpoint, type SimEndpoint } from './types.js'

/** The simulator's customer pages: a 3DS challenge, a wallet's authorization page, the Checkout Page. */
export type SimPage = '3ds' | 'wallet' | 'checkout'

/** `/sim/<page>/<id>`: the path a wrapper serves for a customer page. */
export const simPagePath = (page: SimPage, id: string): string => `/sim/${page}/${encodeURIComponent(id)}`

/** `${baseUrl}/sim/<page>/<id>`: the normalUrl the simulator answers. */
export const simPageUrl = (baseUrl: string, page: SimPage, id: string): string => `${baseUrl}${simPagePath(page, id)}`

/** Reads a customer page path (query and trailing slash ignored), for a wrapper routing `/sim/...` requests. */
export const parseSimPath = (path: string): { readonly page: SimPage; readonly id: string } | undefined => {
  const match = /^\/sim\/(3ds|wallet|checkout)\/([^/?#]+)\/?(?:[?#].*)?$/.exec(path)
  if (match === null) return undefined
  const [, page, id] = match
  return page === undefined || id === undefined ? undefined : { page: page as SimPage, id: decodeURIComponent(id) }
}

/**
 * The endpoint a request names: its bare name (`pay`) or its path, live (`/ams/api/v1/payments/pay`) or sandbox
 * (`/ams/sandbox/api/v1/payments/pay`). Undefined for anything else.
 */
export const endpointFromPath = (nameOrPath: string): SimEndpoint | undefined => {
  if (isSimEndpoint(nameOrPath)) return nameOrPath
  const match = /^\/ams\/(?:sandbox\/)?api\/v1\/payments\/([A-Za-z]+)\/?$/.exec(nameOrPath)
  const name = match?.[1]
  return name !== undefined && isSimEndpoint(name) ? name : undefined
}
