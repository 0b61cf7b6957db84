import { html, raw } from 'hono/html'

export type Html = ReturnType<typeof html>

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1f2937; line-height: 1.5 }
header { background: #111827; color: #f9fafb; padding: .75rem 1.5rem; display: flex; gap: 1.5rem; align-items: baseline }
header a { color: #f9fafb } header strong { margin-right: auto }
main { max-width: 64rem; margin: 1.5rem auto; padding: 0 1.5rem }
.columns { display: flex; gap: 2rem; flex-wrap: wrap } .columns > * { flex: 1 1 22rem }
fieldset { border: 1px solid #d1d5db; border-radius: .5rem; margin: 0 0 1rem; padding: 1rem }
label { display: block; margin: .5rem 0 .25rem } input[type=text], input[type=password] { font-size: 1rem; padding: .4rem; width: 16rem }
button { font-size: 1rem; padding: .5rem 1.25rem; margin: .25rem .5rem .25rem 0; cursor: pointer }
table { border-collapse: collapse; width: 100%; font-size: .9rem } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e5e7eb; vertical-align: top }
code, pre { font-size: .85rem } pre { background: #f3f4f6; padding: 1rem; overflow-x: auto }
.notice { background: #ecfdf5; border: 1px solid #10b981; padding: .5rem 1rem } .alert { background: #fef2f2; border: 1px solid #ef4444; padding: .5rem 1rem }
.state { font-weight: 600; padding: .1rem .5rem; border-radius: .25rem; background: #e5e7eb }
.states { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .4rem; align-items: center }
.states li { padding: .2rem .6rem; border-radius: .25rem; background: #f3f4f6 } .states li.group { background: none; border: 1px dashed #9ca3af }
.states li.visited, .key.visited { background: #dbeafe; outline: 1px solid #1d4ed8 }
.states li.current, .key.current { background: #fde68a; outline: 2px solid #b45309; font-weight: 700 }
.key { padding: 0 .4rem; border-radius: .25rem } .key.taken { border-bottom: 3px solid #1d4ed8 }
#statechart { width: min(100vw - 3rem, 110rem); margin: 0 0 1.5rem calc(50% - min(50vw - 1.5rem, 55rem)) }
#statechart .canvas { border: 1px solid #e5e7eb; border-radius: .5rem; padding: .5rem; overflow-x: auto; min-height: 3rem }
#statechart svg { display: block; margin: 0 auto; height: auto }
#statechart svg path.transition.taken { stroke: #1d4ed8; stroke-width: 3px }
#statechart svg .edgeLabel .label.taken { font-weight: 700 }
#statechart figcaption { font-size: .9rem; margin-top: .5rem; text-align: center }
.notification { background: #eff6ff }
`

/** A whole page: the shop's header, then `body`. Interpolated text is escaped by `html`. */
export const layout = (title: string, body: Html): Html => html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - paychart checkout</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header><strong>paychart checkout</strong><a href="/">Shop</a><a href="/payments">Payments</a></header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`
