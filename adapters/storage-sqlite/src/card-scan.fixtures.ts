import { existsSync, readFileSync } from 'node:fs'

/** What a checkout posts beside a payment: the card, its CVV and expiry. None of it may reach a store. */
export interface CardSecret {
  readonly cardNo: string
  readonly cvv: string
  readonly expiryMonth: string
  readonly expiryYear: string
}

/**
 * Field names that only card data would bring into a row. (`paymentMethodMetaData` is not one: a payment's
 * requestDetails keep its card options there, 3DS, billing address, card-on-file.)
 */
const CARD_FIELDS = ['cardNo', 'cvv', 'expiryMonth', 'expiryYear', 'cardMetaData', 'cardholderName']

const leaves = (value: unknown, at: string, out: Array<readonly [string, unknown]>): void => {
  if (typeof value === 'string') {
    const json = value.startsWith('{') || value.startsWith('[') ? tryParse(value) : undefined
    if (json !== undefined) leaves(json, at, out)
    else out.push([at, value])
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) leaves(item, `${at}[${i}]`, out)
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push([`${at}.${key}`, key])
      leaves(item, `${at}.${key}`, out)
    }
  } else out.push([at, value])
}

const tryParse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Any connection that reads rows: better-sqlite3's own, or one through the driver seam. */
export interface RowReader {
  readonly prepare: (sql: string) => { readonly all: () => unknown[] }
}

/**
 * Every column of every row of every table in `sqlite_master`, JSON columns opened up to their leaves: where the
 * card number, a card field name, a value equal to the CVV or a string equal to the expiry shows up. Also how many values it read,
 * so that a scan of nothing cannot pass.
 */
export const scanRows = (db: RowReader, card: CardSecret) => {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
  ).map((row) => row.name)
  const found: string[] = []
  let values = 0
  for (const table of tables) {
    for (const [i, row] of (db.prepare(`SELECT * FROM "${table}"`).all() as object[]).entries()) {
      const out: Array<readonly [string, unknown]> = []
      leaves(row, `${table}#${i}`, out)
      values += out.length
      for (const [where, leaf] of out) {
        const text = String(leaf)
        if (text.includes(card.cardNo)) found.push(`${where}: the card number`)
        if (CARD_FIELDS.some((field) => field.toLowerCase() === text.toLowerCase())) found.push(`${where}: ${text}`)
        if (text === card.cvv) found.push(`${where}: the CVV`)
        if (typeof leaf === 'string' && (leaf === card.expiryMonth || leaf === card.expiryYear)) {
          found.push(`${where}: the expiry`)
        }
        if (text.includes(`${card.expiryMonth}/${card.expiryYear}`)) found.push(`${where}: the expiry`)
      }
    }
  }
  return { tables, values, found }
}

/**
 * The raw bytes of the database file and its -wal and -shm files, free pages included: where the card number, a
 * card field name, the CVV as a JSON string or the expiry show up.
 */
export const scanFiles = (filename: string, card: CardSecret) => {
  const files = [filename, `${filename}-wal`, `${filename}-shm`].filter((file) => existsSync(file))
  const needles = [
    card.cardNo,
    `"${card.cvv}"`,
    `${card.expiryMonth}/${card.expiryYear}`,
    ...CARD_FIELDS.map((field) => `"${field}"`),
  ]
  const found: string[] = []
  let bytes = 0
  for (const file of files) {
    const content = readFileSync(file)
    bytes += content.length
    const text = content.toString('latin1')
    for (const needle of needles) if (text.includes(needle)) found.push(`${file}: ${needle}`)
  }
  return { files, bytes, found }
}
