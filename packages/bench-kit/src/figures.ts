import { mkdirSync, writeFileSync } from 'node:fs'

/** One benchmark figure next to its baseline, measured in the same run. */
export interface Figure {
  readonly name: string
  readonly value: number
  readonly unit: string
  readonly baseline: string
  readonly baselineValue: number
  readonly ratio: number
}

export const figure = (name: string, value: number, unit: string, baseline: string, baselineValue: number): Figure => ({
  name,
  value: Math.round(value),
  unit,
  baseline,
  baselineValue: Math.round(baselineValue),
  ratio: Number((value / baselineValue).toFixed(3)),
})

/** Writes this package's figures where the root `npm run bench` collects them. */
export const writeFigures = (packageDir: URL, figures: ReadonlyArray<Figure>): void => {
  const dir = new URL('.bench/', packageDir)
  mkdirSync(dir, { recursive: true })
  writeFileSync(new URL('results.json', dir), `${JSON.stringify(figures, null, 2)}\n`)
  for (const f of figures) {
    console.log(`${f.name}: ${f.value} ${f.unit} (${f.baseline}: ${f.baselineValue}; ratio ${f.ratio})`)
  }
}
