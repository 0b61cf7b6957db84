import { describe, expect, it } from 'vitest'
import { sqliteCodeOf } from './result-codes.js'

const error = (message: string, fields: object) => Object.assign(new Error(message), fields)

describe('sqliteCodeOf', () => {
  it("reads better-sqlite3's and bun:sqlite's code as given", () => {
    expect(sqliteCodeOf(error('database is locked', { code: 'SQLITE_BUSY' }))).toBe('SQLITE_BUSY')
    expect(sqliteCodeOf(error('UNIQUE constraint failed: t.x', { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(
      'SQLITE_CONSTRAINT_UNIQUE',
    )
  })

  it("names Node's node:sqlite errcode by its primary code, extended codes included", () => {
    expect(sqliteCodeOf(error('database is locked', { code: 'ERR_SQLITE_ERROR', errcode: 5 }))).toBe('SQLITE_BUSY')
    expect(sqliteCodeOf(error('disk I/O error', { code: 'ERR_SQLITE_ERROR', errcode: 10 | (3 << 8) }))).toBe(
      'SQLITE_IOERR',
    )
  })

  it("names Deno's node:sqlite errors, which carry only the message", () => {
    expect(sqliteCodeOf(error('database is locked', { code: 'ERR_SQLITE_ERROR' }))).toBe('SQLITE_BUSY')
    expect(sqliteCodeOf(error('database or disk is full', { code: 'ERR_SQLITE_ERROR' }))).toBe('SQLITE_FULL')
    expect(sqliteCodeOf(error('something new', { code: 'ERR_SQLITE_ERROR' }))).toBe('ERR_SQLITE_ERROR')
  })

  it('gives nothing for an error without a code', () => {
    expect(sqliteCodeOf(new Error('plain'))).toBeUndefined()
  })
})
