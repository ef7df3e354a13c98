// How a complaint made on the public pages becomes a case: the answers the form collects, the checks that
// need today's date, and the case they make. The complainant's own words become the summary; there is one
// allegation for the professional standards department to categorise (category "other"), about officers not
// yet identified. The case service logs it (`cases.logPublicComplaint`).
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { UNIDENTIFIED_SUBJECT } from '../../domain/case-rows.ts'
import type { AllegationState, ComplainantState } from '../../domain/case-state.ts'
import { COMPLAINANT_SEXES } from '../../domain/codes.ts'
import { newCaseState, type LoggedCase } from '../../domain/new-case.ts'
import type { FieldProblem } from '../../http/errors.ts'
import { isoDate, storableText as text } from '../cases/forms.ts'

/** A complaint made by a member of the public on the public pages (no account). */
export const PublicComplaintInput = z
  .object({
    force: z.string().trim().min(1, 'choose the police force'),
    incidentOn: isoDate.optional(),
    location: text(500),
    whatHappened: text(10000),
    officersDescription: text(2000).optional(),
    collarNumbers: text(200).optional(),
    name: text(200),
    email: z.email().max(320).optional(),
    phone: text(40).optional(),
    address: text(500).optional(),
    sex: z.enum(COMPLAINANT_SEXES).default('not_recorded'),
  })
  .strict()
export type PublicComplaintInput = z.input<typeof PublicComplaintInput>
type PublicComplaint = z.output<typeof PublicComplaintInput>

/** What is wrong with a well-formed complaint: a force we do not know (null), an incident still to come. */
export function complaintProblems(
  complaint: PublicComplaint,
  force: string | null,
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!force) problems.push({ path: 'force', message: 'is not a known force' })
  if (complaint.incidentOn && complaint.incidentOn > today)
    problems.push({ path: 'incidentOn', message: 'cannot be in the future' })
  return problems
}

/** The case summary: where, what happened, and what the complainant could say of the officers. */
function complaintSummary(complaint: PublicComplaint): string {
  const officers = [
    complaint.officersDescription,
    complaint.collarNumbers && `Collar or shoulder numbers given: ${complaint.collarNumbers}`,
  ].filter(Boolean)
  return [
    `Where: ${complaint.location}`,
    `What happened: ${complaint.whatHappened}`,
    officers.length ? `The officers: ${officers.join('. ')}` : 'The officers: not known to the complainant',
  ].join('\n\n')
}

function complainantOf(complaint: PublicComplaint): ComplainantState {
  const contact = [complaint.email, complaint.phone, complaint.address].filter(Boolean).join('; ')
  return {
    id: randomUUID(),
    role: 'complainant',
    name: complaint.name,
    sex: complaint.sex,
    contact: contact || null,
  }
}

/** The one allegation of a public complaint, to be categorised by the force, about an unidentified subject. */
function allegationToCategorise(): AllegationState {
  return {
    id: randomUUID(),
    ref: 'A1',
    category: 'other',
    description: 'Made online: to be categorised by the professional standards department',
    subjects: [{ ...UNIDENTIFIED_SUBJECT, id: randomUUID(), key: 'pos:1' }],
  }
}

/** The complaint as a new case in a force, received today under the reference it was given. */
export function publicComplaintCase(
  complaint: PublicComplaint,
  logged: { force: string; caseRef: string; receivedOn: string },
): LoggedCase {
  return newCaseState({
    ...logged,
    caseType: 'complaint',
    source: 'public',
    incidentOn: complaint.incidentOn,
    complainantSex: complaint.sex,
    summary: complaintSummary(complaint),
    complainants: [complainantOf(complaint)],
    allegations: [allegationToCategorise()],
  })
}
