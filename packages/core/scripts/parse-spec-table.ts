/**
 * Parses the "Result/Error codes" tables of the gateway specification. The tables come as flattened text: a row
 * line `CODE` + status + message (`DO_NOT_HONORFThe payment is declined…`, sometimes `CODE F…`), followed by the
 * further-action paragraphs up to the next row line.
 */

export type SpecStatus = 'S' | 'F' | 'U'

export interface SpecTableRow {
  readonly code: string
  readonly status: SpecStatus
  readonly message: string
  readonly furtherAction: string
}

export const sectionHeading = 'Result/Error codes'
const columnHeader = 'CodeValueMessageFurther action'

// The longest upper-case code followed by a status letter and a message that starts upper-case or with a digit:
// this is how `SUCCESSSSuccess`, `NO_INTERFACE_DEFFAPI is…` and `AUTHENTICATION_REQUIREDF3D Secure…` split right.
const rowPattern = /^([A-Z][A-Z_]*[A-Z]) ?([SFU])([A-Z0-9].*)$/

/** The table section of a specification document: from its heading line to the end of the document, verbatim. */
export const extractResultCodeSection = (document: string): string => {
  const lines = document.split('\n')
  const headings = lines.flatMap((line, index) => (line.trim() === sectionHeading ? [index] : []))
  const [heading] = headings
  if (heading === undefined || headings.length > 1) {
    throw new Error(`expected exactly one "${sectionHeading}" line, found ${headings.length}`)
  }
  return lines.slice(heading).join('\n')
}

const stripTags = (text: string): string => text.replace(/<\/?[a-z][^>]*>/gi, '')

interface OpenRow {
  readonly code: string
  readonly status: SpecStatus
  readonly message: string
  readonly lines: string[]
}

const closeRow = (row: OpenRow): SpecTableRow => {
  const furtherAction = row.lines
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n')
  if (furtherAction === '') throw new Error(`${row.code}: no further action`)
  return { code: row.code, status: row.status, message: row.message, furtherAction }
}

/** Rows of a table section as {@link extractResultCodeSection} returns it; throws on anything it cannot read. */
export const parseSpecTable = (section: string): readonly SpecTableRow[] => {
  const lines = section.split('\n')
  const header = lines.findIndex((line) => line.trim() === columnHeader)
  if (header === -1) throw new Error(`no "${columnHeader}" header line`)
  const rows: SpecTableRow[] = []
  let open: OpenRow | undefined
  for (const line of lines.slice(header + 1)) {
    const match = rowPattern.exec(line)
    if (match !== null) {
      if (open !== undefined) rows.push(closeRow(open))
      const [, code = '', status = 'U', message = ''] = match
      open = { code, status: status as SpecStatus, message: stripTags(message).trim(), lines: [] }
    } else if (open !== undefined) {
      open.lines.push(line)
    } else if (line.trim() !== '') {
      throw new Error(`text before the first row: ${line}`)
    }
  }
  if (open !== undefined) rows.push(closeRow(open))
  if (rows.length === 0) throw new Error('no rows')
  const duplicate = rows.find((row, index) => rows.findIndex((other) => other.code === row.code) !== index)
  if (duplicate !== undefined) throw new Error(`${duplicate.code} is listed twice`)
  return rows
}
