import type { Money } from '@paychart/core'
import { formatMajor } from '@paychart/core/money'

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text safe inside HTML content and double-quoted attributes. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)

export const amountText = (amount: Money): string => `${formatMajor(amount)} ${amount.currency}`

/** A whole page: `title` is plain text, `body` is HTML already escaped. */
export const page = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - paychart simulator</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5 }
fieldset { margin: 1rem 0 } button { font-size: 1rem; padding: .5rem 1.25rem; margin-right: .5rem }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`

/** `[name, value, label]` submit buttons, all named `outcome`. */
export const outcomeButtons = (buttons: ReadonlyArray<readonly [value: string, label: string]>): string =>
  buttons
    .map(
      ([value, label]) =>
        `<button type="submit" name="outcome" value="${escapeHtml(value)}">${escapeHtml(label)}</button>`,
    )
    .join('\n')
