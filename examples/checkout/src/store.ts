import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { PaymentStore } from '@paychart/core'
import { openSqliteStore } from '@paychart/storage-sqlite'
import type { Layer } from 'effect'
import type { OrderBook } from './orders.js'
import { sqliteOrderBook } from './orders-sqlite.js'
import type { SavedCards } from './saved-cards.js'
import { sqliteSavedCards } from './saved-cards-sqlite.js'

/** Where the checkout keeps payments (the engine's store), its own list of orders and its buyers' saved cards. */
export interface CheckoutStore {
  readonly layer: Layer.Layer<PaymentStore>
  readonly orders: OrderBook
  readonly savedCards: SavedCards
  /** What it is, for the start-up banner. */
  readonly description: string
  /** Closes the database (idempotent). */
  readonly close: () => void
}

export interface CheckoutStoreOptions {
  /** The SQLite file; its folder is created if needed. */
  readonly filename: string
}

/**
 * The one place the store is chosen: `@paychart/storage-sqlite` in a file, the shop's orders and saved cards in the
 * same file.
 */
export const openCheckoutStore = ({ filename }: CheckoutStoreOptions): CheckoutStore => {
  mkdirSync(dirname(filename), { recursive: true })
  const sqlite = openSqliteStore({ filename })
  try {
    return {
      layer: sqlite.layer,
      orders: sqliteOrderBook(sqlite.database),
      savedCards: sqliteSavedCards(sqlite.database),
      description: `SQLite, ${filename}`,
      close: sqlite.close,
    }
  } catch (error) {
    sqlite.close()
    throw error
  }
}
