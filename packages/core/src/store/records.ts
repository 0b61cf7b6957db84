import type { Command, GatewayCommand } from '../machine/commands.js'
import type { PaymentEvent, TimerName } from '../machine/events.js'
import type { PersistedPayment } from '../machine/persistence.js'
import type { PaymentState } from '../machine/state.js'

/** A payment as stored: its snapshot (JSON, no card data by construction), version, and the fields it is found by. */
export interface StoredPayment {
  readonly paymentRequestId: string
  /** Starts at 1 on create; every commit adds 1. */
  readonly version: number
  readonly state: PaymentState
  readonly snapshot: PersistedPayment
  readonly merchantReference?: string
  readonly paymentId?: string
  readonly paymentSessionId?: string
  readonly createdAt: number
  readonly updatedAt: number
}

/** One line of a payment's event log: what arrived and where the payment went. */
export interface EventLogEntry {
  readonly paymentRequestId: string
  /** The version this event produced. */
  readonly version: number
  readonly at: number
  readonly event: PaymentEvent
  readonly from: PaymentState
  readonly to: PaymentState
  /** The commands the machine decided, as data (gateway calls, timers, domain events). */
  readonly commands: ReadonlyArray<Command>
}

/** A command committed for execution: a gateway call, or a domain event to hand to merchant code. */
export interface OutboxItem {
  /** Unique per payment and stable: the machine's `commandId`. */
  readonly commandId: string
  readonly paymentRequestId: string
  readonly command: GatewayCommand | Extract<Command, { readonly kind: 'publish' }>
  readonly createdAt: number
  /** How many times a relay has claimed it. */
  readonly attempts: number
}

export interface TimerItem {
  readonly paymentRequestId: string
  readonly timer: TimerName
  readonly dueAt: number
}

/** A claim on an item: held by `owner` until `leaseUntil`; after that another relay may claim it. */
export interface Lease {
  readonly owner: string
  readonly leaseUntil: number
}

export type Claimed<T> = T & { readonly lease: Lease }

/** Which payment a notification belongs to, when it is known; what is kept for review when it is not. */
export interface InboundNotification {
  /** notifyType + the request id it settles + the gateway's payment id: the same redelivery has the same key. */
  readonly key: string
  readonly receivedAt: number
  readonly notifyType: string
  readonly paymentRequestId?: string
  /** The raw body, for review; notifications carry no full card number (the gateway masks it). */
  readonly body: string
}
