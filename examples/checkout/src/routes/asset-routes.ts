import { Hono } from 'hono'
import { ASSETS } from '../assets.js'

/** Whether an `Accept-Encoding` header takes gzip: named, or `*` when not named, and not refused with `q=0`. */
export const acceptsGzip = (header: string | undefined): boolean => {
  const codings = new Map(
    (header ?? '').split(',').map((part) => {
      const [name = '', ...params] = part.split(';').map((s) => s.trim())
      return [name.toLowerCase(), !params.some((p) => /^q=0(\.0*)?$/.test(p))] as const
    }),
  )
  return codings.get('gzip') ?? codings.get('*') ?? false
}

/**
 * The scripts the payment page loads, from this origin: mermaid's ESM browser build from node_modules (its entry
 * module and the chunks it imports) and the page's own script. Each URL names a version or a hash, so it is cached
 * for a year and never revalidated.
 */
export const assetRoutes = (): Hono => {
  const app = new Hono()
  app.get('/assets/*', async (c) => {
    const asset = ASSETS.get(c.req.path)
    if (asset === undefined) return c.notFound()
    const { plain, gzipped } = await asset()
    c.header('Content-Type', 'text/javascript; charset=utf-8')
    c.header('Cache-Control', 'public, max-age=31536000, immutable')
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Vary', 'Accept-Encoding')
    if (!acceptsGzip(c.req.header('Accept-Encoding'))) return c.body(plain)
    c.header('Content-Encoding', 'gzip')
    return c.body(gzipped)
  })
  return app
}
