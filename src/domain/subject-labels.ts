// How a case names its subjects: by the officer where identified, and never two alike on one allegation, so a
// decision form's radios and the history say exactly whom they are about.
import type { CaseState, SubjectState } from './case-state.ts'

export const NOT_IDENTIFIED_LABEL = 'Not identified'

/**
 * A label for every subject of the case, unique within its allegation: `who` names an identified subject
 * (null when not identified); subjects that would share a label are told apart by their place on the
 * allegation ("Not identified (subject 2 of A1)").
 */
export function subjectLabels(
  state: CaseState,
  who: (s: SubjectState) => string | null,
): Map<string, string> {
  const labels = new Map<string, string>()
  for (const allegation of state.allegations) {
    const base = allegation.subjects.map((s) => who(s) ?? NOT_IDENTIFIED_LABEL)
    allegation.subjects.forEach((s, i) => {
      const shared = base.filter((b) => b === base[i]).length > 1
      labels.set(s.id, shared ? `${base[i]} (subject ${i + 1} of ${allegation.ref})` : base[i]!)
    })
  }
  return labels
}
