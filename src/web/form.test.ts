import { describe, expect, it } from 'vitest'
import { readDate } from './form.ts'

describe('a date typed into a GOV.UK date input', () => {
  const read = (day: string, month: string, year: string) =>
    readDate({ day, month, year }, 'the date received')

  it('is a date only when it is real and in a year a record can have', () => {
    expect(read('29', '2', '2024')).toEqual({ kind: 'date', value: '2024-02-29' })
    expect(read('', '', '')).toEqual({ kind: 'empty' })
    expect(read('30', '2', '2024')).toEqual({
      kind: 'invalid',
      message: 'The date received must be a real date',
    })
    for (const year of ['0000', '1899', '3000', '9999']) {
      expect(read('1', '1', year)).toEqual({
        kind: 'invalid',
        message: 'The date received must be in a year from 1900 to 2999',
      })
    }
  })
})
