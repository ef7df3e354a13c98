// Early-warning alerts as people work them (docs/formats.md §8): the alerts an account may see, one alert with its
// history, moving it through its lifecycle (new → under review → intervention agreed → closed with a reason,
// never back), and the rules' settings. Every change is audited; nobody sees an alert about themselves.
import { occasionsOf } from './occasion.ts'
import type { Occasion } from '../../domain/vetting.ts'
import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema.ts'
import {
  ALERT_RULES,
  ALERT_STATUSES,
  type AlertRule,
  type AlertStatus,
  type RuleSetting,
} from '../../domain/alert-rules.ts'
import type { Clock } from '../../domain/clock.ts'
import { officerLabel } from '../../domain/officer-label.ts'
import { can, type Actor, type NamedActor } from '../../domain/permissions.ts'
import { checked, conflict, forbidden, invalid, notFound } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { storableText } from '../cases/forms.ts'
import type { ForceService } from '../forces/service.ts'
import { loadSettings, NATIONAL } from './settings.ts'

export const AlertQuery = z
  .object({
    status: z.union([z.enum(ALERT_STATUSES), z.array(z.enum(ALERT_STATUSES))]).optional(),
    force: z.union([storableText(100), z.array(storableText(100))]).optional(),
  })
  .strict()
export type AlertQuery = z.input<typeof AlertQuery>

export const AlertMoveInput = z
  .object({
    status: z.enum(['under_review', 'intervention_agreed', 'closed']),
    reason: storableText(1000).optional().describe('Required to close: why, and what was done'),
  })
  .strict()
export type AlertMoveInput = z.infer<typeof AlertMoveInput>

export const SettingInput = z
  .object({
    enabled: z.boolean(),
    threshold: z.number().int().min(1).max(1000),
    windowYears: z.number().int().min(1).max(100),
  })
  .strict()
export type SettingInput = z.infer<typeof SettingInput>

/** Where an alert may go next: forward only, and closing from any open state. */
export const NEXT_STATUSES: Record<AlertStatus, readonly AlertStatus[]> = {
  new: ['under_review', 'intervention_agreed', 'closed'],
  under_review: ['intervention_agreed', 'closed'],
  intervention_agreed: ['closed'],
  closed: [],
}

type Deps = { db: Kysely<Database>; clock: Clock; forces: ForceService }
type AlertRow = Awaited<ReturnType<typeof alertRows>>[number]

function alertRows(
  db: Kysely<Database>,
  where: {
    id?: string
    personIds?: readonly string[]
    statuses?: readonly AlertStatus[] | null
    /** Alerts telling any of these forces. */
    forces?: readonly string[] | null
  },
) {
  let query = db
    .selectFrom('alerts as a')
    .innerJoin('officers as o', 'o.id', 'a.person_id')
    .select([
      'a.id',
      'a.person_id',
      'a.rule',
      'a.group_key',
      'a.evidence',
      'a.forces',
      'a.status',
      'a.raised_on',
      'a.raised_at',
      'a.closed_reason',
      'o.person_id as current_person_id',
    ])
  if (where.id) query = query.where('a.id', '=', where.id)
  if (where.personIds) query = query.where('a.person_id', 'in', where.personIds)
  if (where.statuses) query = query.where('a.status', 'in', where.statuses)
  if (where.forces) {
    const told = where.forces
    query = query.where((eb) =>
      eb.or(told.map((force) => eb(sql`a.forces`, '@>', sql`${JSON.stringify([force])}::jsonb`))),
    )
  }
  return query.orderBy('a.raised_at', 'desc').orderBy('a.id').execute()
}

interface Person {
  recordIds: string[]
  nationalId: string | null
  label: string
}

/** The records of each person the alerts are about, with what names them. */
async function peopleOf(
  db: Kysely<Database>,
  personIds: readonly string[],
  forceName: (slug: string) => string,
) {
  if (!personIds.length) return new Map<string, Person>()
  const rows = await db
    .selectFrom('officers as o')
    .leftJoin('officer_service as s', 's.officer_id', 'o.id')
    .select([
      'o.id',
      'o.person_id',
      'o.given_name',
      'o.family_name',
      'o.national_id',
      's.force',
      's.force_number',
    ])
    .where('o.person_id', 'in', personIds)
    .execute()
  const people = new Map<string, Person>()
  for (const personId of personIds) {
    const mine = rows.filter((r) => r.person_id === personId)
    const named = mine.find((r) => r.family_name || r.given_name) ?? mine[0]
    people.set(personId, {
      recordIds: [...new Set(mine.map((r) => r.id))],
      nationalId: mine.find((r) => r.national_id)?.national_id ?? null,
      label: named
        ? officerLabel(
            {
              givenName: named.given_name,
              familyName: named.family_name,
              nationalId: mine.find((r) => r.national_id)?.national_id ?? null,
              numbers: mine.flatMap((r) =>
                r.force ? [{ force: r.force, forceNumber: r.force_number }] : [],
              ),
            },
            forceName,
          )
        : 'Unknown person',
    })
  }
  return people
}

function present(row: AlertRow, person: Person, occasion: Occasion | null) {
  return {
    alertId: row.id,
    officerId: row.current_person_id,
    nationalId: person.nationalId,
    person: person.label,
    rule: row.rule as AlertRule,
    forces: row.forces as string[],
    status: row.status,
    raisedOn: row.raised_on,
    closedReason: row.closed_reason,
    evidence: row.evidence as { force: string; caseRef: string; allegationRef: string }[],
    /** The posting or vetting check the alert was raised at; null for a pattern in the whole record. */
    occasion,
  }
}
export type Alert = ReturnType<typeof present>

/** The alerts the actor may see, each with its person. */
async function visible(db: Kysely<Database>, forces: ForceService, actor: Actor, rows: AlertRow[]) {
  const resolver = await forces.resolver()
  const people = await peopleOf(
    db,
    [...new Set(rows.map((r) => r.current_person_id))],
    (slug) => resolver.name(slug) ?? slug,
  )
  const occasions = await occasionsOf(
    db,
    rows.map((r) => r.group_key),
  )
  return rows.flatMap((row) => {
    const person = people.get(row.current_person_id) ?? {
      recordIds: [row.person_id],
      nationalId: null,
      label: 'Unknown person',
    }
    const facts = { forces: row.forces as string[], recordIds: [...person.recordIds, row.person_id] }
    return can(actor, { action: 'alert.read', ...facts })
      ? [{ alert: present(row, person, occasions.get(row.group_key) ?? null), facts }]
      : []
  })
}

export function createAlertService({ db, clock, forces }: Deps) {
  /**
   * The alerts a query selects, of those telling `scope` (a force's PSD reads only its force's: asked in the query,
   * so a national list is not read to show one force its few), before each alert's own access is asked.
   */
  async function selected(given: AlertQuery, scope: readonly string[] | null) {
    const q = checked(AlertQuery, given)
    const resolver = await forces.resolver()
    const wanted = q.force === undefined ? null : [q.force].flat().map((f) => resolver.resolve(f) ?? f)
    const told = wanted && scope ? wanted.filter((f) => scope.includes(f)) : (wanted ?? scope)
    return alertRows(db, { statuses: q.status === undefined ? null : [q.status].flat(), forces: told })
  }

  async function list(actor: Actor, given: AlertQuery = {}) {
    if (!can(actor, { action: 'page.enter', area: 'alerts' })) throw forbidden()
    // Whoever reads alerts nationally is told of every force's; anyone else of their own force's only.
    const national = can(actor, { action: 'alert.read', forces: [], recordIds: [] })
    const scope = national ? null : actor.force ? [actor.force] : []
    return (await visible(db, forces, actor, await selected(given, scope))).map((v) => v.alert)
  }

  /** Every alert the query selects: for the operator on the server (`probity alerts` without --as). */
  async function listAll(given: AlertQuery = {}) {
    const operator = { userId: '', role: 'iopc_oversight' as const, force: null, officerId: null }
    return (await visible(db, forces, operator, await selected(given, null))).map((v) => v.alert)
  }

  /** The alerts about one person (any of their records) the actor may see. */
  async function forPerson(actor: Actor, officerId: string) {
    const records = await db
      .selectFrom('officers')
      .select(['id'])
      .where('person_id', '=', (eb) =>
        eb.selectFrom('officers').select('person_id').where('id', '=', officerId),
      )
      .execute()
    if (!records.length) return []
    const rows = await alertRows(db, { personIds: records.map((r) => r.id) })
    return (await visible(db, forces, actor, rows)).map((v) => v.alert)
  }

  async function get(actor: Actor, alertId: string) {
    const [found] = await visible(db, forces, actor, await alertRows(db, { id: alertId }))
    if (!found) throw notFound('That alert')
    const events = await db
      .selectFrom('alert_events as e')
      .leftJoin('users as u', 'u.id', 'e.recorded_by')
      .select(['e.status', 'e.reason', 'e.recorded_at', 'e.recorded_label', 'u.display_name'])
      .where('e.alert_id', '=', alertId)
      .orderBy('e.id')
      .execute()
    return {
      ...found.alert,
      canUpdate: can(actor, { action: 'alert.update', ...found.facts }),
      history: events.map((e) => ({
        status: e.status,
        reason: e.reason,
        at: e.recorded_at,
        by:
          e.display_name ??
          (e.recorded_label === 'probity:rules' ? 'Probity’s early-warning rules' : e.recorded_label),
      })),
    }
  }

  async function move(actor: NamedActor, alertId: string, given: AlertMoveInput) {
    const input = checked(AlertMoveInput, given)
    const current = await get(actor, alertId)
    if (!current.canUpdate)
      throw forbidden(
        'Only the professional standards department of a notified force, or the IOPC, works an alert',
      )
    if (input.status === 'closed' && (input.reason ?? '').length < 10)
      throw invalid([{ path: 'reason', message: 'give the reason for closing, in at least 10 characters' }])
    if (!NEXT_STATUSES[current.status].includes(input.status))
      throw conflict(
        'illegal_transition',
        `An alert that is "${current.status}" cannot become "${input.status}"`,
        {
          currentState: current.status,
          allowed: NEXT_STATUSES[current.status],
        },
      )
    const at = clock.now()
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('alerts')
        .set({
          status: input.status,
          updated_at: at,
          ...(input.status === 'closed' ? { closed_reason: input.reason ?? null } : {}),
        })
        .where('id', '=', alertId)
        .execute()
      await trx
        .insertInto('alert_events')
        .values({
          alert_id: alertId,
          status: input.status,
          reason: input.reason ?? null,
          recorded_by: actor.userId,
          recorded_label: actor.username,
          recorded_at: at,
        })
        .execute()
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: `alert.${input.status}`,
          targetType: 'alert',
          targetId: alertId,
        },
        at,
      )
    })
    return get(actor, alertId)
  }

  /** The settings in force for a scope (a force, or national), rule by rule. */
  async function settingsFor(actor: Actor, scope: string) {
    if (!can(actor, { action: 'page.enter', area: 'alerts' })) throw forbidden()
    const settings = await loadSettings(db)
    // The national scope's own rows are the national settings, so asking for it as a force gives them.
    const inForce: Record<AlertRule, RuleSetting> = settings(scope)
    return {
      scope,
      canChange: can(actor, { action: 'alert.settings', scope }),
      rules: ALERT_RULES.map((rule) => ({ rule, ...inForce[rule] })),
    }
  }

  async function changeSetting(actor: NamedActor, scope: string, rule: string, given: SettingInput) {
    const input = checked(SettingInput, given)
    if (!(ALERT_RULES as readonly string[]).includes(rule)) throw notFound('That rule')
    if (scope !== NATIONAL && !(await forces.resolver()).name(scope)) throw notFound('That force')
    if (!can(actor, { action: 'alert.settings', scope }))
      throw forbidden('A force’s rules are set by its appropriate authority, the national rules by the IOPC')
    const at = clock.now()
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('alert_settings')
        .values({
          scope,
          rule,
          enabled: input.enabled,
          threshold: input.threshold,
          window_years: input.windowYears,
          updated_by: actor.userId,
          updated_label: actor.username,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.columns(['scope', 'rule']).doUpdateSet({
            enabled: input.enabled,
            threshold: input.threshold,
            window_years: input.windowYears,
            updated_by: actor.userId,
            updated_label: actor.username,
            updated_at: at,
          }),
        )
        .execute()
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'alert.settings',
          targetType: 'alert_rule',
          targetId: `${scope}:${rule}`,
          detail: { ...input },
        },
        at,
      )
    })
    return settingsFor(actor, scope)
  }

  return { list, listAll, forPerson, get, move, settingsFor, changeSetting }
}

export type AlertService = ReturnType<typeof createAlertService>
