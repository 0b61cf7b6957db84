import Database from 'better-sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import { savepointTransactions } from './savepoints.js'

/** An in-memory database and transactions made only from its `exec`, as the node:sqlite driver makes them. */
const setup = () => {
  const db = new Database(':memory:')
  onTestFinished(() => {
    db.close()
  })
  db.exec('CREATE TABLE t (x INTEGER)')
  const insert = (x: number) => void db.prepare('INSERT INTO t (x) VALUES (?)').run(x)
  const rows = () => (db.prepare('SELECT x FROM t ORDER BY x').all() as Array<{ x: number }>).map((row) => row.x)
  return { db, insert, rows, transaction: savepointTransactions((sql) => db.exec(sql)) }
}

describe('savepointTransactions', () => {
  it('commits the work, or rolls all of it back on a throw and throws again', () => {
    const { db, insert, rows, transaction } = setup()
    transaction((x: number) => insert(x)).immediate(1)
    const failing = transaction(() => {
      insert(2)
      throw new Error('boom')
    })
    expect(() => failing.immediate()).toThrow('boom')
    expect(rows()).toEqual([1])
    expect(db.inTransaction).toBe(false)
  })

  it('runs a nested transaction in a savepoint: its failure undoes only its own writes', () => {
    const { insert, rows, transaction } = setup()
    const inner = transaction((x: number) => {
      insert(x)
      if (x === 3) throw new Error('inner')
    })
    const outer = transaction(() => {
      insert(1)
      inner(2)
      expect(() => inner(3)).toThrow('inner')
      insert(4)
    })
    outer.immediate()
    expect(rows()).toEqual([1, 2, 4])
  })

  it('begins IMMEDIATE or DEFERRED as asked', () => {
    const seen: string[] = []
    const transaction = savepointTransactions((sql) => void seen.push(sql))
    const work = transaction(() => 'done')
    expect([work.immediate(), work.deferred(), work()]).toEqual(['done', 'done', 'done'])
    expect(seen).toEqual(['BEGIN IMMEDIATE', 'COMMIT', 'BEGIN DEFERRED', 'COMMIT', 'BEGIN DEFERRED', 'COMMIT'])
  })
})
