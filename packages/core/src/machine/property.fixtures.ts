import type { Parameters as FcParameters } from 'fast-check'

/**
 * fast-check settings that print the seed, so that a failing run replays with `FC_SEED=<seed>`.
 * `FC_RUNS` raises the number of runs for a longer local or nightly check.
 */
export const replayable = <T>(name: string, numRuns: number): FcParameters<T> => {
  const seed = process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED)
  const runs = process.env.FC_RUNS === undefined ? numRuns : Number(process.env.FC_RUNS)
  console.info(`[property] ${name}: seed=${seed} runs=${runs} (replay with FC_SEED=${seed})`)
  return { seed, numRuns: runs }
}
