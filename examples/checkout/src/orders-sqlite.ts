import type { SqliteStore } from '@paychart/storage-sqlite'
import type { Order, OrderBook } from './orders.js'

interface OrderRow {
  readonly order_reference: string
  readonly product: string
  readonly created_at: number
}

/** How many orders the payments page lists. */
const LIST_LIMIT = 200

/**
 * The shop's orders in its own table beside the store's, in the same SQLite file: the store has no listing, and its
 * tables are the store's business. Holds no card data: an order is its reference, the product and the time.
 */
export const sqliteOrderBook = (database: SqliteStore['database']): OrderBook => {
  database.exec(`CREATE TABLE IF NOT EXISTS shop_orders (
    order_reference TEXT PRIMARY KEY,
    product TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`)
  const insert = database.prepare(
    'INSERT OR IGNORE INTO shop_orders (order_reference, product, created_at) VALUES (?, ?, ?)',
  )
  const select = database.prepare<[number], OrderRow>(
    'SELECT order_reference, product, created_at FROM shop_orders ORDER BY created_at DESC, rowid DESC LIMIT ?',
  )
  return {
    add: (order) => {
      insert.run(order.orderReference, order.product, order.createdAt)
    },
    list: () =>
      select.all(LIST_LIMIT).map(
        (row): Order => ({
          orderReference: row.order_reference,
          product: row.product,
          createdAt: row.created_at,
        }),
      ),
  }
}
