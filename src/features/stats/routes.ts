// GET /api/v1/stats: the question of `probity stats` (FORMATS §3) as query parameters, the same JSON back.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../http/actor.ts'
import { StatsInput } from './forms.ts'
import type { StatsService } from './service.ts'

export function registerStatsRoutes(app: FastifyInstance, { stats }: { stats: StatsService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get(
    '/api/v1/stats',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Count cases, allegations or subjects as at a date, broken down by dimensions',
        description:
          'The question of `probity stats`: for example `?unit=subject&by=force,on_duty&category=sexual_assault' +
          '&from=2016&to=2020&asOf=2021-10-12`. Lists may be repeated or comma-separated. The answer gives the ' +
          'unit, the date, the total, one row per combination of values with its count (values not recorded ' +
          'appear as `not_recorded`; zero counts are left out), the filters as applied, and how many units ' +
          'have each dimension recorded.',
        querystring: StatsInput,
      },
    },
    async (request) => stats.query(requireActor(request), request.query),
  )
}
