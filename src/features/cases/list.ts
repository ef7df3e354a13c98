// The cases list: the cases the actor may see (the repository applies the same barriers as `can`), filtered,
// sorted and paged, each with its force, categories, subjects and deadlines.
import { addDays, formatISO, parseISO } from 'date-fns'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import {
  ALL_CATEGORIES,
  categoryGroupOf,
  currentCategoryOf,
  isCategory,
  SEXUAL_MISCONDUCT,
  type CaseType,
  type Category,
  type Handling,
} from '../../domain/codes.ts'
import { caseDeadlines, nextDeadline, overdueIfReceivedBefore, REVIEW_DAYS } from '../../domain/deadlines.ts'
import { CASE_STATUSES, isOpen, type CaseStatus } from '../../domain/lifecycle.ts'
import { numbersFirstIn, officerLabel } from '../../domain/officer-label.ts'
import { can, forceScope, scopeForce, type Actor } from '../../domain/permissions.ts'
import { NOT_IDENTIFIED_LABEL } from '../../domain/subject-labels.ts'
import { forbidden } from '../../http/errors.ts'
import type { ForceService } from '../forces/service.ts'
import type { CaseListQuery } from './forms.ts'
import { postingsOf } from '../officers/repository.ts'
import * as repo from './repository.ts'

type ListRow = Awaited<ReturnType<typeof repo.listCases>>['rows'][number]

export interface CaseListOptions {
  /** Only cases with a deadline due within this many days, today the first (a home page's "this week"). */
  dueWithinDays?: number
}

const isSexualMisconduct = (category: Category) => SEXUAL_MISCONDUCT.includes(currentCategoryOf(category))
/** The codes, current and legacy, of sexual misconduct (docs/formats.md section 1). */
const PRIORITY_CATEGORIES = ALL_CATEGORIES.filter(isSexualMisconduct)

/** A case with a sexual-misconduct allegation is a priority, whatever code it was recorded with. */
export function isPriority(categories: readonly string[]): boolean {
  return categories.some((c) => isCategory(c) && isSexualMisconduct(c))
}

const iso = (d: Date) => formatISO(d, { representation: 'date' })
const daysFrom = (date: string, days: number) => iso(addDays(parseISO(date), days))

/** The days from today, and the outcomes whose review window closes on one of them (REVIEW_DAYS later). */
function dueBetween(today: string, days: number) {
  const to = daysFrom(today, days - 1)
  return {
    from: today,
    to,
    outcomeFrom: daysFrom(today, -REVIEW_DAYS),
    outcomeTo: daysFrom(to, -REVIEW_DAYS),
  }
}

function listItem(r: ListRow, today: string, categories: string[], subjects: string[]) {
  const deadlines = caseDeadlines(
    {
      caseType: r.case_type as CaseType,
      status: r.status as CaseStatus,
      investigationMode: r.investigation_mode as Handling | null,
      receivedOn: r.received_on,
      outcomeOn: r.outcome_on,
      outsideSchedule3: Boolean(r.outside_schedule_3),
    },
    today,
  )
  const next = nextDeadline(deadlines)
  return {
    id: r.id,
    force: r.force,
    forceName: r.force_name ?? r.force,
    caseRef: r.case_ref,
    caseType: r.case_type,
    source: r.source,
    receivedOn: r.received_on,
    status: r.status,
    restricted: r.restricted,
    version: r.version,
    allegationCount: Number(r.allegation_count),
    categories,
    priority: isPriority(categories),
    subjects,
    deadlines,
    nextDeadline: next ? { kind: next.kind, label: next.label, due: next.due } : null,
    overdue: deadlines.some((d) => d.overdue),
  }
}

/** Each listed case's allegation categories, and its subjects named as officers are everywhere (distinct). */
async function detailsOf(db: Kysely<Database>, forces: ForceService, rows: readonly ListRow[]) {
  const ids = rows.map((r) => r.id)
  const [allegations, subjects] = await Promise.all([
    repo.listedAllegations(db, ids),
    repo.listedSubjects(db, ids),
  ])
  const officerIds = [...new Set(subjects.flatMap((s) => (s.officer_id ? [s.officer_id] : [])))]
  const numbers = await postingsOf(db, officerIds)
  const resolver = await forces.resolver()
  const forceName = (slug: string) => resolver.name(slug) ?? slug
  const caseForce = new Map(rows.map((r) => [r.id, r.force]))
  const categories = new Map<string, string[]>()
  for (const a of allegations) {
    const list = categories.get(a.case_id) ?? []
    if (!list.includes(a.category)) list.push(a.category)
    categories.set(a.case_id, list)
  }
  const names = new Map<string, string[]>()
  for (const s of subjects) {
    const force = caseForce.get(s.case_id) ?? null
    const name = s.officer_id
      ? officerLabel(
          {
            givenName: s.given_name,
            familyName: s.family_name,
            nationalId: s.national_id ?? s.officer_national_id,
            numbers: numbersFirstIn(
              [
                ...(s.officer_force_number && force ? [{ force, forceNumber: s.officer_force_number }] : []),
                ...numbers
                  .filter((n) => n.officer_id === s.officer_id)
                  .map((n) => ({ force: n.force, forceNumber: n.force_number })),
              ],
              force,
            ),
          },
          forceName,
        )
      : NOT_IDENTIFIED_LABEL
    const list = names.get(s.case_id) ?? []
    if (!list.includes(name)) list.push(name)
    names.set(s.case_id, list)
  }
  return { categories, names }
}

export function caseLister(deps: { db: Kysely<Database>; clock: Clock; forces: ForceService }) {
  const { db, clock, forces } = deps
  return async function list(actor: Actor, query: CaseListQuery, options: CaseListOptions = {}) {
    if (!can(actor, { action: 'case.list' })) throw forbidden()
    const today = clock.today()
    const scope = {
      force: scopeForce(forceScope(actor, 'cases')),
      userId: actor.userId,
      officerId: actor.officerId,
    }
    const dueWindow = options.dueWithinDays ? dueBetween(today, options.dueWithinDays) : null
    const derived: repo.CaseListDerived = {
      openStatuses: CASE_STATUSES.filter(isOpen),
      receivedBefore: overdueIfReceivedBefore(today),
      ...(query.categoryGroup
        ? { categories: ALL_CATEGORIES.filter((c) => categoryGroupOf(c) === query.categoryGroup) }
        : {}),
      ...(query.priority === 'yes' ? { priorityCategories: PRIORITY_CATEGORIES } : {}),
      ...(dueWindow ? { due: dueWindow } : {}),
    }
    const { total, rows } = await repo.listCases(db, scope, query, derived)
    const { categories, names } = await detailsOf(db, forces, rows)
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      cases: rows.map((r) => listItem(r, today, categories.get(r.id) ?? [], names.get(r.id) ?? [])),
      // The days the deadlines were chosen from, when they were.
      ...(dueWindow ? { dueWindow: { from: dueWindow.from, to: dueWindow.to } } : {}),
    }
  }
}
