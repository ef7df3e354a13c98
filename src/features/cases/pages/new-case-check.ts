// The "check your answers" page of "record a case": the answers as summary rows, and where a problem the case
// service found lies, in the page's words.
import { label } from '../../../domain/labels.ts'
import type { Draft } from './new-case-draft.ts'

const PATH_NAMES: Record<string, string> = {
  caseType: 'What you are recording:',
  source: 'Who raised it:',
  receivedOn: 'Date received',
  incidentOn: 'Incident date',
  summary: 'What happened',
  complainantSex: 'The complainant:',
  complainants: 'The complainant:',
  allegations: 'Allegations:',
}

/** The check page's words for where a problem the case service found lies. */
export function describePath(path: string): string {
  const allegation = /^allegations\.(\d+)/.exec(path)
  if (allegation) return `Allegation ${Number(allegation[1]) + 1}:`
  return PATH_NAMES[path.split('.')[0] ?? ''] ?? 'The case:'
}

export function checkRows(draft: Draft) {
  const complainant =
    draft.caseType === 'complaint'
      ? [
          draft.complainantName || 'Name not given',
          label(draft.complainantSex || 'not_recorded'),
          draft.complainantContact || 'No contact details',
        ].join('\n')
      : null
  return {
    case: [
      { key: 'Recording', value: label(draft.caseType) },
      { key: 'Raised by', value: label(draft.source) },
      { key: 'Date received', value: draft.receivedOn },
    ],
    complainant,
    incident: [
      { key: 'Incident date', value: draft.incidentOn || null },
      { key: 'What happened', value: draft.summary },
    ],
    allegations: draft.allegations.map((a, i) => ({
      index: i,
      category: label(a.category),
      description: a.description,
      onDuty: label(a.onDuty),
      subjects: a.officers.length ? a.officers.map((o) => o.label).join(', ') : 'Not identified yet',
    })),
  }
}
