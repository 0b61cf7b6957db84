// Runs the model-based payment properties once (asyncModelRun, scheduledModelRun, the late-path, slow-gateway,
// lost-paymentId, refused-cancel and capture-told-first mixes) and prints the outcome as one JSON line. Run by run.ts
// inside a patched copy of the repository; usable alone:
//   npx tsx --conditions=@paychart/source scripts/bug-injection/probe.ts   (PROBE_RUNS, PROBE_SEED)
import { type CommandFocus, checkPaymentProperties, generateSimulatorKeys } from '@paychart/testkit'

const env = (name: string): string | undefined => process.env[name]
const runs = Number(env('PROBE_RUNS') ?? 300)
const seed = Number(env('PROBE_SEED') ?? 20_261_122)
const keys = await generateSimulatorKeys()
const quiet = () => {}

// The full mix, then fast-check's scheduler, then the mixes that make the late paths, a slow gateway, a paymentId
// only a lying notification told, a cancel refused after a capture landed and a capture told before its payment's
// result common; the first failure stops.
let report = await checkPaymentProperties({ keys, runs, seed, log: quiet })
const focused = (focus: Exclude<CommandFocus, 'everything'>, name: string) => () =>
  checkPaymentProperties({ keys, runs: Math.ceil(runs / 3), seed, commands: { focus }, name, log: quiet })
const laterRuns = [
  () => checkPaymentProperties({ keys, runs: Math.ceil(runs / 3), seed, scheduled: true, log: quiet }),
  focused('latePaths', 'late paths'),
  focused('slowGateway', 'slow gateway'),
  focused('lostPaymentIds', 'lost paymentIds'),
  focused('refusedCancels', 'refused cancels'),
  focused('captureToldFirst', 'capture told first'),
]
for (const next of laterRuns) if (!report.failed) report = await next()
console.log(`PROBE_RESULT ${JSON.stringify(report)}`)
