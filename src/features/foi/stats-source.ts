// The statistics engine (src/features/stats) as FOI responses and reports see it: the same question
// names, and the completeness block as a list in the order of the dimensions asked for.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { createStatsService } from '../stats/service.ts'
import type { StatsSource } from './statistics.ts'

export function defaultStatsSource(deps: { db: Kysely<Database>; clock: Clock }): StatsSource {
  const stats = createStatsService(deps)
  return {
    async query(actor, query) {
      const answer = await stats.query(actor, { ...query })
      return {
        unit: answer.unit,
        asOf: answer.asOf,
        total: answer.total,
        rows: answer.rows.map((row) => {
          const { count, ...dimensions } = row
          return { ...(dimensions as Record<string, string>), count }
        }),
        completeness: Object.entries(answer.completeness).map(([dimension, c]) => ({
          dimension,
          recorded: c.recorded,
          notRecorded: c.notRecorded,
        })),
      }
    },
  }
}
