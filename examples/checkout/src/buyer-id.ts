import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'

const COOKIE = 'buyer'
const ONE_YEAR_S = 365 * 24 * 60 * 60

/**
 * The shop has no accounts: a buyer is a random id in an HttpOnly cookie, set on the first page. It is what the
 * gateway knows the buyer by (`order.buyer.referenceBuyerId`) and what saved cards are kept under.
 */
export const buyerIdOf = (c: Context): string => {
  const known = getCookie(c, COOKIE)
  if (known !== undefined && /^buyer-[0-9a-f-]{36}$/.test(known)) return known
  const id = `buyer-${crypto.randomUUID()}`
  setCookie(c, COOKIE, id, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: ONE_YEAR_S })
  return id
}
