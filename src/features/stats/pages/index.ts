// The statistics pages: the staff question form with its downloads, and the public figures by force.
import type { FastifyInstance } from 'fastify'
import type { Clock } from '../../../domain/clock.ts'
import type { ForceService } from '../../forces/service.ts'
import type { StatsService } from '../service.ts'
import { figuresPages } from './figures.ts'
import { statisticsPages } from './statistics.ts'

export async function statsPages(
  app: FastifyInstance,
  deps: { stats: StatsService; forces: ForceService; clock: Clock },
): Promise<void> {
  await app.register(statisticsPages, deps)
  await app.register(figuresPages, deps)
}
