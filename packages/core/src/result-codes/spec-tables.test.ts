import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractResultCodeSection, parseSpecTable } from '../../scripts/parse-spec-table.js'
import { isListedFor, lookupResultCode } from './catalogue.js'
import { resultCodeData } from './result-code-data.js'

// The committed copies of the specification's tables; the generator refreshes them from ../shared/spec.
const excerpts = [
  { api: 'pay', file: 'pay.txt', source: 'pay-checkout-payment.txt', rows: 51 },
  {
    api: 'verifyAndCompletePayment',
    file: 'verifyAndCompletePayment.txt',
    source: 'verifyAndCompletePayment.txt',
    rows: 46,
  },
] as const

const readExcerpt = (file: string) => readFileSync(new URL(`./fixtures/spec/${file}`, import.meta.url), 'utf8')

describe.each(excerpts)('the $api table (fixtures/spec/$file)', ({ api, file, source, rows }) => {
  const excerpt = readExcerpt(file)
  const table = parseSpecTable(excerpt)

  it('is a whole table section and parses into every row', () => {
    expect(extractResultCodeSection(excerpt)).toBe(excerpt)
    expect(table).toHaveLength(rows)
  })

  it.each(table.map((row) => [row.code, row] as const))('%s is in the catalogue as the table gives it', (code, row) => {
    const info = lookupResultCode(code)
    expect(info?.status).toBe(row.status)
    expect(info?.apis[api]).toEqual({ source, message: row.message, furtherAction: row.furtherAction })
  })

  it('lists every code the catalogue lists for the API', () => {
    const listed = Object.keys(resultCodeData).filter((code) => isListedFor(api, code))
    expect(listed.sort()).toEqual(table.map((row) => row.code).sort())
  })
})

it('every catalogue code has its status from a table', () => {
  const tabled = new Set(excerpts.flatMap(({ file }) => parseSpecTable(readExcerpt(file)).map((row) => row.code)))
  expect(Object.keys(resultCodeData).filter((code) => !tabled.has(code))).toEqual([])
})

describe('parseSpecTable', () => {
  const section = (...lines: string[]) =>
    ['Result/Error codes', '', 'CodeValueMessageFurther action', ...lines].join('\n')

  it('splits a code from its status and message where the text runs together', () => {
    const table = parseSpecTable(
      section(
        'SUCCESSSSuccess',
        '',
        'Nothing to do.',
        'NO_INTERFACE_DEFFAPI is not defined.',
        'Check the URL.',
        'AUTHENTICATION_REQUIREDF3D Secure authentication is required.',
        'Redirect the user.\u00a0',
        'CURRENCY_NOT_SUPPORT FThe currency is not supported.',
        'Contact support.',
      ),
    )
    expect(table.map(({ code, status, message }) => [code, status, message])).toEqual([
      ['SUCCESS', 'S', 'Success'],
      ['NO_INTERFACE_DEF', 'F', 'API is not defined.'],
      ['AUTHENTICATION_REQUIRED', 'F', '3D Secure authentication is required.'],
      ['CURRENCY_NOT_SUPPORT', 'F', 'The currency is not supported.'],
    ])
    expect(table[2]?.furtherAction).toBe('Redirect the user.')
  })

  it('keeps the further-action lines and drops markup from the message', () => {
    const [row] = parseSpecTable(
      section(
        'KEY_NOT_FOUNDFThe key of <span>Antom</span> is not found.',
        '',
        'Contact support when:',
        '',
        '  • You want to make an appeal. ',
        '  • The refund is late.  ',
        '',
      ),
    )
    expect(row).toEqual({
      code: 'KEY_NOT_FOUND',
      status: 'F',
      message: 'The key of Antom is not found.',
      furtherAction: 'Contact support when:\n• You want to make an appeal.\n• The refund is late.',
    })
  })

  it.each([
    ['no column header', 'Result/Error codes\n\nSUCCESSSSuccess\n\nDone.', /header/],
    ['no rows', section(''), /no rows/],
    ['text before the first row', section('stray text', 'SUCCESSSSuccess', 'Done.'), /before the first row/],
    ['a row without further action', section('SUCCESSSSuccess', ''), /SUCCESS: no further action/],
    ['a code twice', section('SUCCESSSSuccess', 'Done.', 'SUCCESSSSuccess', 'Done.'), /SUCCESS is listed twice/],
  ])('rejects a table with %s', (_, text, error) => {
    expect(() => parseSpecTable(text)).toThrow(error)
  })
})

describe('extractResultCodeSection', () => {
  it('returns the document from the heading line on, verbatim', () => {
    expect(extractResultCodeSection('intro\nResult/Error codes\n\nCode…\nlast')).toBe(
      'Result/Error codes\n\nCode…\nlast',
    )
  })

  it.each([
    ['no heading', 'intro only'],
    ['two headings', 'Result/Error codes\nx\nResult/Error codes'],
  ])('rejects a document with %s', (_, document) => {
    expect(() => extractResultCodeSection(document)).toThrow(/exactly one "Result\/Error codes" line/)
  })
})
