import { BUDGET_GZIP_BYTES, BUNDLE_FILE, bundleEdge } from './bundle.js'
import { contributorsByFile, contributorsByGroup } from './contributors.js'

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

const result = await bundleEdge()
if (!result.ok) {
  console.error('the edge bundle did not build:')
  for (const error of result.errors) console.error(`  ${error}`)
  process.exit(1)
}
for (const warning of result.warnings) console.warn(`warning: ${warning}`)
console.log(`${BUNDLE_FILE}`)
console.log(`raw ${kb(result.rawBytes)} (${result.rawBytes} B), gzip ${kb(result.gzipBytes)} (${result.gzipBytes} B)`)
console.log(`budget ${kb(BUDGET_GZIP_BYTES)} gzip: ${result.gzipBytes <= BUDGET_GZIP_BYTES ? 'met' : 'OVER'}`)
console.log('largest contributors (bytes in the minified output):')
for (const { name, bytes } of contributorsByGroup(result.metafile).slice(0, 12))
  console.log(`  ${kb(bytes).padStart(9)}  ${name}`)
if (process.argv.includes('--files')) {
  for (const { name, bytes } of contributorsByFile(result.metafile).slice(0, 25))
    console.log(`  ${kb(bytes).padStart(9)}  ${name}`)
}
