import { HttpResponse, http, type RequestHandler } from 'msw'
import { hold, readWithheld } from './silence.js'

/** Anything with Hono's `fetch`: the simulator app. */
export interface FetchApp {
  readonly fetch: (request: Request) => Response | Promise<Response>
}

export interface SimulatorHandlersOptions {
  readonly app: FetchApp
  /** The origin the client calls, e.g. `https://open-sea-global.alipay.com` or `http://sim.test`. */
  readonly baseUrl: string
}

/**
 * msw handlers that hand `${baseUrl}/ams/*` and `${baseUrl}/sim/*` to the app. A withheld answer becomes a network
 * error (`HttpResponse.error()`), after holding the request for the fault's `holdMs` (or until the client aborts).
 */
export const simulatorHandlers = ({ app, baseUrl }: SimulatorHandlersOptions): Array<RequestHandler> => {
  const origin = baseUrl.replace(/\/+$/, '')
  const forward = async ({ request }: { readonly request: Request }) => {
    const response = await app.fetch(request)
    const withheld = readWithheld(response)
    if (withheld === undefined) return response
    await hold(withheld.holdMs, request.signal)
    return HttpResponse.error()
  }
  return [http.all(`${origin}/ams/*`, forward), http.all(`${origin}/sim/*`, forward)]
}
