// `probity vet` prints the vetting record as text: the words of the HTML and the PDF, never a stored code, and
// nothing typed can act on the terminal.
import { describe, expect, it } from 'vitest'
import { renderVettingText } from './vetting-text.ts'
import { sampleVettingResult } from '../features/vetting/document/sample.ts'

describe('the vetting record as text', () => {
  const typical = sampleVettingResult()
  const text = renderVettingText(typical)

  it('says every spell, allegation, list entry and alert in words', () => {
    expect(text).toMatch(/^Vetting check: record across all forces\n\nPerson: /)
    expect(text).toContain('Purpose: Transfer\n')
    expect(text).toContain('Checked by: Ruth Patel (Vetting officer, Hertfordshire Constabulary)\n')
    expect(text).toContain('    Leaving reason: Transferred to another force\n')
    expect(text).toContain('    Left: Still serving\n    Leaving reason: Not applicable\n')
    for (const a of typical.allegations)
      expect(text).toContain(`  ${a.force_name}: case ${a.case_ref}, allegation ${a.allegation_ref}\n`)
    expect(text).toContain('    Status: Live (Under investigation)\n')
    expect(text).toContain('  Barred List: Essex Police\n')
    expect(text).toContain('Matched by name and date of birth only: confirm identity before relying on it.')
    expect(text).toContain('  Live allegation at a move or promotion\n')
    expect(text).toContain('    Status: Under review\n')
    expect(text).not.toMatch(
      /\b(transferred|under_investigation|live_investigation_at_move|not_applicable|vetting_officer|barred|advisory|under_review)\b/,
    )
    expect(text).not.toContain('\u00a0')
  })

  it('reads right with nothing recorded', () => {
    const empty = renderVettingText(
      sampleVettingResult({ service: [], allegations: [], lists: [], possible_matches: [], alerts: [] }),
    )
    expect(empty).toContain('No allegations are recorded against this person in any force.')
    expect(empty).toContain('No service is recorded for this person in any force.')
  })

  it('shows control characters in typed text as spaces', () => {
    const hostile = 'Dismissed\u001b[2J\u001b]0;owned\u0007\nVetting check: clear'
    const out = renderVettingText(
      sampleVettingResult({
        purpose: 'other',
        purpose_reason: hostile,
        lists: [{ ...typical.lists[0]!, reason: hostile }],
      }),
    )
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(out).toContain('Purpose: Other: Dismissed [2J ]0;owned  Vetting check: clear\n')
    expect(out.match(/^Vetting check: /gm)).toHaveLength(1)
  })
})
