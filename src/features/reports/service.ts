// Per-force reports: gather the figures from the statistics engine, protect them, write the article,
// store it as a draft; a named person with authority signs it off, recorded as an event. Reports and
// their events never change. The command line acts as the trusted system (actor null).
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { ALL_CATEGORIES, CATEGORY_GROUPS, currentCategoryOf, type Category } from '../../domain/codes.ts'
import type { Clock } from '../../domain/clock.ts'
import { DEFAULT_DISCLOSURE_POLICY } from '../../domain/disclosure.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import { describePeriod, parsePeriodBound, type PeriodBound } from '../../domain/wording.ts'
import { checked, conflict, forbidden, invalid, notFound } from '../../http/errors.ts'
import { createViewEnvironment } from '../../web/views.ts'
import { label } from '../../web/labels.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { defaultStatsSource } from '../foi/stats-source.ts'
import type { StatsAnswer, StatsQuery } from '../foi/statistics.ts'
import { createForceService } from '../forces/service.ts'
import { composeArticle, type OutcomeCode, type ReportFacts } from './article.ts'
import { NewReportInput, SignOffInput } from './forms.ts'
import { coreTrx, reportDb } from './tables.ts'
import { loadWorkforce, readWorkforceFile, workforceAt } from './workforce.ts'

export interface ReportActor extends Actor {
  username: string
}

const views = createViewEnvironment()
/** Fewer forces than this with records for the period, and there is no national rate to compare with. */
const MIN_FORCES_FOR_NATIONAL_RATE = 3
const PROVEN = new Set([
  'written_warning',
  'final_written_warning',
  'reduction_in_rank',
  'dismissed',
  'would_have_been_dismissed',
])

function categoryLabel(code: string): string {
  if (code === 'sexual_misconduct') return 'sexual misconduct'
  if (code in CATEGORY_GROUPS) return label(code).toLowerCase()
  return label(currentCategoryOf(code as Category)).toLowerCase()
}

function isKnownCategory(code: string): boolean {
  return (
    code === 'sexual_misconduct' ||
    code in CATEGORY_GROUPS ||
    (ALL_CATEGORIES as readonly string[]).includes(code)
  )
}

function periodEnd(bound: PeriodBound): string {
  switch (bound.kind) {
    case 'year':
      return `${bound.year}-12-31`
    case 'financial_year':
      return `${bound.startYear + 1}-03-31`
    case 'date':
      return bound.date
  }
}

/** The period of the same number of whole years just before, or null. */
function previousPeriod(from: PeriodBound, to: PeriodBound): { from: string; to: string } | null {
  if (from.kind === 'year' && to.kind === 'year') {
    const n = to.year - from.year + 1
    return { from: String(from.year - n), to: String(to.year - n) }
  }
  if (from.kind === 'financial_year' && to.kind === 'financial_year') {
    const n = to.startYear - from.startYear + 1
    const fy = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`
    return { from: fy(from.startYear - n), to: fy(to.startYear - n) }
  }
  return null
}

function outcomeOf(row: Record<string, string | number>): OutcomeCode {
  if (row.status === 'live') return 'live'
  const criminal = row.criminal_outcome
  if (criminal === 'charged' || criminal === 'no_charge' || criminal === 'referred_to_cps') return criminal
  const misconduct = String(row.misconduct_outcome)
  if (PROVEN.has(misconduct)) return 'misconduct_proven'
  if (misconduct === 'no_further_action' || misconduct === 'no_case_to_answer') return 'no_further_action'
  return 'other_concluded'
}

function completeness(answer: StatsAnswer, dimension: string) {
  return answer.completeness.find((c) => c.dimension === dimension) ?? null
}

export function createReportService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { clock } = deps
  const db = reportDb(deps.db)
  const stats = defaultStatsSource(deps)
  const forces = createForceService({ db: deps.db })
  let workforceLoaded = false

  async function ensureWorkforce() {
    if (workforceLoaded) return
    await loadWorkforce(db, await readWorkforceFile())
    workforceLoaded = true
  }

  /** Everything the article says, from the statistics engine, before any wording. */
  async function gather(
    actor: Actor | null,
    input: NewReportInput & { force: string; asOf: string },
  ): Promise<ReportFacts> {
    const from = parsePeriodBound(input.from)
    const to = parsePeriodBound(input.to)
    const fields = []
    if (!from)
      fields.push({ path: 'from', message: 'use a year (2016), a financial year (2016/17) or a date' })
    if (!to) fields.push({ path: 'to', message: 'use a year (2020), a financial year (2019/20) or a date' })
    if (!isKnownCategory(input.category))
      fields.push({ path: 'category', message: 'is not a category or group code' })
    if (fields.length) throw invalid(fields)
    const threshold = input.threshold ?? DEFAULT_DISCLOSURE_POLICY.threshold
    const base: StatsQuery = {
      force: [input.force],
      category: [input.category],
      from: input.from,
      to: input.to,
      asOf: input.asOf,
    }
    const q = (extra: Partial<StatsQuery>, withoutForce = false) => {
      const query: StatsQuery = { ...base, ...extra }
      if (withoutForce) delete query.force
      return stats.query(actor, query)
    }
    const bySource = await q({ unit: 'allegation', by: ['source'] })
    const outcomes = await q({ unit: 'subject', by: ['status', 'criminal_outcome', 'misconduct_outcome'] })
    const onDuty = await q({ unit: 'subject', by: ['on_duty'] })
    const complainantSex = await q({ unit: 'allegation', by: ['complainant_sex'] })
    const previousBounds = previousPeriod(from!, to!)
    const previous = previousBounds
      ? {
          period: describePeriod(previousBounds.from, previousBounds.to),
          count: (await q({ unit: 'allegation', ...previousBounds })).total,
        }
      : null

    await ensureWorkforce()
    const workforce = await workforceAt(db, periodEnd(to!))
    const own = workforce.get(input.force)
    let rate: ReportFacts['rate'] = null
    if (own) {
      // The national rate is over the forces whose records for the period are held here, so that a force
      // not yet using the system does not count as having no allegations.
      const held = await stats.query(actor, {
        unit: 'case',
        from: input.from,
        to: input.to,
        asOf: input.asOf,
        by: ['force'],
      })
      const byForce = await q({ unit: 'allegation', by: ['force'] }, true)
      const compared = held.rows.map((r) => String(r.force)).filter((f) => workforce.has(f))
      const counts = new Map(byForce.rows.map((r) => [String(r.force), r.count]))
      rate = {
        forceOfficers: own.officersFte,
        workforceAsAt: own.asAt,
        workforceSource: own.source,
        national:
          compared.length >= MIN_FORCES_FOR_NATIONAL_RATE
            ? {
                count: compared.reduce((a, f) => a + (counts.get(f) ?? 0), 0),
                officers: compared.reduce((a, f) => a + workforce.get(f)!.officersFte, 0),
                forces: compared.length,
              }
            : null,
      }
    }
    const outcomeCounts = new Map<OutcomeCode, number>()
    for (const row of outcomes.rows)
      outcomeCounts.set(outcomeOf(row), (outcomeCounts.get(outcomeOf(row)) ?? 0) + row.count)
    const gap = (answer: StatsAnswer, dimension: string, what: string, unitPlural: string) => {
      const c = completeness(answer, dimension)
      return c ? [{ what, notRecorded: c.notRecorded, of: c.recorded + c.notRecorded, unitPlural }] : []
    }
    const resolver = await forces.resolver()
    return {
      forceName: resolver.name(input.force) ?? input.force,
      categoryLabel: categoryLabel(input.category),
      period: describePeriod(input.from, input.to),
      previous,
      asOf: input.asOf,
      total: bySource.total,
      bySource: { counts: bySource.rows.map((r) => ({ value: String(r.source), count: r.count })) },
      outcomes: {
        total: outcomes.total,
        counts: [...outcomeCounts].map(([value, count]) => ({ value, count })),
      },
      rate,
      notRecorded: [
        ...gap(bySource, 'source', 'where the allegation came from', 'allegations'),
        ...gap(
          onDuty,
          'on_duty',
          'whether the officer was on or off duty',
          'allegations against individuals',
        ),
        ...gap(complainantSex, 'complainant_sex', 'the sex of the complainant', 'allegations'),
      ],
      threshold,
    }
  }

  function render(facts: ReportFacts) {
    const article = composeArticle(facts)
    return { ...article, html: views.render('reports/views/article.njk', article) }
  }

  async function eventsOf(id: string) {
    return db
      .selectFrom('force_report_events')
      .selectAll()
      .where('report_id', '=', id)
      .orderBy('id')
      .execute()
  }

  async function view(id: string) {
    const row = await db.selectFrom('force_reports').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    const events = await eventsOf(id)
    const signOff = events.find((e) => e.type === 'signed_off')
    return {
      id: row.id,
      force: row.force,
      category: row.category,
      from: row.period_from,
      to: row.period_to,
      asOf: row.as_of,
      threshold: row.threshold,
      headline: row.headline,
      markdown: row.markdown,
      html: row.html,
      status: signOff ? ('signed_off' as const) : ('draft' as const),
      signedOffBy: signOff ? signOff.by_name : null,
      signedOffAt: signOff ? new Date(signOff.at).toISOString() : null,
      events: events.map((e) => ({
        type: e.type,
        by: e.by_name,
        at: new Date(e.at).toISOString(),
        note: e.note,
      })),
    }
  }

  return {
    /** The article without storing it (what `probity report` prints). */
    async preview(actor: Actor | null, given: NewReportInput) {
      const input = checked(NewReportInput, given)
      const force = (await forces.resolver()).resolve(input.force)
      if (!force) throw invalid([{ path: 'force', message: 'there is no such force' }])
      if (actor && !can(actor, { action: 'report.write', force })) throw forbidden()
      return render(await gather(actor, { ...input, force, asOf: input.asOf ?? clock.today() }))
    },

    /** Writes the article and stores it as a draft. */
    async write(actor: ReportActor | null, actorLabel: string, authorName: string, given: NewReportInput) {
      const input = checked(NewReportInput, given)
      const force = (await forces.resolver()).resolve(input.force)
      if (!force) throw invalid([{ path: 'force', message: 'there is no such force' }])
      if (actor && !can(actor, { action: 'report.write', force })) throw forbidden()
      const asOf = input.asOf ?? clock.today()
      if (asOf > clock.today()) throw invalid([{ path: 'asOf', message: 'cannot be in the future' }])
      const facts = await gather(actor, { ...input, force, asOf })
      const article = render(facts)
      const id = randomUUID()
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('force_reports')
          .values({
            id,
            force,
            category: input.category,
            period_from: input.from,
            period_to: input.to,
            as_of: asOf,
            threshold: facts.threshold,
            headline: article.headline,
            markdown: article.markdown,
            html: article.html,
            facts: JSON.stringify(facts),
            created_by: actor?.userId ?? null,
            created_by_label: actorLabel,
          })
          .execute()
        await trx
          .insertInto('force_report_events')
          .values({
            report_id: id,
            type: 'drafted',
            by_user: actor?.userId ?? null,
            by_label: actorLabel,
            by_name: authorName,
          })
          .execute()
        await appendAudit(coreTrx(trx), {
          actorId: actor?.userId ?? null,
          actorLabel,
          action: 'report.write',
          targetType: 'force_report',
          targetId: id,
          detail: { force, category: input.category, from: input.from, to: input.to, asOf },
        })
      })
      return (await view(id))!
    },

    async get(actor: Actor, id: string) {
      const report = await view(id)
      if (!report || !can(actor, { action: 'report.read', force: report.force }))
        throw notFound('That report')
      return report
    },

    async list(actor: Actor, force: string) {
      if (!can(actor, { action: 'report.read', force })) throw forbidden()
      const rows = await db
        .selectFrom('force_reports')
        .select('id')
        .where('force', '=', force)
        .orderBy('created_at', 'desc')
        .execute()
      const items = []
      for (const r of rows) items.push((await view(r.id))!)
      return { items: items.map(({ markdown: _m, html: _h, ...rest }) => rest) }
    },

    /** A named person with authority for the force signs the draft off; the author cannot. */
    async signOff(actor: ReportActor, id: string, given: SignOffInput) {
      const input = checked(SignOffInput, given)
      const report = await this.get(actor, id)
      if (!can(actor, { action: 'report.sign_off', force: report.force }))
        throw forbidden('Your role does not allow signing reports off')
      if (report.status === 'signed_off')
        throw conflict('already_signed_off', `This report was signed off by ${report.signedOffBy}`, {
          status: report.status,
        })
      const author = await db
        .selectFrom('force_reports')
        .select('created_by')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      if (author.created_by === actor.userId)
        throw conflict('author_cannot_sign_off', 'A report is signed off by someone other than its author', {
          status: report.status,
        })
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('force_report_events')
          .values({
            report_id: id,
            type: 'signed_off',
            by_user: actor.userId,
            by_label: actor.username,
            by_name: input.name,
            note: input.note ?? null,
          })
          .execute()
        await appendAudit(coreTrx(trx), {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'report.sign_off',
          targetType: 'force_report',
          targetId: id,
        })
      })
      return (await view(id))!
    },
  }
}
export type ReportService = ReturnType<typeof createReportService>
