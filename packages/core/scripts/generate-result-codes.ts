/**
 * Regenerates the result-code catalogue from the gateway specification. Run by hand from the repository root:
 *
 *   npx tsx packages/core/scripts/generate-result-codes.ts
 *
 * It needs the specification checked out beside the repository (`../shared/spec`). It copies each "Result/Error
 * codes" section verbatim to src/result-codes/fixtures/spec/ (the committed copies the tests read) and writes
 * src/result-codes/catalogue.data.ts. Nothing else in the project reads ../shared.
 *
 * The data is written compactly, since it ships in every bundle (the edge worker's among them): a table row is
 * `[message, further action]`, its document named once per API in `tableSources`, and a verifyAndCompletePayment
 * text that is word for word the pay table's is written `''`. `src/result-codes/result-code-data.ts` expands that
 * back into `resultCodeData`, the same objects as ever: every text is still there.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Api } from '../src/result-codes/catalogue.js'
import { extractResultCodeSection, parseSpecTable, type SpecStatus } from './parse-spec-table.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const specDir = resolve(repoRoot, '../shared/spec')
const outDir = join(repoRoot, 'packages/core/src/result-codes')
const lineWidth = 120

/** The documents with a full table, and the committed file each table section is copied to. */
const tables: readonly { api: Api; document: string; excerpt: string }[] = [
  { api: 'pay', document: 'pay-checkout-payment.txt', excerpt: 'pay.txt' },
  {
    api: 'verifyAndCompletePayment',
    document: 'verifyAndCompletePayment.txt',
    excerpt: 'verifyAndCompletePayment.txt',
  },
]

/** Codes the other documents name for an API that has no table there; their status comes from the tables. */
const mentions: readonly { api: Api; code: string; document: string; note: string }[] = [
  {
    api: 'createPaymentSession',
    code: 'SUCCESS',
    document: 'embedded-checkout-page.txt',
    note: 'Sample createPaymentSession response. The document lists only the statuses: S succeeded; U failed for unknown reasons, change the paymentRequestId and call again; F failed, check the request fields.',
  },
  {
    api: 'inquiryPayment',
    code: 'SUCCESS',
    document: 'embedded-checkout-page.txt',
    note: 'Sample inquiryPayment response. The result only says the inquiry call succeeded; paymentStatus (SUCCESS, FAIL, PROCESSING, CANCELLED, PENDING) carries the payment outcome.',
  },
  {
    api: 'inquiryPayment',
    code: 'ORDER_NOT_EXIST',
    document: 'embedded-checkout-page.txt',
    note: 'When inquiring about the transaction, if the buyer does not submit the order, the ORDER_NOT_EXIST error code will be returned. This error is not returned if the order is submitted.',
  },
]

/** What one API's document says about a code: a row of its table, or a note from another document. */
type Entry =
  | { readonly api: Api; readonly message: string; readonly furtherAction: string }
  | { readonly api: Api; readonly source: string; readonly note: string }

/** The API whose table text a later table's identical text is written as `''` against. */
const firstTable: Api = 'pay'

const fail = (message: string): never => {
  console.error(`generate-result-codes: ${message}`)
  process.exit(1)
}

const readSpec = (document: string): string => {
  const path = join(specDir, document)
  if (!existsSync(path)) fail(`${path} is missing`)
  return readFileSync(path, 'utf8')
}

/** A string literal the way biome prints it: single quotes unless double quotes need fewer escapes. */
const literal = (text: string): string => {
  const json = JSON.stringify(text)
  if (text.split("'").length > text.split('"').length) return json
  return `'${json.slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`
}

/** `key: 'value',` at `indent`, broken after the colon where biome breaks it (too long a line, unless the key is
 * shorter than the indent width + 3). */
const property = (indent: string, key: string, value: string): string => {
  const line = `${indent}${key}: ${literal(value)},`
  if (line.length <= lineWidth || key.length < 2 + 3) return line
  return `${indent}${key}:\n${indent}  ${literal(value)},`
}

/** `api: ['message', 'further action'],` at the depth of a code's entries, one element a line if it is too long. */
const row = (api: Api, message: string, furtherAction: string): string[] => {
  const line = `    ${api}: [${literal(message)}, ${literal(furtherAction)}],`
  if (line.length <= lineWidth) return [line]
  return [`    ${api}: [`, `      ${literal(message)},`, `      ${literal(furtherAction)},`, '    ],']
}

const entryLines = (entry: Entry, first: Entry | undefined): string[] => {
  if ('note' in entry) {
    const line = `    ${entry.api}: { source: ${literal(entry.source)}, note: ${literal(entry.note)} },`
    if (line.length <= lineWidth) return [line]
    return [
      `    ${entry.api}: {`,
      property('      ', 'source', entry.source),
      property('      ', 'note', entry.note),
      '    },',
    ]
  }
  const same = (text: string, firstText: string | undefined) => (text === firstText ? '' : text)
  const base = first !== undefined && 'message' in first && entry.api !== first.api ? first : undefined
  return row(entry.api, same(entry.message, base?.message), same(entry.furtherAction, base?.furtherAction))
}

const emit = (
  statuses: ReadonlyMap<string, SpecStatus>,
  entries: ReadonlyMap<string, Entry[]>,
  sources: ReadonlyMap<Api, string>,
): string => {
  const out = [
    '// Generated by `npx tsx packages/core/scripts/generate-result-codes.ts` from the gateway specification: do not edit.',
    "// Table entries come from fixtures/spec/*.txt as [message, further action], '' where the text is word for word the",
    `// ${firstTable} table's; \`note\` entries come from the document named in \`source\`.`,
    '',
    '/** The document each API table comes from. */',
    'export const tableSources = {',
    ...[...sources].map(([api, document]) => property('  ', api, document)),
    '} as const',
    '',
    'export const table = {',
  ]
  for (const code of [...statuses.keys()].sort()) {
    const list = entries.get(code) ?? []
    const first = list.find((entry) => entry.api === firstTable)
    out.push(`  ${code}: {`, `    status: '${statuses.get(code)}',`)
    for (const entry of list) out.push(...entryLines(entry, first))
    out.push('  },')
  }
  out.push('} as const', '')
  return out.join('\n')
}

const main = (): void => {
  if (!existsSync(specDir)) {
    fail(`the specification is not at ${specDir}; check it out beside the repository (../shared/spec) first`)
  }
  const statuses = new Map<string, SpecStatus>()
  const entries = new Map<string, Entry[]>()
  const sources = new Map<Api, string>()
  const add = (code: string, entry: Entry) => entries.set(code, [...(entries.get(code) ?? []), entry])

  mkdirSync(join(outDir, 'fixtures/spec'), { recursive: true })
  for (const { api, document, excerpt } of tables) {
    const section = extractResultCodeSection(readSpec(document))
    writeFileSync(join(outDir, 'fixtures/spec', excerpt), section)
    sources.set(api, document)
    for (const row of parseSpecTable(section)) {
      const known = statuses.get(row.code)
      if (known !== undefined && known !== row.status)
        fail(`${row.code} is ${known} in one table, ${row.status} in ${document}`)
      statuses.set(row.code, row.status)
      // '' stands for the first table's text, so no table text may be empty.
      if (row.message === '' || row.furtherAction === '') fail(`${row.code} has an empty text in ${document}`)
      add(row.code, { api, message: row.message, furtherAction: row.furtherAction })
    }
  }
  for (const { api, code, document, note } of mentions) {
    const text = readSpec(document)
    if (!text.includes(code) || !text.includes(api)) fail(`${document} does not name both ${api} and ${code}`)
    if (!statuses.has(code)) fail(`${code} (named in ${document}) has no status in any table`)
    if (sources.has(api)) fail(`${api} has a table; a note for it would be lost in the expansion`)
    add(code, { api, source: document, note })
  }

  const target = join(outDir, 'catalogue.data.ts')
  writeFileSync(target, emit(statuses, entries, sources))
  console.log(`wrote ${relative(repoRoot, target)}: ${statuses.size} codes`)
}

main()
