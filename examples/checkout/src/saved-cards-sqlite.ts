import type { SqliteStore } from '@paychart/storage-sqlite'
import type { SavedCard, SavedCards } from './saved-cards.js'

interface CardRow {
  readonly id: number
  readonly brand: string
  readonly last_four: string
  readonly card_token: string
}

const toCard = (row: CardRow): SavedCard => ({
  id: row.id,
  brand: row.brand,
  lastFour: row.last_four,
  cardToken: row.card_token,
})

/**
 * Saved cards in the shop's own tables, in the store's SQLite file: who asked to save the card of which payment, and
 * the cards the gateway vaulted. A token, a brand and the last four: never a card number, a CVV or an expiry.
 */
export const sqliteSavedCards = (database: SqliteStore['database']): SavedCards => {
  database.exec(`CREATE TABLE IF NOT EXISTS shop_card_save_requests (
    payment_request_id TEXT PRIMARY KEY,
    buyer_id TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS shop_saved_cards (
    id INTEGER PRIMARY KEY,
    buyer_id TEXT NOT NULL,
    card_token TEXT NOT NULL UNIQUE,
    brand TEXT NOT NULL,
    last_four TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS shop_saved_cards_buyer ON shop_saved_cards (buyer_id)`)
  const request = database.prepare(
    'INSERT OR IGNORE INTO shop_card_save_requests (payment_request_id, buyer_id) VALUES (?, ?)',
  )
  const save = database.prepare(`INSERT OR IGNORE INTO shop_saved_cards (buyer_id, card_token, brand, last_four)
    SELECT buyer_id, ?, ?, ? FROM shop_card_save_requests WHERE payment_request_id = ?`)
  const list = database.prepare<[string], CardRow>(
    'SELECT id, brand, last_four, card_token FROM shop_saved_cards WHERE buyer_id = ? ORDER BY id',
  )
  const find = database.prepare<[string, number], CardRow>(
    'SELECT id, brand, last_four, card_token FROM shop_saved_cards WHERE buyer_id = ? AND id = ?',
  )
  return {
    requestSave: (paymentRequestId, buyerId) => {
      request.run(paymentRequestId, buyerId)
    },
    recordToken: (paymentRequestId, card) => {
      save.run(card.cardToken, card.brand ?? 'CARD', card.lastFour ?? '????', paymentRequestId)
    },
    list: (buyerId) => list.all(buyerId).map(toCard),
    find: (buyerId, id) => {
      const row = find.get(buyerId, id)
      return row === undefined ? undefined : toCard(row)
    },
  }
}
