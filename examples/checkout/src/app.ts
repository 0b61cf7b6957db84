import { type AntomConfig, antomGateway, importPublicKey, type Transport } from '@paychart/antom'
import { createPaychart, type DomainEvent, type PaychartOptions, type RelaySchedulerOptions } from '@paychart/core'
import { fetchTransport } from '@paychart/fetch'
import { type EngineRunner, healthRoutes, webhookRoutes } from '@paychart/hono'
import { TEST_CARDS } from '@paychart/testkit'
import { Effect, Layer } from 'effect'
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { problemPage } from './pages/problem-page.js'
import type { TestCard } from './pages/product-page.js'
import { adminRoutes } from './routes/admin-routes.js'
import { assetRoutes } from './routes/asset-routes.js'
import { buyerRoutes } from './routes/buyer-routes.js'
import { checkoutSdkRoutes } from './routes/checkout-sdk-routes.js'
import type { SavedCards } from './saved-cards.js'
import { sameOriginForms, shopHeaders } from './security.js'
import type { CheckoutStore } from './store.js'

export interface CheckoutAppOptions {
  /** The gateway: the simulator's client id, keys and URL, or the real sandbox's. */
  readonly gateway: AntomConfig
  /** Default the `fetch` transport; the simulator's in-process transport for tests. */
  readonly transport?: Layer.Layer<Transport>
  readonly store: CheckoutStore
  /**
   * Who may see payments and capture, cancel or refund them: your authentication middleware (`basicAuth` from
   * `hono/basic-auth`, `bearerAuth`, your session check), run before every merchant page and action. Required: the
   * app refuses to start without it.
   */
  readonly adminAuth: MiddlewareHandler
  /** Shown on the product page: where payments go. */
  readonly gatewayName?: string
  /** Cards listed beside the form; default the simulator's test cards (the first four are Antom sandbox cards). */
  readonly testCards?: ReadonlyArray<TestCard>
  /** The simulator's OTP, shown on the OTP page; leave it out for the real sandbox. */
  readonly simulatorOtpCode?: string
  /**
   * This app's public origin (`https://shop.example`): the gateway's redirect and notify URLs are built on it, and forms
   * are taken only from it. Configuration, never the request's Host header.
   */
  readonly publicUrl: string
  /** Run the relay on a schedule (main does; in-process tests need not). */
  readonly relay?: RelaySchedulerOptions
  /** Where spans and metrics go (see `telemetryFromEnv`), as `createPaychart` takes it. */
  readonly telemetry?: PaychartOptions['telemetry']
  /**
   * Embed the gateway's Checkout Page with its web SDK (`@alipay/ams-checkout`) in the shop's own page, in this SDK
   * environment; without it the buyer is sent to the session's hosted page (the simulator's). Only the real gateway
   * can serve the SDK's page.
   */
  readonly checkoutSdk?: 'sandbox' | 'prod'
  /** How long a Checkout Page session stays open (sent as paymentSessionExpiryTime); default the gateway's hour. */
  readonly sessionExpiryMs?: number
  /** Hears every domain event the engine publishes (authorized, readyToShip, refunded, ...). */
  readonly onDomainEvent?: (paymentRequestId: string, event: DomainEvent) => void
}

export interface CheckoutApp {
  /** The whole app: pages, admin actions, the payment page's scripts and the gateway's webhook (`/antom/notify/*`). */
  readonly app: Hono
  /** Runs an engine program to its Exit, for tests and tools. */
  readonly run: EngineRunner
  /** Resolves once the engine is built (and the relay started, when asked for); rejects on a bad key. */
  readonly start: () => Promise<void>
  /** Lets calls in flight finish, stops the relay and releases the engine; the store is closed by whoever opened it. */
  readonly dispose: () => Promise<void>
}

/** A card the gateway vaulted when its payment was authorized or paid: kept for the buyer who asked to save it. */
const saveVaultedCard = (savedCards: SavedCards, paymentRequestId: string, event: DomainEvent) => {
  if (event.type !== 'authorized' && event.type !== 'succeeded') return
  const card = event.card
  if (card?.cardToken === undefined) return
  savedCards.recordToken(paymentRequestId, {
    cardToken: card.cardToken,
    ...(card.brand === undefined ? {} : { brand: card.brand }),
    ...(card.lastFour === undefined ? {} : { lastFour: card.lastFour }),
  })
}

/** What a checkout or admin form may send, at most. */
export const FORM_BODY_LIMIT = 16 * 1024

/** The checkout as a Hono app over the engine, the store and the Antom gateway. Runs in-process or on a server. */
export const createCheckoutApp = async (options: CheckoutAppOptions): Promise<CheckoutApp> => {
  const { gateway, store, adminAuth } = options
  if (typeof adminAuth !== 'function') {
    throw new TypeError(
      'createCheckoutApp: adminAuth is required, the merchant pages capture, cancel and refund (give it basicAuth from hono/basic-auth, say)',
    )
  }
  const payments = createPaychart({
    gateway: antomGateway({ ...gateway, signing: 'node' }).pipe(Layer.provide(options.transport ?? fetchTransport())),
    store: store.layer,
    events: (paymentRequestId, event) => {
      saveVaultedCard(store.savedCards, paymentRequestId, event)
      options.onDomainEvent?.(paymentRequestId, event)
    },
    relay: options.relay ?? false,
    ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }),
  })
  const run: EngineRunner = payments.run
  const antomPublicKey = await Effect.runPromise(importPublicKey(gateway.antomPublicKey, { backend: 'node' }))

  const app = new Hono()
  app.use(shopHeaders({ checkoutSdk: options.checkoutSdk !== undefined }))
  // The forms are small: a body past 16 KiB is refused before it is read.
  const formLimit = bodyLimit({
    maxSize: FORM_BODY_LIMIT,
    onError: (c) => c.html(problemPage('Too large', 'The form sent more than this shop accepts.'), 413),
  })
  app.on('POST', ['/checkout/*', '/payments/*'], formLimit, sameOriginForms(options.publicUrl))
  app.route(
    '/',
    buyerRoutes({
      run,
      orders: store.orders,
      savedCards: store.savedCards,
      testCards: options.testCards ?? TEST_CARDS,
      gatewayName: options.gatewayName ?? gateway.baseUrl ?? 'Antom',
      ...(options.simulatorOtpCode === undefined ? {} : { simulatorOtpCode: options.simulatorOtpCode }),
      publicUrl: options.publicUrl,
      ...(options.checkoutSdk === undefined ? {} : { checkoutSdk: true }),
      ...(options.sessionExpiryMs === undefined ? {} : { sessionExpiryMs: options.sessionExpiryMs }),
    }),
  )
  if (options.checkoutSdk !== undefined) app.route('/', checkoutSdkRoutes({ run, environment: options.checkoutSdk }))
  app.route('/', adminRoutes({ run, orders: store.orders, auth: adminAuth }))
  app.route('/', assetRoutes())
  app.route('/', webhookRoutes({ run, antomPublicKey, clientId: gateway.clientId }))
  // Probes for whoever runs the shop: counts and ages only, so no authentication (see @paychart/hono).
  app.route('/', healthRoutes({ run }))
  // Nothing of the request (a card form, say) goes into the answer or the log: only that something failed.
  app.onError((error, c) => {
    // Refusals by Hono's middleware (401 without the merchant's credentials, 403 for a form from another origin).
    if (error instanceof HTTPException) return error.getResponse()
    console.error(`${c.req.method} ${c.req.path} failed: ${error.name}`)
    return c.html(problemPage('Something went wrong', 'The request could not be completed.'), 500)
  })

  return {
    app,
    run,
    start: () => payments.ready,
    dispose: () => payments.close(),
  }
}
