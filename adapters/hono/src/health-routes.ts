import { checkHealth, type Health, type HealthOptions } from '@paychart/core'
import * as Exit from 'effect/Exit'
import { Hono } from 'hono/tiny'
import type { EngineRunner } from './run.js'

export interface HealthRoutesOptions extends HealthOptions {
  readonly run: EngineRunner
  /** Default `/health`: GET `/live` and GET `/ready`. */
  readonly basePath?: string
}

/** What the readiness route shows: counts and ages only (no payment, no error text that could name a host). */
const readinessBody = (health: Health) => ({
  ready: health.ready,
  store: { up: health.store.up },
  ...(health.relay === undefined ? {} : { relay: health.relay }),
  ...(health.backlog === undefined
    ? {}
    : {
        unknownOutcomes: health.backlog.unknownOutcomes.count,
        pendingCommands: health.backlog.pendingCommands.count,
        overdueTimers: health.backlog.overdueTimers.count,
      }),
  ...(health.oldestUnknownOutcomeAgeMs === undefined
    ? {}
    : { oldestUnknownOutcomeAgeMs: health.oldestUnknownOutcomeAgeMs }),
})

/**
 * Probes for an orchestrator: `/live` answers 200 while the process serves HTTP; `/ready` answers 200 when the store
 * answers and the relay running in this process (if any) has passed lately, else 503, with the backlog's counts and
 * the age of the oldest unknown outcome (see `checkHealth`). Nothing here needs authentication: no payment data.
 */
export const healthRoutes = ({ run, basePath = '/health', ...options }: HealthRoutesOptions): Hono => {
  const app = new Hono()
  app.get(`${basePath}/live`, (c) => c.json({ live: true }))
  app.get(`${basePath}/ready`, async (c) => {
    const exit = await run(checkHealth(options))
    if (Exit.isFailure(exit)) return c.json({ ready: false }, 503)
    return c.json(readinessBody(exit.value), exit.value.ready ? 200 : 503)
  })
  return app
}
