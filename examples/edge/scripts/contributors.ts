import type { Metafile } from 'esbuild'

export interface Contributor {
  readonly name: string
  readonly bytes: number
}

/** `node_modules/effect/dist/Schema.js` → `effect`; `../../packages/core/src/machine/x.ts` → `@paychart/core machine`. */
export const groupOf = (input: string): string => {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)
  if (modules?.[1] !== undefined) return modules[1]
  const workspace = /(packages|adapters|examples)\/([^/]+)\/src\/([^/]+)/.exec(input)
  if (workspace?.[2] !== undefined && workspace[3] !== undefined) {
    const folder = workspace[3].endsWith('.ts') ? '' : ` ${workspace[3]}`
    return `@paychart/${workspace[2]}${folder}`
  }
  return input
}

const sum = (rows: Iterable<readonly [string, number]>, key: (name: string) => string): Contributor[] => {
  const totals = new Map<string, number>()
  for (const [name, bytes] of rows) totals.set(key(name), (totals.get(key(name)) ?? 0) + bytes)
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes)
}

const outputInputs = (metafile: Metafile): Array<readonly [string, number]> =>
  Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).map(([name, input]) => [name, input.bytesInOutput] as const),
  )

/** Minified bytes in the bundle per package (workspace packages per source folder), largest first. */
export const contributorsByGroup = (metafile: Metafile): Contributor[] => sum(outputInputs(metafile), groupOf)

/** Minified bytes in the bundle per input file, largest first. */
export const contributorsByFile = (metafile: Metafile): Contributor[] => sum(outputInputs(metafile), (name) => name)
