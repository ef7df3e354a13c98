// The home page: what this user can do, according to their role, with the counts that say where work is, and
// for a force's case work the deadlines due this week and the cases past their 12-month report day.
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  can,
  everyHistoryNeedsPurpose,
  forceScope,
  type Actor,
  type NamedActor,
} from '../../../domain/permissions.ts'
import { capitalise, houseNumber } from '../../../domain/wording.ts'
import { paths } from '../../../paths.ts'
import { pageActor } from '../../../web/pages.ts'
import { govukDate } from '../../../documents/render.ts'
import { CaseListQuery } from '../../cases/forms.ts'
import type { CaseService } from '../../cases/service.ts'
import type { FoiService } from '../../foi/service.ts'

/** "This week": today and the six days after it. */
const WEEK_DAYS = 7
/** The overdue cases listed on the page, oldest first; the case list has them all. */
const OVERDUE_SHOWN = 10
/** More due in one week than this is a list to page through, not a home page. */
const DUE_SHOWN = 100

export function homePageHandlers({ cases, foi }: { cases: CaseService; foi: FoiService }) {
  /** A force's deadlines due this week, soonest first, and its cases past their 12-month report day. */
  async function deadlines(actor: NamedActor) {
    if (!can(actor, { action: 'case.list' }) || forceScope(actor, 'cases') === 'all') return null
    const oldestFirst = { sort: 'receivedOn', order: 'asc' }
    const week = await cases.list(
      actor,
      CaseListQuery.parse({ ...oldestFirst, pageSize: String(DUE_SHOWN) }),
      {
        dueWithinDays: WEEK_DAYS,
      },
    )
    const { from: today, to: weekEnd } = week.dueWindow!
    const due = week.cases
      .flatMap((c) =>
        c.deadlines
          .filter((d) => !d.overdue && d.due <= weekEnd)
          .map((d) => ({ caseId: c.id, caseRef: c.caseRef, what: d.label.toLowerCase(), due: d.due })),
      )
      .sort((a, b) => (a.due === b.due ? a.caseRef.localeCompare(b.caseRef) : a.due < b.due ? -1 : 1))
    const overdue = await cases.list(
      actor,
      CaseListQuery.parse({ ...oldestFirst, overdue: 'true', pageSize: String(OVERDUE_SHOWN) }),
    )
    return {
      weekEnd,
      dueHeading: dueSentence(week.total > DUE_SHOWN ? week.total : due.length),
      due: due.map((d) => ({ ...d, when: d.due === today ? 'due today' : `due on ${govukDate(d.due)}` })),
      moreDue: week.total > DUE_SHOWN,
      overdueHeading: overdueSentence(overdue.total),
      overdueTotal: overdue.total,
      overdueShownNote:
        overdue.total > OVERDUE_SHOWN ? `The oldest ${houseNumber(OVERDUE_SHOWN)} are listed.` : null,
      overdue: overdue.cases.map((c) => {
        const twelve = c.deadlines.find((d) => d.kind === 'twelve_month_report')
        return {
          caseId: c.id,
          caseRef: c.caseRef,
          receivedOn: c.receivedOn,
          reportDue: twelve?.due ?? null,
        }
      }),
      overdueHref: `${paths.cases.list.href()}?overdue=true&sort=receivedOn&order=asc`,
    }
  }

  /** Open cases, those awaiting recording and those awaiting decisions, for those who work on cases. */
  async function caseCounts(actor: NamedActor) {
    if (!can(actor, { action: 'case.list' })) return null
    const count = async (query: Record<string, string>) =>
      (await cases.list(actor, CaseListQuery.parse({ ...query, pageSize: '1' }))).total
    return {
      open: await count({ open: 'true' }),
      logged: await count({ status: 'logged' }),
      decisions: await count({ status: 'decisions' }),
    }
  }

  /** Open and overdue FOI requests, for those who answer their force's. */
  async function foiCounts(actor: NamedActor) {
    if (!(actor.force && can(actor, { action: 'foi.manage', force: actor.force }))) return null
    const { items } = await foi.list(actor)
    return {
      open: items.filter((r) => r.status !== 'sent').length,
      overdue: items.filter((r) => r.overdue).length,
    }
  }

  async function homePage(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const counts = await caseCounts(actor)
    return reply.render('home/pages/views/home.njk', {
      pageTitle: 'Home',
      deadlines: await deadlines(actor),
      casesEverywhere: forceScope(actor, 'cases') === 'all',
      checksNeedPurpose: everyHistoryNeedsPurpose(actor),
      counts,
      ...roleLinks(actor),
      foiCounts: await foiCounts(actor),
    })
  }

  return { homePage }
}

/** Which parts of the service the page links to. */
function roleLinks(actor: Actor) {
  return {
    canRecord: actor.force !== null && can(actor, { action: 'case.create', force: actor.force }),
    canSearchOfficers: can(actor, { action: 'officer.search' }),
    canManageUsers: can(actor, { action: 'user.manage' }),
    canReadStats: can(actor, { action: 'stats.read' }),
    // Figures are all this role works with: no case records and no officer histories.
    aggregatesOnly:
      can(actor, { action: 'stats.read' }) &&
      !can(actor, { action: 'case.list' }) &&
      !can(actor, { action: 'officer.search' }),
    canReadReports: can(actor, { action: 'page.enter', area: 'reports' }),
  }
}

/** A heading: "No deadlines are due this week", "One deadline is due this week", "12 deadlines are due…". */
function dueSentence(count: number): string {
  return capitalise(`${houseNumber(count)} ${count === 1 ? 'deadline is' : 'deadlines are'} due this week`)
}

/** "No cases are past their 12-month report day", "One case is past its 12-month report day". */
function overdueSentence(count: number): string {
  return capitalise(
    count === 1
      ? 'one case is past its 12-month report day'
      : `${houseNumber(count)} cases are past their 12-month report day`,
  )
}
