// The small-number threshold a report may ask for: 1 (nothing suppressed) or 3 and more. At 2 the only
// suppressed count would be one, which "fewer than 2" gives away, so disclosure control cannot protect it.
import { describe, expect, it } from 'vitest'
import { NewReportInput } from './forms.ts'
import { checkForm, type ReportForm } from './pages/report-form.ts'

const question = { force: 'kent', category: 'sexual_assault', from: '2016', to: '2020' }
const form = (threshold: string): ReportForm => ({
  ...question,
  threshold,
  asOf: { day: '1', month: '6', year: '2022' },
})

describe('the threshold of a report', () => {
  it.each([1, 3, 5, 100])('accepts %i', (threshold) => {
    expect(NewReportInput.safeParse({ ...question, threshold }).success).toBe(true)
    expect(checkForm(form(String(threshold)), '2022-06-01').errors.list).toEqual([])
  })

  it.each([0, 2, 101])('refuses %i, saying why', (threshold) => {
    const parsed = NewReportInput.safeParse({ ...question, threshold })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0]!.path).toEqual(['threshold'])
    expect(checkForm(form(String(threshold)), '2022-06-01').errors.fields.threshold).toBeDefined()
  })

  it('explains that 2 would give the small numbers away', () => {
    const parsed = NewReportInput.safeParse({ ...question, threshold: 2 })
    expect(parsed.error!.issues[0]!.message).toMatch(
      /1 \(nothing suppressed\) or 3 or more: at 2, “fewer than 2” would give away every one/,
    )
    expect(checkForm(form('2'), '2022-06-01').errors.list[0]!.text).toBe(
      'The threshold must be 1 (nothing suppressed) or from 3 to 100: at 2, “fewer than 2” would give away every one',
    )
  })
})
