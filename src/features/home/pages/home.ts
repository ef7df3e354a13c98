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
import type { AlertService } from '../../alerts/service.ts'
import type { ListService } from '../../lists/service.ts'
import { alertRuleLabel } from '../../../domain/vetting-labels.ts'

/** "This week": today and the six days after it. */
const WEEK_DAYS = 7
/** The overdue cases listed on the page, oldest first; the case list has them all. */
const OVERDUE_SHOWN = 10
/** More due in one week than this is a list to page through, not a home page. */
const DUE_SHOWN = 100

/** The newest open alerts listed on the page; the alerts page has them all. */
const ALERTS_SHOWN = 5

export function homePageHandlers({
  cases,
  foi,
  alerts,
  lists,
}: {
  cases: CaseService
  foi: FoiService
  alerts: AlertService
  lists: ListService
}) {
  /** Open early-warning alerts reaching this reader, newest first, and list entries awaiting their decision. */
  async function integrity(actor: NamedActor) {
    if (!can(actor, { action: 'page.enter', area: 'alerts' })) return null
    const open = await alerts.list(actor, { status: ['new', 'under_review', 'intervention_agreed'] })
    // An authority decides its own force's proposals, the IOPC every force's.
    const decides = can(actor, { action: 'list.write', force: actor.force ?? '' })
    const proposals = decides ? await lists.proposalsFor(actor) : []
    return {
      heading: capitalise(
        `${houseNumber(open.length)} open ${open.length === 1 ? 'alert needs' : 'alerts need'} attention`,
      ),
      alerts: open.slice(0, ALERTS_SHOWN).map((a) => ({ ...a, ruleLabel: alertRuleLabel(a.rule) })),
      more: open.length > ALERTS_SHOWN,
      proposalsSentence:
        proposals.length === 0
          ? null
          : capitalise(
              `${houseNumber(proposals.length)} proposed list ${proposals.length === 1 ? 'entry awaits' : 'entries await'} your decision`,
            ),
    }
  }

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
          .map((d) => ({
            caseId: c.id,
            caseRef: c.caseRef,
            priority: c.priority,
            what: d.label.toLowerCase(),
            due: d.due,
          })),
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
          priority: c.priority,
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

  /** The IOPC's queue: referred cases waiting for its decision on the mode of investigation, oldest first. */
  async function referralQueue(actor: NamedActor) {
    if (!can(actor, { action: 'iopc.queue' })) return null
    const { total, cases: queued } = await cases.referrals(actor)
    return {
      heading: waitingSentence(total),
      cases: queued.map((c) => ({ ...c, waiting: waitingText(c.daysWaiting) })),
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
      referrals: await referralQueue(actor),
      integrity: await integrity(actor),
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

/** "No referred cases are waiting", "One referred case is waiting", "12 referred cases are waiting". */
function waitingSentence(count: number): string {
  return capitalise(`${houseNumber(count)} referred ${count === 1 ? 'case is' : 'cases are'} waiting`)
}

/** How long a referral has waited: "Referred today", "1 day", "3 days", or "Not recorded" when unknown. */
function waitingText(days: number | null): string {
  if (days === null) return 'Not recorded'
  if (days === 0) return 'Referred today'
  return `${days} ${days === 1 ? 'day' : 'days'}`
}

/** "No cases are past their 12-month report day", "One case is past its 12-month report day". */
function overdueSentence(count: number): string {
  return capitalise(
    count === 1
      ? 'one case is past its 12-month report day'
      : `${houseNumber(count)} cases are past their 12-month report day`,
  )
}
