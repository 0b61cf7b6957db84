import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUGS } from './bugs.js'

const root = resolve(import.meta.dirname, '..', '..')

// A change to a patched file can move a bug's search text away: the bug-injection run would then report the bug as
// not applied rather than caught, and only when someone runs it by hand.
describe('the injected bugs', () => {
  it.each(BUGS.filter((bug) => bug.patches.length > 0).map((bug) => [bug.name, bug] as const))(
    '%s applies to the tree: each search text occurs exactly once',
    (_name, bug) => {
      for (const patch of bug.patches) {
        const text = readFileSync(join(root, patch.file), 'utf8')
        expect(text.split(patch.search).length - 1, `${patch.file}: ${patch.search}`).toBe(1)
      }
    },
  )

  it('have names of their own', () => {
    const names = BUGS.map((bug) => bug.name)
    expect(new Set(names).size).toBe(names.length)
  })
})
