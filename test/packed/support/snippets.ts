import { readFileSync } from 'node:fs'

/** Every ```ts block of a README: the programs (fragments are fenced ```typescript and are not run). */
export const programsOf = (readme: string): string[] =>
  [...readFileSync(readme, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '')

/** What a program promises to print: the `// ...` comment at the end of each line that calls console.log. */
export const promisedLines = (program: string): string[] =>
  program
    .split('\n')
    .filter((line) => line.includes('console.log('))
    .map((line) => /\) \/\/ (.+)$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined)

/** The promised lines that `printed` does not show in order (empty when it keeps every promise). */
export const brokenPromises = (promised: ReadonlyArray<string>, printed: ReadonlyArray<string>): string[] => {
  let at = 0
  const broken: string[] = []
  for (const line of promised) {
    const found = printed.indexOf(line, at)
    if (found === -1) broken.push(line)
    else at = found + 1
  }
  return broken
}
