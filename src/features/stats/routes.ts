// GET /api/v1/stats: the question of `probity stats` (docs/formats.md §3) as query parameters, the same JSON back.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { UNITS } from './dimensions.ts'
import { StatsInput } from './forms.ts'
import type { StatsService } from './service.ts'

const Row = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .describe('A value of each dimension asked for, and `count`: the units with those values')

const Completeness = z.looseObject({
  recorded: z.number().int().describe('Units with the dimension recorded'),
  notRecorded: z.number().int().describe('Units without it: notYet + notApplicable + missing'),
  notYet: z.number().int().describe('Live on the date, so an outcome is not decided yet'),
  notApplicable: z
    .number()
    .int()
    .describe(
      'The route cannot produce it: a misconduct outcome of a complaint handled outside Schedule 3, a ' +
        'criminal outcome of a finalised matter never referred to the CPS',
    ),
  missing: z.number().int().describe('Should have been recorded by then and was not'),
})

const StatsAnswer = z.looseObject({
  unit: z.enum(UNITS),
  asOf: z.string().describe('The records as they stood on this date'),
  total: z.number().int().describe('Units matching the filters, each counted once'),
  rows: z.array(Row).describe('One row per combination of values with a count above zero'),
  rowsWithReasons: z
    .array(Row)
    .describe('The rows with an outcome’s not_recorded split into not_yet, not_applicable and not_recorded'),
  by: z.array(z.string()),
  filters: z.looseObject({}).describe('The question as applied: forces as slugs, periods with their days'),
  completeness: z
    .record(z.string(), Completeness)
    .describe('For each dimension asked for (and each per-subject one for subjects): how much is recorded'),
})

const ROWS_EXAMPLE = [
  { source: 'public', status: 'live', count: 2 },
  { source: 'public', status: 'finalised', count: 17 },
  { source: 'colleague', status: 'finalised', count: 5 },
  { source: 'not_recorded', status: 'live', count: 3 },
]
const complete = (recorded: number, missing: number) => ({
  recorded,
  notRecorded: missing,
  notYet: 0,
  notApplicable: 0,
  missing,
})

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
          'appear as `not_recorded`; zero counts are left out), the same rows as `rowsWithReasons` with an ' +
          'outcome not recorded split into `not_yet` (live), `not_applicable` (the route cannot produce it) and ' +
          '`not_recorded` (a gap), the filters as applied, and for each dimension how many units have it ' +
          'recorded and why the rest do not (`completeness`: recorded, notRecorded, notYet, notApplicable, ' +
          'missing).',
        querystring: StatsInput,
        docs: {
          ok: {
            status: 200,
            description: 'The counts, with the question as applied and how complete the records are',
            schema: StatsAnswer,
            example: {
              unit: 'allegation',
              asOf: '2021-10-12',
              total: 27,
              rows: ROWS_EXAMPLE,
              rowsWithReasons: ROWS_EXAMPLE,
              by: ['source', 'status'],
              filters: {
                force: ['hertfordshire'],
                category: ['sexual_assault'],
                from: { period: '2016', date: '2016-01-01' },
                to: { period: '2020', date: '2020-12-31' },
                where: {},
              },
              completeness: { source: complete(24, 3), status: complete(27, 0) },
            },
          },
          refusals: {
            400:
              'An unknown unit, dimension, value, force, category or period, a per-subject dimension ' +
              'without `unit=subject`, or an `asOf` after today: every problem, by parameter.',
            403: 'Administrators do not read figures (`forbidden`).',
          },
        },
      },
    },
    async (request) => stats.query(requireActor(request), request.query),
  )
}
