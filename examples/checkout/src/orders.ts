/** One checkout order: the payment it opened and what was bought. The store has no listing; this is the shop's own. */
export interface Order {
  readonly paymentRequestId: string
  readonly product: string
  readonly createdAt: number
}

/** The shop's list of orders, newest first: what the payments page walks. */
export interface OrderBook {
  readonly add: (order: Order) => void
  readonly list: () => ReadonlyArray<Order>
}
