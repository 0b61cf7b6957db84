import { describe, expect, it, onTestFinished } from 'vitest'
import { cardFlowTests, SUCCESS } from './card-flow.suite.js'
import { scanFiles, scanRows } from './card-scan.fixtures.js'
import { tempDatabase, useConnection } from './sqlite.fixtures.js'
import { openSqliteStore } from './sqlite-store.js'

cardFlowTests()

describe('card data scan', () => {
  it('finds card data planted in a row, in the -wal file and in the db file once checkpointed', () => {
    const { filename, remove } = tempDatabase()
    onTestFinished(remove)
    const opened = openSqliteStore({ filename })
    onTestFinished(opened.close)
    const planter = useConnection(filename)
    planter.pragma('wal_autocheckpoint = 0')
    const card = SUCCESS
    planter
      .prepare('INSERT INTO unmatched_notifications (key, received_at, notify_type, body) VALUES (?, ?, ?, ?)')
      .run('planted', 0, 'PAYMENT_RESULT', JSON.stringify({ paymentMethodMetaData: { ...card } }))
    const rows = scanRows(opened.database, card)
    expect(rows.found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('the card number'),
        expect.stringContaining('the CVV'),
        expect.stringContaining('the expiry'),
        expect.stringContaining('cvv'),
      ]),
    )
    expect(scanFiles(filename, card).found).toEqual(
      expect.arrayContaining([`${filename}-wal: ${card.cardNo}`, `${filename}-wal: "${card.cvv}"`]),
    )
    planter.pragma('wal_checkpoint(TRUNCATE)')
    expect(scanFiles(filename, card).found).toEqual(expect.arrayContaining([`${filename}: ${card.cardNo}`]))
  })
})
