/**
 * One checkout order: its reference (its attempts are the engine's payments `<orderReference>-attempt-<n>`), what was
 * bought and when. The store has no listing of orders; this is the shop's own.
 */
export interface Order {
  readonly orderReference: string
  readonly product: string
  readonly createdAt: number
}

/** The shop's list of orders, newest first: what the payments page walks. */
export interface OrderBook {
  readonly add: (order: Order) => void
  readonly list: () => ReadonlyArray<Order>
}
