// FOI request use cases, wired into one service. Each use case checks access first (FOI officers of the
// request's force; anyone else is told "not found"); every change is audited with identifiers only, never
// the requester's details. The response is built from the stored queries through disclosure control, and
// once sent it is stored whole and never changes: it can be regenerated from its queries and as-at dates
// and compared. The use cases are in register.ts, clock-pauses.ts, attach-query.ts, preview.ts, send.ts and
// sent.ts; their shared checks in context.ts.
import type { NamedActor } from '../../domain/permissions.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import type { ForceService } from '../forces/service.ts'
import type { StatsService } from '../stats/service.ts'
import { attachQueries, removeQuery } from './attach-query.ts'
import { pauseClock, resumeClock } from './clock-pauses.ts'
import type { FoiContext } from './context.ts'
import type {
  AttachQueriesInput,
  FoiListQuery,
  NewFoiRequestInput,
  PauseInput,
  ResumeInput,
} from './forms.ts'
import { previewResponse, previewWorkbook } from './preview.ts'
import { getRequest, listRequests } from './read.ts'
import { registerRequest } from './register.ts'
import { sendResponse } from './send.ts'
import { regenerateResponse, sentResponse, sentWorkbook } from './sent.ts'
import { foiDb } from './tables.ts'

export function createFoiService(deps: {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  stats: StatsService
}) {
  const ctx: FoiContext = { db: foiDb(deps.db), clock: deps.clock, forces: deps.forces, stats: deps.stats }
  return {
    register: (actor: NamedActor, given: NewFoiRequestInput) => registerRequest(ctx, actor, given),
    list: (actor: NamedActor, query: FoiListQuery = {}) => listRequests(ctx, actor, query),
    get: (actor: NamedActor, id: string) => getRequest(ctx, actor, id),
    pause: (actor: NamedActor, id: string, given: PauseInput) => pauseClock(ctx, actor, id, given),
    resume: (actor: NamedActor, id: string, given: ResumeInput) => resumeClock(ctx, actor, id, given),
    /** Adds statistics queries, each fixed to an as-at date and to the request's force. */
    attachQueries: (actor: NamedActor, id: string, given: AttachQueriesInput) =>
      attachQueries(ctx, actor, id, given),
    /** Takes one attached query off a request that has not been sent (position as listed, from 0). */
    removeQuery: (actor: NamedActor, id: string, index: number, expectedVersion?: number) =>
      removeQuery(ctx, actor, id, index, expectedVersion),
    /** The response as it would be sent today, with suppression applied. Nothing is stored. */
    preview: (actor: NamedActor, id: string) => previewResponse(ctx, actor, id),
    previewWorkbook: (actor: NamedActor, id: string): Promise<Buffer> => previewWorkbook(ctx, actor, id),
    /** Sends the response: stores it whole, after which it never changes. */
    send: (actor: NamedActor, id: string, expectedVersion?: number) =>
      sendResponse(ctx, actor, id, expectedVersion),
    /** The response as sent. */
    response: (actor: NamedActor, id: string) => sentResponse(ctx, actor, id),
    responseWorkbook: (actor: NamedActor, id: string): Promise<Buffer> => sentWorkbook(ctx, actor, id),
    /** Produces the sent response again and says whether it comes out identical to what was sent. */
    regenerate: (actor: NamedActor, id: string) => regenerateResponse(ctx, actor, id),
  }
}
export type FoiService = ReturnType<typeof createFoiService>
