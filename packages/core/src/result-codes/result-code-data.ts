import { table, tableSources } from './catalogue.data.js'

/** A row of an API's table. */
interface TableEntry {
  readonly source: string
  readonly message: string
  readonly furtherAction: string
}

/** What a document without a table says about a code for an API. */
interface NoteEntry {
  readonly source: string
  readonly note: string
}

type Table = typeof table

/** Each code: its status and, for each API whose document names it, what that document says. */
export type ResultCodeData = {
  readonly [C in keyof Table]: {
    readonly status: Table[C]['status']
    readonly apis: {
      readonly [A in Exclude<keyof Table[C], 'status'>]: Table[C][A] extends NoteEntry ? NoteEntry : TableEntry
    }
  }
}

type Row = readonly [message: string, furtherAction: string]

interface Compact {
  readonly status: string
  readonly [api: string]: string | Row | NoteEntry
}

/** The first table is written out whole; another table's `''` stands for the first table's text. */
const FIRST_TABLE = Object.keys(tableSources)[0] ?? ''

/** The generated catalogue (compact, since it ships in every bundle) back into whole entries. */
const expand = (): ResultCodeData => {
  const sources: Readonly<Record<string, string>> = tableSources
  const data: Record<string, { readonly status: string; readonly apis: Record<string, TableEntry | NoteEntry> }> = {}
  for (const [code, { status, ...entries }] of Object.entries<Compact>(table)) {
    const apis: Record<string, TableEntry | NoteEntry> = {}
    const first = entries[FIRST_TABLE]
    const [firstMessage = '', firstFurtherAction = ''] = Array.isArray(first) ? first : []
    for (const [api, entry] of Object.entries(entries)) {
      if (typeof entry === 'string') continue
      if ('note' in entry) {
        apis[api] = entry
        continue
      }
      const [message, furtherAction] = entry
      apis[api] = {
        source: sources[api] ?? '',
        message: message || firstMessage,
        furtherAction: furtherAction || firstFurtherAction,
      }
    }
    data[code] = { status, apis }
  }
  return data as unknown as ResultCodeData
}

export const resultCodeData: ResultCodeData = expand()

/** Every result code the specification names. */
export type ResultCode = keyof ResultCodeData
