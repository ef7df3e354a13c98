// FOI request use cases. Each method checks access first (FOI officers of the request's force; anyone
// else is told "not found"); every change is audited with identifiers only, never the requester's
// details. The response is built from the stored queries through disclosure control, and once sent it is
// stored whole and never changes: it can be regenerated from its queries and as-at dates and compared.
import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable, Transaction } from 'kysely'
import stringify from 'safe-stable-stringify'
import { isUniqueViolation } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import { foiDueDate, foiWorkingDaysUsed, type ClockPause } from '../../domain/working-days.ts'
import { checked, conflict, forbidden, invalid, notFound } from '../../http/errors.ts'
import { createViewEnvironment } from '../../web/views.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { createForceService } from '../forces/service.ts'
import {
  AttachQueriesInput,
  NewFoiRequestInput,
  PauseInput,
  ResumeInput,
  type FoiListQuery,
} from './forms.ts'
import * as repo from './repository.ts'
import { buildResponse, type AttachedQuery, type FoiResponseContent, type LetterModel } from './response.ts'
import { responseWorkbook } from './spreadsheet.ts'
import { defaultStatsSource } from './stats-source.ts'
import type { StatsQuery } from './statistics.ts'
import { coreTrx, foiDb, type FoiDatabase, type FoiRequestsTable } from './tables.ts'

export interface FoiActor extends Actor {
  username: string
}

type RequestRow = Selectable<FoiRequestsTable>
type PauseRow = {
  id: string
  request_id: string
  paused_on: string
  resumed_on: string | null
  reason: string
}

/** What is stored with a sent response besides the rendered letter and CSV. */
interface StoredResponseBody {
  tables: FoiResponseContent['tables']
  exemptions: string[]
  letter: LetterModel
}

const views = createViewEnvironment()

export function renderLetterHtml(letter: LetterModel): string {
  return views.render('foi/views/letter.njk', { letter })
}

export function createFoiService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { clock } = deps
  const db = foiDb(deps.db)
  const stats = defaultStatsSource(deps)
  const forces = createForceService({ db: deps.db })

  /** The request if the actor manages its force; otherwise "not found", whether it exists or not. */
  async function manageable(actor: Actor, id: string) {
    const row = await repo.findRequest(db, id)
    if (!row || !can(actor, { action: 'foi.manage', force: row.force })) throw notFound('That FOI request')
    return row
  }

  function notSent(row: RequestRow) {
    if (row.status === 'sent')
      throw conflict('already_sent', 'The response to this request has been sent and can no longer change', {
        status: row.status,
      })
  }

  /** A page posts the version it showed: a change made since (a table added or removed) must be seen first. */
  function sameVersion(row: RequestRow, expectedVersion: number | undefined) {
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      throw conflict('stale_version', 'The request has changed since you read it: check it again', {
        status: row.status,
        currentVersion: row.version,
      })
  }

  const asPauses = (rows: PauseRow[]): ClockPause[] =>
    rows.map((p) => ({ from: p.paused_on, to: p.resumed_on }))

  function view(row: RequestRow, pauses: PauseRow[], sentOn: string | null = null) {
    const today = clock.today()
    const clockPauses = asPauses(pauses)
    return {
      id: row.id,
      force: row.force,
      reference: row.reference,
      receivedOn: row.received_on,
      requesterName: row.requester_name,
      requesterContact: row.requester_contact,
      requestText: row.request_text,
      status: row.status,
      dueOn: row.due_on,
      overdue: row.status !== 'sent' && row.due_on !== null && row.due_on < today,
      workingDaysUsed: foiWorkingDaysUsed(row.received_on, clockPauses, sentOn ?? today),
      clockPauses: pauses.map((p) => ({ pausedOn: p.paused_on, resumedOn: p.resumed_on, reason: p.reason })),
      queries: row.queries as AttachedQuery[],
      threshold: row.threshold,
      version: row.version,
    }
  }

  /**
   * The force's next free reference for the year, drawn inside the registering transaction from a counter under
   * row lock (so concurrent registrations never draw the same), skipping any typed in by hand.
   */
  async function nextReference(trx: Transaction<FoiDatabase>, force: string, receivedOn: string) {
    const year = Number(receivedOn.slice(0, 4))
    for (;;) {
      const n = await repo.nextReferenceNumber(trx, force, year)
      const reference = `FOI-${year}-${String(n).padStart(5, '0')}`
      if (!(await repo.referenceTaken(trx, force, reference))) return reference
    }
  }

  async function compose(row: RequestRow, queries: AttachedQuery[], threshold: number, dated: string) {
    const resolver = await forces.resolver()
    const items = []
    // Answered as the trusted system: access to the request was decided above, and the queries are
    // confined to the request's own force when attached.
    for (const query of queries) items.push({ query, answer: await stats.query(null, query.query) })
    return buildResponse({
      request: {
        reference: row.reference,
        forceName: resolver.name(row.force) ?? row.force,
        receivedOn: row.received_on,
        requesterName: row.requester_name,
      },
      items,
      threshold,
      dated,
      forceName: (slug) => resolver.name(slug) ?? slug,
    })
  }

  function rendered(content: FoiResponseContent) {
    return {
      letterMarkdown: content.letterMarkdown,
      letterHtml: renderLetterHtml(content.letter),
      csv: content.csv,
      tables: content.tables,
      exemptions: content.exemptions,
      threshold: content.threshold,
    }
  }

  return {
    async register(actor: FoiActor, given: NewFoiRequestInput) {
      const input = checked(NewFoiRequestInput, given)
      const force = input.force ? (await forces.resolver()).resolve(input.force) : actor.force
      if (!force) throw invalid([{ path: 'force', message: 'there is no such force' }])
      if (!can(actor, { action: 'foi.manage', force }))
        throw forbidden('Only FOI officers of the force register its requests')
      if (input.receivedOn > clock.today())
        throw invalid([{ path: 'receivedOn', message: 'cannot be in the future' }])
      const id = randomUUID()
      const taken = () =>
        conflict('reference_taken', `The force already has an FOI request ${input.reference}`)
      if (input.reference && (await repo.referenceTaken(db, force, input.reference))) throw taken()
      await db
        .transaction()
        .execute(async (trx) => {
          const reference = input.reference ?? (await nextReference(trx, force, input.receivedOn))
          await repo.insertRequest(trx, {
            id,
            force,
            reference,
            received_on: input.receivedOn,
            requester_name: input.requesterName,
            requester_contact: input.requesterContact ?? null,
            request_text: input.requestText,
            status: 'open',
            due_on: foiDueDate(input.receivedOn),
            queries: '[]',
            created_by: actor.userId,
          })
          await appendAudit(coreTrx(trx), {
            actorId: actor.userId,
            actorLabel: actor.username,
            action: 'foi.register',
            targetType: 'foi_request',
            targetId: id,
            detail: { force, reference },
          })
        })
        .catch((error: unknown) => {
          // A reference typed in by hand, taken by another request between the check and the insert.
          throw isUniqueViolation(error) && input.reference ? taken() : error
        })
      return this.get(actor, id)
    },

    async list(actor: FoiActor, query: FoiListQuery = {}) {
      if (!actor.force || !can(actor, { action: 'foi.manage', force: actor.force })) throw forbidden()
      const rows = await repo.listRequests(db, actor.force)
      const pauses = await repo.pausesFor(
        db,
        rows.map((r) => r.id),
      )
      const views = rows.map((row) =>
        view(
          row,
          pauses.filter((p) => p.request_id === row.id),
        ),
      )
      const items = query.overdue ? views.filter((v) => v.overdue === (query.overdue === 'yes')) : views
      return {
        items: items.map(({ requestText: _t, requesterContact: _c, ...rest }) => rest),
        total: items.length,
      }
    },

    async get(actor: FoiActor, id: string) {
      const row = await manageable(actor, id)
      const response = row.status === 'sent' ? await repo.findResponse(db, id) : undefined
      return view(row, await repo.pausesFor(db, [id]), response?.sent_on ?? null)
    },

    async pause(actor: FoiActor, id: string, given: PauseInput) {
      const input = checked(PauseInput, given)
      await manageable(actor, id)
      const on = input.on ?? clock.today()
      await db.transaction().execute(async (trx) => {
        const row = (await repo.lockRequest(trx, id))!
        notSent(row)
        const pauses = await repo.pausesFor(trx, [id])
        if (pauses.some((p) => p.resumed_on === null))
          throw conflict('already_paused', 'The clock is already stopped for clarification', {
            status: row.status,
          })
        const lastResumed = pauses.at(-1)?.resumed_on
        if (on > clock.today()) throw invalid([{ path: 'on', message: 'cannot be in the future' }])
        if (on < row.received_on || (lastResumed && on <= lastResumed))
          throw invalid([
            { path: 'on', message: 'must be after receipt and after the last restart of the clock' },
          ])
        await repo.insertPause(trx, {
          id: randomUUID(),
          request_id: id,
          paused_on: on,
          resumed_on: null,
          reason: input.reason,
        })
        await repo.updateRequest(trx, id, {
          status: 'awaiting_clarification',
          due_on: null,
          version: row.version + 1,
          updated_at: new Date(),
        })
        await appendAudit(coreTrx(trx), {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'foi.pause',
          targetType: 'foi_request',
          targetId: id,
          detail: { pausedOn: on },
        })
      })
      return this.get(actor, id)
    },

    async resume(actor: FoiActor, id: string, given: ResumeInput) {
      const input = checked(ResumeInput, given)
      await manageable(actor, id)
      const on = input.on ?? clock.today()
      await db.transaction().execute(async (trx) => {
        const row = (await repo.lockRequest(trx, id))!
        notSent(row)
        const pauses = await repo.pausesFor(trx, [id])
        const open = pauses.find((p) => p.resumed_on === null)
        if (!open)
          throw conflict('not_paused', 'The clock is running: there is no clarification to record', {
            status: row.status,
          })
        if (on > clock.today()) throw invalid([{ path: 'on', message: 'cannot be in the future' }])
        if (on < open.paused_on)
          throw invalid([{ path: 'on', message: 'cannot be before the clock was stopped' }])
        await repo.closePause(trx, open.id, on)
        const clockPauses = asPauses(pauses).map((p) => (p.to === null ? { ...p, to: on } : p))
        await repo.updateRequest(trx, id, {
          status: 'open',
          due_on: foiDueDate(row.received_on, clockPauses),
          version: row.version + 1,
          updated_at: new Date(),
        })
        await appendAudit(coreTrx(trx), {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'foi.resume',
          targetType: 'foi_request',
          targetId: id,
          detail: { resumedOn: on },
        })
      })
      return this.get(actor, id)
    },

    /** Adds statistics queries, each fixed to an as-at date and to the request's force. */
    async attachQueries(actor: FoiActor, id: string, given: AttachQueriesInput) {
      const input = checked(AttachQueriesInput, given)
      const current = await manageable(actor, id)
      notSent(current)
      const fields: { path: string; message: string }[] = []
      const attached: AttachedQuery[] = input.queries.map((q, i) => {
        const forcesAsked = q.query.force ?? [current.force]
        if (forcesAsked.length !== 1 || forcesAsked[0] !== current.force)
          fields.push({
            path: `queries.${i}.query.force`,
            message: `an FOI response from this force gives ${current.force} figures only`,
          })
        const query: StatsQuery = { ...q.query, force: [current.force], asOf: q.query.asOf ?? clock.today() }
        if (query.asOf > clock.today())
          fields.push({ path: `queries.${i}.query.asOf`, message: 'cannot be in the future' })
        return { title: q.title, query }
      })
      if (fields.length) throw invalid(fields)
      // Each query is run once now, so a query the statistics refuse is refused here, not at sending.
      for (const q of attached) await stats.query(actor, q.query)
      await db.transaction().execute(async (trx) => {
        const row = (await repo.lockRequest(trx, id))!
        notSent(row)
        await repo.updateRequest(trx, id, {
          queries: JSON.stringify([...(row.queries as AttachedQuery[]), ...attached]),
          threshold: input.threshold ?? row.threshold,
          version: row.version + 1,
          updated_at: new Date(),
        })
        await appendAudit(coreTrx(trx), {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'foi.attach_queries',
          targetType: 'foi_request',
          targetId: id,
          detail: { added: attached.length, threshold: input.threshold ?? row.threshold },
        })
      })
      return this.get(actor, id)
    },

    /** Takes one attached query off a request that has not been sent (position as listed, from 0). */
    async removeQuery(actor: FoiActor, id: string, index: number, expectedVersion?: number) {
      await manageable(actor, id)
      await db.transaction().execute(async (trx) => {
        const row = (await repo.lockRequest(trx, id))!
        notSent(row)
        sameVersion(row, expectedVersion)
        const queries = row.queries as AttachedQuery[]
        const removed = queries[index]
        if (!removed) throw notFound('That query')
        await repo.updateRequest(trx, id, {
          queries: JSON.stringify(queries.filter((_, i) => i !== index)),
          version: row.version + 1,
          updated_at: new Date(),
        })
        await appendAudit(coreTrx(trx), {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'foi.remove_query',
          targetType: 'foi_request',
          targetId: id,
          detail: { index },
        })
      })
      return this.get(actor, id)
    },

    /** The response as it would be sent today, with suppression applied. Nothing is stored. */
    async preview(actor: FoiActor, id: string) {
      const row = await manageable(actor, id)
      const queries = row.queries as AttachedQuery[]
      if (queries.length === 0)
        throw conflict('no_queries', 'Attach at least one statistics query first', { status: row.status })
      const content = await compose(row, queries, row.threshold, clock.today())
      return { ...rendered(content), letter: content.letter }
    },

    async previewWorkbook(actor: FoiActor, id: string): Promise<Buffer> {
      const row = await manageable(actor, id)
      const queries = row.queries as AttachedQuery[]
      if (queries.length === 0)
        throw conflict('no_queries', 'Attach at least one statistics query first', { status: row.status })
      return responseWorkbook(await compose(row, queries, row.threshold, clock.today()), row.reference)
    },

    /** Sends the response: stores it whole, after which it never changes. */
    async send(actor: FoiActor, id: string, expectedVersion?: number) {
      const current = await manageable(actor, id)
      notSent(current)
      sameVersion(current, expectedVersion)
      if (current.status === 'awaiting_clarification')
        throw conflict(
          'awaiting_clarification',
          'The clock is stopped for clarification: restart it before sending',
          {
            status: current.status,
          },
        )
      const queries = current.queries as AttachedQuery[]
      if (queries.length === 0)
        throw conflict('no_queries', 'Attach at least one statistics query first', { status: current.status })
      const sentOn = clock.today()
      const content = await compose(current, queries, current.threshold, sentOn)
      const out = rendered(content)
      await db.transaction().execute(async (trx) => {
        const row = (await repo.lockRequest(trx, id))!
        notSent(row)
        if (row.version !== current.version)
          throw conflict('stale', 'The request changed while the response was being prepared; try again', {
            status: row.status,
          })
        const body: StoredResponseBody = {
          tables: content.tables,
          exemptions: content.exemptions,
          letter: content.letter,
        }
        await repo.insertResponse(trx, {
          request_id: id,
          queries: JSON.stringify(queries),
          threshold: current.threshold,
          tables: JSON.stringify(body),
          letter_markdown: out.letterMarkdown,
          letter_html: out.letterHtml,
          tables_csv: out.csv,
          sent_on: sentOn,
          sent_at: clock.now(),
          sent_by: actor.userId,
          sent_by_label: actor.username,
        })
        await repo.updateRequest(trx, id, {
          status: 'sent',
          version: row.version + 1,
          updated_at: new Date(),
        })
        await appendAudit(coreTrx(trx), {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'foi.send',
          targetType: 'foi_request',
          targetId: id,
          detail: {
            queries: queries.length,
            threshold: current.threshold,
            suppressed: content.tables.reduce((n, t) => n + t.table.suppressions.length, 0),
          },
        })
      })
      return this.response(actor, id)
    },

    /** The response as sent. */
    async response(actor: FoiActor, id: string) {
      await manageable(actor, id)
      const stored = await repo.findResponse(db, id)
      if (!stored) throw notFound('A sent response to this request')
      const body = stored.tables as StoredResponseBody
      return {
        requestId: id,
        sentOn: stored.sent_on,
        sentAt: new Date(stored.sent_at).toISOString(),
        sentBy: stored.sent_by_label,
        queries: stored.queries as AttachedQuery[],
        threshold: stored.threshold,
        tables: body.tables,
        exemptions: body.exemptions,
        letter: body.letter,
        letterMarkdown: stored.letter_markdown,
        letterHtml: stored.letter_html,
        csv: stored.tables_csv,
      }
    },

    async responseWorkbook(actor: FoiActor, id: string): Promise<Buffer> {
      const sent = await this.response(actor, id)
      const body: FoiResponseContent = {
        threshold: sent.threshold,
        tables: sent.tables,
        exemptions: sent.exemptions,
        letterMarkdown: sent.letterMarkdown,
        letter: sent.letter,
        csv: sent.csv,
      }
      return responseWorkbook(body, (await manageable(actor, id)).reference)
    },

    /**
     * Produces the sent response again from its stored queries, as-at dates, threshold and date, and says
     * whether it comes out identical (it differs only if records were changed with an effective date on or
     * before an as-at date after the response was sent).
     */
    async regenerate(actor: FoiActor, id: string) {
      const row = await manageable(actor, id)
      const sent = await this.response(actor, id)
      const again = rendered(await compose(row, sent.queries, sent.threshold, sent.sentOn))
      const differences = (['letterMarkdown', 'letterHtml', 'csv'] as const).filter(
        (k) => again[k] !== sent[k],
      )
      // Key order differs after a JSONB round trip, so compare canonical forms.
      if (stringify(again.tables) !== stringify(sent.tables)) differences.push('tables' as never)
      return { identical: differences.length === 0, differences: differences as string[], regenerated: again }
    },
  }
}
export type FoiService = ReturnType<typeof createFoiService>
