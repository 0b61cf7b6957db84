import type { MiddlewareHandler } from 'hono'
import { csrf } from 'hono/csrf'
import { secureHeaders } from 'hono/secure-headers'

/** Where the Checkout Page SDK loads its scripts, frames and calls from (read from `@alipay/ams-checkout` 1.47). */
const SDK_SCRIPT_HOSTS = [
  'https://cdn.marmot-cloud.com',
  'https://*.alipay.com',
  'https://*.alipayobjects.com',
  'https://checkout.antom.com',
  'https://pay.google.com',
  'https://www.paypal.com',
]

/**
 * The shop's security headers: a CSP that runs only the shop's own scripts (no inline script anywhere; styles may
 * be inline, which the statechart's SVG needs), never in a frame (`frame-ancestors 'none'` and X-Frame-Options DENY),
 * nosniff and no referrer. With the Checkout Page SDK the gateway's hosts are allowed to script, frame and be called.
 */
export const shopHeaders = (options: { readonly checkoutSdk: boolean }): MiddlewareHandler => {
  const sdk = options.checkoutSdk
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...(sdk ? SDK_SCRIPT_HOSTS : [])],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', ...(sdk ? ['https:'] : [])],
      connectSrc: ["'self'", ...(sdk ? ['https:'] : [])],
      frameSrc: sdk ? ["'self'", 'https:'] : ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  })
}

/**
 * Forms are taken only from the shop's own pages: a form posted from another origin (an auto-submitted refund, a
 * saved card paying on a page the buyer did not choose) is refused with 403 before it is read.
 */
export const sameOriginForms = (publicUrl: string): MiddlewareHandler => csrf({ origin: new URL(publicUrl).origin })
