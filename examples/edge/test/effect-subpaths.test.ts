import { describe, expect, it } from 'vitest'
import { effectBarrel, rewriteEffectImports } from '../scripts/effect-subpaths.js'

const barrel = effectBarrel()

describe('rewriteEffectImports', () => {
  it('reads the namespaces and functions of the installed effect barrel', () => {
    expect(barrel.namespaces.get('Schema')).toBe('effect/Schema')
    expect(barrel.namespaces.get('Effect')).toBe('effect/Effect')
    expect(barrel.functions.get('pipe')).toBe('effect/Function')
  })

  it('turns each value import from the barrel into an import of its own module', () => {
    const source = "import { type Context, Effect, Schema as S, pipe } from 'effect'\nconst x = 1\n"
    expect(rewriteEffectImports(source, barrel)).toBe(
      "import * as Effect from 'effect/Effect'\nimport * as S from 'effect/Schema'\nimport { pipe } from 'effect/Function'\nconst x = 1\n",
    )
  })

  it('keeps a name it does not know on the barrel, and leaves type-only and other imports alone', () => {
    const source = [
      "import { Layer, NotAModule } from 'effect'",
      "import type { Effect } from 'effect'",
      "import { Hono } from 'hono'",
    ].join('\n')
    expect(rewriteEffectImports(source, barrel).split('\n')).toEqual([
      "import * as Layer from 'effect/Layer'",
      "import { NotAModule } from 'effect'",
      "import type { Effect } from 'effect'",
      "import { Hono } from 'hono'",
    ])
  })

  it('makes an import of types only a type import', () => {
    expect(rewriteEffectImports("import {\n  type Exit,\n  type Scope,\n} from 'effect'", barrel)).toBe(
      "import type {\n  type Exit,\n  type Scope,\n} from 'effect'",
    )
  })
})
