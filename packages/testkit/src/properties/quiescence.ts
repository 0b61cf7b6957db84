import { LATE_CAPTURE_LAST_LOOK_MS, LATE_PAY_LAST_LOOK_MS, LATE_REFUND_LAST_LOOK_MS } from '@paychart/core/machine'
import * as Exit from 'effect/Exit'
import {
  checkAcceptedSent,
  checkAcknowledgedCommitted,
  checkAgreement,
  checkCancelRefusalsTold,
  checkConflicts,
  checkDisagreementsHeld,
  checkInvariants,
  checkNotificationsAnswered,
  checkNotificationsDecode,
  checkOrdersChargedOnce,
  checkReversalsOnce,
  type Observed,
} from './invariants.js'
import { checkLastLooks } from './last-looks.js'
import type { Model } from './model.js'
import { INLINE_LEASE_MS, type World } from './world.js'

/** Timers that only a merchant's inaction fires (7 days on): not waited for at quiescence. */
const LONG_TIMERS: ReadonlySet<string> = new Set(['captureDeadline'])

/**
 * Every notification's redeliveries (0, 2 m, 10 m, 10 m, 1 h, 2 h, 6 h, 15 h: 24 h 22 m) fit in it, and so does the last
 * look for a send given up in its first hour (25 h 22 m after the give-up).
 */
export const QUIESCENCE_HORIZON_MS =
  Math.max(LATE_PAY_LAST_LOOK_MS, LATE_CAPTURE_LAST_LOOK_MS, LATE_REFUND_LAST_LOOK_MS) + 3_600_000

const nextWake = async (world: World, model: Model): Promise<number | undefined> => {
  const times: Array<number> = []
  for (const payment of model.payments) {
    const exit = await world.run(() => world.store().pendingTimers(payment.id))
    if (Exit.isSuccess(exit)) for (const t of exit.value) if (!LONG_TIMERS.has(t.timer)) times.push(t.dueAt)
  }
  for (const n of world.simulator.notifications()) {
    if (n.status === 'pending' && n.nextAttemptAt !== undefined) times.push(n.nextAttemptAt)
  }
  const lateCall = world.simulator.nextLateCallAt()
  if (lateCall !== undefined) times.push(lateCall)
  // A payment the gateway still holds pending (a pay that landed late, its buyer gone) closes at its own expiry.
  for (const payment of model.payments) {
    const remote = world.simulator.payment(payment.id)
    if (remote?.status === 'pending' && remote.expiresAt > world.clock.now()) times.push(remote.expiresAt)
  }
  return times.length === 0 ? undefined : Math.min(...times)
}

/**
 * No more faults but those deferred to a later time (`deferFault`); every held notification released; then time runs
 * on: every call held back lands when it is due, every due notification is delivered and acknowledged, every due timer
 * fired by the relay, until nothing but the capture deadlines is left.
 */
export const quiesce = async (world: World, model: Model): Promise<void> => {
  world.disarmCrash()
  world.simulator.releaseHeldNotifications()
  world.simulator.faults.clear()
  world.clock.advance(INLINE_LEASE_MS + 1)
  const horizon = world.clock.now() + QUIESCENCE_HORIZON_MS
  for (let round = 0; round < 500 && world.clock.now() < horizon; round++) {
    world.armDueFaults()
    world.simulator.deliverLateCalls()
    await world.deliver()
    await world.relay()
    const wake = await nextWake(world, model)
    if (wake === undefined) {
      await world.deliver()
      return
    }
    world.clock.set(Math.max(world.clock.now() + 1, wake))
  }
  // Still busy past the horizon: what is left unsettled is for the agreement check to name.
  await world.deliver()
}

/** Quiescence, then every invariant, then agreement with the gateway. */
export const checkAtQuiescence = async (world: World, model: Model): Promise<ReadonlyMap<string, Observed>> => {
  await quiesce(world, model)
  const seen = await checkInvariants(world, model)
  checkNotificationsDecode(world)
  checkAcknowledgedCommitted(world, seen)
  checkNotificationsAnswered(world, seen)
  checkDisagreementsHeld(world, model, seen)
  checkAgreement(world, model, seen)
  checkCancelRefusalsTold(world, seen)
  checkAcceptedSent(world, model, seen)
  checkConflicts(world, model, seen)
  checkOrdersChargedOnce(world, model)
  checkReversalsOnce(world, model, seen)
  checkLastLooks(world, model, seen)
  return seen
}
