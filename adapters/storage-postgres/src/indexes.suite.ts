import { cardFlow, sessionFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import { type Client, escapeIdentifier } from 'pg'
import { expect, it } from 'vitest'
import { useFreshStore } from './postgres.fixtures.js'
import { type Statement, statementsFor } from './statements.js'

const T0 = Date.UTC(2026, 10, 22, 12)

interface PlanNode {
  readonly 'Node Type': string
  readonly 'Index Name'?: string
  readonly 'Relation Name'?: string
  readonly Plans?: ReadonlyArray<PlanNode>
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

/** Each lookup the engine makes, a sample of its parameters, and the indexes its plan must use. */
const lookups = (s: ReturnType<typeof statementsFor>) => {
  const now = T0 + 60 * 60_000
  const claim = [now, 10, 'relay', now + 30_000]
  // Each writes a held completion it carries, through outbox_pkey.
  const carried = ['PAY-IX-6#2']
  const claimCommands = [...claim, now - 2_000, carried]
  const record = (id: string, i: number) => ({
    i,
    id,
    expected: 8,
    state: 'captured',
    snapshot: '{}',
    at: now,
    event_version: 9,
    event_at: now,
    from_state: 'captured',
    to_state: 'captured',
    event: {},
    commands: [],
    outbox: [{ command_id: `${id}@9/0`, payment_request_id: id, command: {}, created_at: now, attempts: 0 }],
    completes: `${id}#1`,
    cleared: ['reconcile'],
    timers: [{ payment_request_id: id, timer: 'expiry', due_at: now }],
    key: `KEY-${id}`,
  })
  const commitOne = [JSON.stringify([record('PAY-IX-7', 0)]), carried, ['PAY-IX-7'], ['KEY-PAY-IX-7']]
  const groupCommit = [
    JSON.stringify([record('PAY-IX-7', 0), record('PAY-IX-5', 1)]),
    carried,
    ['PAY-IX-7', 'PAY-IX-5'],
    ['KEY-PAY-IX-7', 'KEY-PAY-IX-5'],
  ]
  const cases: ReadonlyArray<readonly [string, Statement, ReadonlyArray<unknown>, ReadonlyArray<string>]> = [
    ['load', s.load, ['PAY-IX-7'], ['payments_pkey']],
    ['the loads of one turn', s.loadMany, [['PAY-IX-7', 'PAY-IX-6']], ['payments_pkey']],
    ["the versions after a group's conflicts", s.versions, [['PAY-IX-7', 'PAY-IX-6']], ['payments_pkey']],
    ['find by merchantReference', s.findByMerchantReference, ['ORDER-PAY-IX-7'], ['payments_merchant_reference_idx']],
    ['find by paymentId', s.findByPaymentId, ['P-PAY-IX-7'], ['payments_payment_id_idx']],
    ['find by paymentSessionId', s.findByPaymentSessionId, ['SESSION-S-IX-7'], ['payments_payment_session_id_idx']],
    ['events', s.events, ['PAY-IX-7'], ['payment_events_pkey']],
    ['commit', s.commit, commitOne, ['payments_pkey', 'outbox_pkey', 'timers_pkey', 'notifications_pkey']],
    ['group commit', s.commit, groupCommit, ['payments_pkey', 'outbox_pkey', 'timers_pkey', 'notifications_pkey']],
    ['claimCommands', s.claimCommands, claimCommands, ['outbox_claim_idx', 'outbox_pkey']],
    ['claimCommand', s.claimCommand, ['PAY-IX-7#1', 'inline', now + 30_000, now, carried], ['outbox_pkey']],
    ['completeCommands', s.completeCommands, [['PAY-IX-7#1', 'PAY-IX-7#2']], ['outbox_pkey']],
    ['claimTimers', s.claimTimers, claim, ['timers_due_idx', 'timers_pkey']],
    ['pendingTimers', s.pendingTimers, ['PAY-IX-7'], ['timers_pkey']],
    ['hasNotification', s.hasNotification, ['KEY'], ['notifications_pkey']],
  ]
  return cases
}

const planOf = async (client: Client, lookup: string, statement: Statement, values: ReadonlyArray<unknown>) => {
  const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
    `EXPLAIN (FORMAT JSON) ${statement.text}`,
    [...values],
  )
  const plan = rows[0]?.['QUERY PLAN'][0]?.Plan
  if (plan === undefined) throw new Error(`no plan for ${lookup}`)
  return nodesOf(plan)
}

/** A fresh store holding 40 card payments and 40 session payments, each through its whole flow, analyzed. */
const filledStore = async () => {
  const fresh = await useFreshStore()
  const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
  for (let i = 0; i < 40; i++) {
    for (const flow of [cardFlow(`PAY-IX-${i}`, T0 + i * 1_000), sessionFlow(`S-IX-${i}`, T0 + i * 1_000)]) {
      await run(fresh.store.create(flow.payment))
      for (const commit of flow.commits) await run(fresh.store.commit(commit))
    }
  }
  await fresh.client.query(`ANALYZE`)
  return fresh
}

export const indexTests = (): void => {
  it('answers every lookup the engine makes from an index, never a sequential scan', async () => {
    const { client, schema } = await filledStore()
    // With sequential scans priced out, the planner still picks one where no index serves the query.
    await client.query('SET enable_seqscan = off')
    const statements = statementsFor(escapeIdentifier(schema))
    for (const [lookup, statement, values, indexes] of lookups(statements)) {
      const nodes = await planOf(client, lookup, statement, values)
      const used = nodes.flatMap((node) => (node['Index Name'] === undefined ? [] : [node['Index Name']]))
      expect(used, `${lookup} uses ${indexes.join(', ')}`).toEqual(expect.arrayContaining([...indexes]))
      const scanned = nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name'])
      expect(scanned, `${lookup} scans no table sequentially`).toEqual([])
    }
    await client.query('RESET enable_seqscan')
  })

  // The check above prices sequential scans out, which hides one the planner would choose: with 10,000 rows in the
  // tables, a commit that hashed every stored notification key to find its own cost 5 ms instead of 1.
  it("keeps every lookup an index probe as the tables grow, by the planner's own choice", async () => {
    const { client, schema } = await filledStore()
    const s = escapeIdentifier(schema)
    const rows = 10_000
    await client.query(
      `INSERT INTO ${s}.payments (payment_request_id, version, state, snapshot, created_at, updated_at)
       SELECT 'OLD-' || g, 1, 'captured', '{}', 0, 0 FROM generate_series(1, ${rows}) g`,
    )
    await client.query(
      `INSERT INTO ${s}.notifications (key, payment_request_id, at)
       SELECT 'OLD-KEY-' || g, 'OLD-' || g, 0 FROM generate_series(1, ${rows}) g`,
    )
    await client.query(
      `INSERT INTO ${s}.outbox (command_id, payment_request_id, command, created_at, attempts, done)
       SELECT 'OLD-' || g || '#1', 'OLD-' || g, '{}', 0, 1, true FROM generate_series(1, ${rows}) g`,
    )
    await client.query(
      `INSERT INTO ${s}.timers (payment_request_id, timer, due_at)
       SELECT 'OLD-' || g, 'paymentExpiry', ${T0} + g FROM generate_series(1, ${rows}) g`,
    )
    await client.query(`ANALYZE`)
    const statements = statementsFor(s)
    const scans: string[] = []
    for (const [lookup, statement, values] of lookups(statements)) {
      for (const node of await planOf(client, lookup, statement, values)) {
        if (node['Node Type'] === 'Seq Scan') scans.push(`${lookup} scans ${node['Relation Name']}`)
      }
    }
    // Past its fifth run a prepared statement may keep one plan for any parameters: run each as the store does
    // (a named statement), more times than that, and count the sequential scans Postgres really made.
    const seqScans = async () => {
      await client.query('SELECT pg_stat_force_next_flush()')
      const { rows } = await client.query<{ relname: string; seq_scan: string }>(
        'SELECT relname, seq_scan FROM pg_stat_user_tables WHERE schemaname = $1',
        [schema],
      )
      return new Map(rows.map((row) => [row.relname, Number(row.seq_scan)]))
    }
    for (const [lookup, statement, values] of lookups(statements)) {
      const before = await seqScans()
      await client.query('BEGIN')
      for (let run = 0; run < 8; run++) {
        await client.query({ name: statement.name, text: statement.text, values: [...values] })
      }
      await client.query('ROLLBACK')
      for (const [table, count] of await seqScans()) {
        if (count !== before.get(table)) scans.push(`${lookup} (run 8 times) scans ${table}`)
      }
    }
    expect(scans).toEqual([])
  })
}
