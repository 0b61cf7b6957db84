import { Redacted } from 'effect'
import { describe, expect, it } from 'vitest'
import { readCardForm } from './card-form.js'

const valid = { cardNo: '4054 6957-2310 0768', expiryMonth: '3', expiryYear: '2030', cvv: '123' }

describe('reading the card form', () => {
  it('keeps the card only as a redacted secret, normalised for the gateway', () => {
    const form = readCardForm({ ...valid, firstName: 'Ada', lastName: 'Lovelace', capture: 'manual' })
    if (!form.ok) throw new Error(form.message)
    expect(form.captureMode).toBe('MANUAL')
    expect(JSON.stringify(form)).not.toContain('4054695723100768')
    expect(String(form.secrets.cardMetaData)).not.toContain('4054')
    expect(Redacted.value(form.secrets.cardMetaData ?? Redacted.make({}))).toEqual({
      cardNo: '4054695723100768',
      cvv: '123',
      expiryMonth: '03',
      expiryYear: '30',
      cardholderName: { firstName: 'Ada', lastName: 'Lovelace' },
    })
  })

  it('captures automatically unless asked, and leaves the holder out when no name is given', () => {
    const form = readCardForm(valid)
    if (!form.ok) throw new Error(form.message)
    expect(form.captureMode).toBe('AUTOMATIC')
    expect(Redacted.value(form.secrets.cardMetaData ?? Redacted.make({}))).not.toHaveProperty('cardholderName')
  })

  it.each([
    [{ cardNo: '4054' }, 'cardNo'],
    [{ expiryMonth: '13' }, 'expiryMonth'],
    [{ expiryYear: '203' }, 'expiryYear'],
    [{ cvv: '12a' }, 'cvv'],
    [{ firstName: 'Ada' }, 'lastName'],
  ])('refuses %o naming %s, without repeating what was typed', (change, field) => {
    const form = readCardForm({ ...valid, ...change })
    expect(form).toMatchObject({ ok: false, field })
    expect(JSON.stringify(form)).not.toMatch(/4054|2030|123/)
  })
})
