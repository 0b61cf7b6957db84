import type { Endpoint } from '../schemas/index.js'

/** A client id beginning with `SANDBOX_` is routed to the sandbox paths. */
export const isSandboxClient = (clientId: string): boolean => clientId.startsWith('SANDBOX_')

export const endpointPath = (clientId: string, endpoint: Endpoint): string =>
  `/ams/${isSandboxClient(clientId) ? 'sandbox/api' : 'api'}/v1/payments/${endpoint}`
