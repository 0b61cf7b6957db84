import { writeFigures } from '@paychart/bench-kit'
import { measureMachine } from './machine.bench.js'
import { measureMemoryCommits } from './memory-commits.bench.js'

writeFigures(new URL('../', import.meta.url), [await measureMachine(), await measureMemoryCommits()])
