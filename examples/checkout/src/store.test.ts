import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCheckoutStore } from './store.js'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('the checkout store', () => {
  it('creates its folder, lists orders newest first, and keeps them across a restart', () => {
    dir = mkdtempSync(join(tmpdir(), 'paychart-store-'))
    const filename = join(dir, 'nested', 'checkout.db')
    const first = openCheckoutStore({ filename })
    first.orders.add({ orderReference: 'MUG-1', product: 'Paychart mug', createdAt: 1_000 })
    first.orders.add({ orderReference: 'MUG-2', product: 'Paychart mug', createdAt: 2_000 })
    first.orders.add({ orderReference: 'MUG-1', product: 'again', createdAt: 3_000 })
    first.close()
    first.close()

    const second = openCheckoutStore({ filename })
    expect(second.orders.list()).toEqual([
      { orderReference: 'MUG-2', product: 'Paychart mug', createdAt: 2_000 },
      { orderReference: 'MUG-1', product: 'Paychart mug', createdAt: 1_000 },
    ])
    expect(second.description).toBe(`SQLite, ${filename}`)
    second.close()
  })
})
