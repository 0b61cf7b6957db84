import { html } from 'hono/html'
import { type Html, layout } from './layout.js'

/** A page for a request that cannot go on: a title and one sentence, never the request's data. */
export const problemPage = (title: string, message: string): Html =>
  layout(title, html`<p class="alert" role="alert">${message}</p><p><a href="/">Back to the shop</a></p>`)
