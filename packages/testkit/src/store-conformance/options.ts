import type { PaymentStoreShape } from '@paychart/core/store'
import type { RawReader } from './raw-reader.js'

/** Switches for groups of tests; a group whose flag is off is skipped and says why. */
export interface StoreCapabilities {
  /**
   * Several clients (connections, processes) write the same data at once: the race and claim tests also run
   * across `makeSecondClient`'s client. Off for a store only one client can open (in-memory SQLite, one file lock).
   */
  readonly concurrentWriters: boolean
  /**
   * Claims lease items so two relays never hold the same one. Off only for a store meant for a single relay,
   * which then must not run two.
   */
  readonly leases: boolean
}

/** One store under test, fresh and empty. */
export interface StoreUnderTest {
  readonly store: PaymentStoreShape
  readonly raw: RawReader
  /** Another client over the same backing data (a second pool, connection or instance); needed for `concurrentWriters`. */
  readonly makeSecondClient?: () => Promise<{
    readonly store: PaymentStoreShape
    readonly cleanup?: () => Promise<void>
  }>
  readonly cleanup?: () => Promise<void>
  /**
   * Writes now what the store holds back on purpose (completions waiting to ride with its next write transaction,
   * which `completeCommand` allows). The suite calls it before a raw read that follows a completion with no other
   * store call between; a store that writes every completion at once leaves it out.
   */
  readonly settle?: () => Promise<void>
}

/** What `extra` receives to write a driver's own tests inside the suite's describe. */
export interface StoreTestContext {
  /** A fresh, empty store for the current test; cleaned up when the test ends. */
  readonly make: () => Promise<StoreUnderTest>
  readonly capabilities: StoreCapabilities
}

export interface TestPaymentStoreOptions {
  /** Shown in the describe: `PaymentStore conformance: <name>`. */
  readonly name: string
  /** Called once per test: a fresh, empty store (its own database, schema, key prefix or tables). */
  readonly make: () => Promise<StoreUnderTest>
  readonly capabilities: StoreCapabilities
  /** Strings that must never be stored (card numbers, CVVs); the test cards' numbers are always checked. */
  readonly forbidden?: ReadonlyArray<string>
  /** Racing commits per concurrency test; 20 unless set. */
  readonly racers?: number
  /** The driver's own tests, registered inside the suite's describe. */
  readonly extra?: (context: StoreTestContext) => void
}

/** The options with their defaults, as every group of tests receives them. */
export interface Suite {
  readonly make: () => Promise<StoreUnderTest>
  readonly capabilities: StoreCapabilities
  readonly forbidden: ReadonlyArray<string>
  readonly racers: number
}
