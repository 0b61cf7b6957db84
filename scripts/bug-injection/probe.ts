// Runs the model-based payment properties once (asyncModelRun, then scheduledModelRun) and prints the outcome as one
// JSON line. Run by run.ts inside a patched copy of the repository; usable alone:
//   npx tsx --conditions=@paychart/source scripts/bug-injection/probe.ts   (PROBE_RUNS, PROBE_SEED)
import { checkPaymentProperties, generateSimulatorKeys } from '@paychart/testkit'

const env = (name: string): string | undefined => process.env[name]
const runs = Number(env('PROBE_RUNS') ?? 300)
const seed = Number(env('PROBE_SEED') ?? 20_261_122)
const keys = await generateSimulatorKeys()
const quiet = () => {}

const sequential = await checkPaymentProperties({ keys, runs, seed, log: quiet })
const report = sequential.failed
  ? sequential
  : await checkPaymentProperties({
      keys,
      runs: Math.ceil(runs / 3),
      seed,
      scheduled: true,
      log: quiet,
    })
console.log(`PROBE_RESULT ${JSON.stringify({ ...report, scheduled: !sequential.failed })}`)
