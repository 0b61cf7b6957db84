import { importPrivateKey, signRequest } from '@paychart/antom'
import type { Delivery, Simulator, SimulatorKeys } from '@paychart/testkit'
import { Effect } from 'effect'
import { type Instance, isAlive } from './cluster.js'
import { otherThan } from './random.js'

export interface NotifierStats {
  deliveries: number
  /** Deliveries also posted, at the same moment, to a second instance. */
  duplicates: number
  /** Answers other than the acknowledgement (the simulator redelivers those). */
  refused: number
  /** Redeliveries fetched ahead of the simulator's schedule, so the run need not wait minutes. */
  hurried: number
}

export interface Notifier {
  readonly stats: NotifierStats
  readonly stop: () => Promise<void>
}

const MINUTE = 60_000

/**
 * Delivers the simulator's notifications as the gateway would, signed, each to a random live instance; a share of
 * them also to a second one at the same moment. A notification refused and scheduled for a later attempt is fetched
 * ahead of its time once it has waited a second (the simulator retries after 2 and 10 minutes).
 */
export const startNotifier = async (options: {
  readonly simulator: Simulator
  readonly keys: SimulatorKeys
  readonly clientId: string
  readonly instances: ReadonlyArray<Instance>
  readonly random: () => number
  readonly duplicateShare: number
  readonly everyMs: number
}): Promise<Notifier> => {
  const { simulator, clientId, instances, random } = options
  const signer = await Effect.runPromise(importPrivateKey(options.keys.gatewayPrivateKey))
  const stats: NotifierStats = { deliveries: 0, duplicates: 0, refused: 0, hurried: 0 }

  const post = async (instance: Instance, path: string, body: string): Promise<string | undefined> => {
    const headers = await Effect.runPromise(signRequest({ path, clientId, body, now: Date.now(), privateKey: signer }))
    try {
      const response = await fetch(`${instance.url}${path}`, { method: 'POST', headers: { ...headers }, body })
      const text = await response.text()
      if (response.status !== 200) stats.refused += 1
      return text
    } catch {
      return undefined
    }
  }

  const deliver = async (delivery: Delivery) => {
    if (delivery.url === undefined) return
    const path = new URL(delivery.url).pathname
    const body = JSON.stringify(delivery.body)
    const live = instances.filter(isAlive)
    const first = Math.floor(random() * live.length)
    const targets = [first]
    if (live.length > 1 && random() < options.duplicateShare) targets.push(otherThan(random, live.length, first))
    stats.deliveries += 1
    stats.duplicates += targets.length - 1
    const answers = await Promise.all(
      targets.flatMap((i) => (live[i] === undefined ? [] : [post(live[i], path, body)])),
    )
    simulator.acknowledge(delivery.notificationId, answers[0])
  }

  /** The soonest later attempt among notifications refused more than a second ago, if within 10 minutes. */
  const hurryTo = (now: number): number | undefined => {
    const waiting = simulator
      .notifications()
      .filter((n) => n.status === 'pending' && n.nextAttemptAt !== undefined && n.nextAttemptAt > now)
      .filter((n) => (n.attempts.at(-1)?.at ?? now) < now - 1_000)
      .map((n) => n.nextAttemptAt ?? now)
    const soonest = Math.min(...waiting)
    return Number.isFinite(soonest) && soonest - now <= 10 * MINUTE + 1_000 ? soonest : undefined
  }

  let stopped = false
  const loop = (async () => {
    while (!stopped) {
      const now = Date.now()
      const hurried = hurryTo(now)
      const due = simulator.dueNotifications(hurried ?? now)
      if (hurried !== undefined) stats.hurried += due.length
      await Promise.all(due.map(deliver))
      await new Promise((resolve) => setTimeout(resolve, options.everyMs))
    }
  })()
  return {
    stats,
    stop: async () => {
      stopped = true
      await loop
    },
  }
}
