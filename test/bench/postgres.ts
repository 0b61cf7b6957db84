import pg from 'pg'

/** The benches' Postgres: `DATABASE_URL`, or the one every machine here runs. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Whether Postgres answers at `url` within two seconds; a bench without it says so and skips its Postgres half. */
export const postgresReachable = async (url: string): Promise<boolean> => {
  const probe = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 2_000 })
  const reachable = await probe.query('SELECT 1').then(
    () => true,
    () => false,
  )
  await probe.end()
  return reachable
}
