// The pages' Nunjucks environment: our layout and partials, each feature's views, and the GOV.UK and MoJ
// design-system macros, with the documents' options and filters (src/documents/render.ts) and the pages'
// own. Autoescape is on, so user text is escaped wherever a template prints it.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import { addDocumentFilters, govukDate, TEMPLATE_OPTIONS } from '../documents/render.ts'
import { paths } from '../paths.ts'
import { londonDateOf } from '../domain/clock.ts'
import { label, statusLabel } from '../domain/labels.ts'
import { STATUS_TAG_CLASSES } from './labels.ts'

const require = createRequire(import.meta.url)
const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..')

export const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`))

type Filter = (...args: unknown[]) => unknown
const mojFilters = (
  require('@ministryofjustice/frontend/moj/filters/all.js') as () => Record<string, Filter>
)()

// Built once: toLocaleTimeString with options builds a formatter on every call, a measurable share of a page.
const londonTime = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
})

/** A timestamp as "20 November 2026 at 10:04" (UK time). */
export function govukDateTime(value: unknown): string {
  if (typeof value !== 'string' && !(value instanceof Date)) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return `${govukDate(londonDateOf(date))} at ${londonTime.format(date)}`
}

export function createViewEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [
        join(srcDir, 'views'),
        join(srcDir, 'features'),
        join(packageDir('govuk-frontend'), 'dist'),
        packageDir('@ministryofjustice/frontend'),
      ],
      { noCache: false },
    ),
    { ...TEMPLATE_OPTIONS },
  )
  for (const [name, filter] of Object.entries(mojFilters)) env.addFilter(name, filter)
  addDocumentFilters(env)
  env.addFilter('govukDateTime', govukDateTime)
  env.addFilter('label', (code: unknown) => label(typeof code === 'string' ? code : null))
  env.addFilter('statusLabel', (code: unknown) => statusLabel(typeof code === 'string' ? code : ''))
  env.addFilter('statusTagClass', (status: unknown) =>
    typeof status === 'string' && status in STATUS_TAG_CLASSES
      ? STATUS_TAG_CLASSES[status as keyof typeof STATUS_TAG_CLASSES]
      : 'govuk-tag--grey',
  )
  env.addGlobal('paths', paths)
  env.addGlobal('serviceName', 'Probity')
  return env
}
