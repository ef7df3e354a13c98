// What the case pages say when the case service refuses what they sent: its field problems, each shown at
// its field, or why nothing was saved (someone else changed the case first, or the case cannot take it now).
import type { FieldProblem, HttpProblem } from '../../../http/errors.ts'

export function fieldProblems(error: HttpProblem): FieldProblem[] {
  return (error.extra.fields ?? []) as FieldProblem[]
}

export function notRecordedMessage(error: HttpProblem): string {
  return error.error === 'stale_version'
    ? 'Someone else has changed this case since you opened this form, so nothing was saved. Check the case history, then open the form again.'
    : `This could not be recorded: ${error.message}.`
}
