import { describe, expect, it } from 'vitest'
import { numbersFirstIn, officerLabel } from './officer-label.ts'

const forceName = (slug: string) =>
  ({ hertfordshire: 'Hertfordshire Constabulary', kent: 'Kent Police' })[slug] ?? slug
const none = { givenName: null, familyName: null, nationalId: null, numbers: [] }

describe('officerLabel: an officer is shown by what is known, never by nothing', () => {
  it('uses the name when one is recorded, whole or in part', () => {
    expect(officerLabel({ ...none, givenName: 'Jane', familyName: 'Smith' }, forceName)).toBe('Jane Smith')
    expect(officerLabel({ ...none, familyName: 'Smith' }, forceName)).toBe('Smith')
  })
  it('falls back to the force and number, then the national identifier', () => {
    const numbered = {
      ...none,
      givenName: ' ',
      familyName: '',
      nationalId: 'N1',
      numbers: [{ force: 'hertfordshire', forceNumber: 'HC1234' }],
    }
    expect(officerLabel(numbered, forceName)).toBe('Hertfordshire Constabulary officer HC1234')
    expect(
      officerLabel({ ...none, nationalId: 'N1', numbers: [{ force: 'kent', forceNumber: null }] }, forceName),
    ).toBe('Officer with national identifier N1')
  })
  it('is never empty', () => {
    expect(officerLabel(none, forceName)).toBe('Officer with no name, number or identifier recorded')
  })
  it("puts the reader's force first", () => {
    const numbers = [
      { force: 'kent', forceNumber: 'K1' },
      { force: 'hertfordshire', forceNumber: 'HC1' },
    ]
    expect(officerLabel({ ...none, numbers: numbersFirstIn(numbers, 'hertfordshire') }, forceName)).toBe(
      'Hertfordshire Constabulary officer HC1',
    )
  })
})
