// Standalone HTML documents (the FOI response letter, the force report article), rendered from their
// features' templates by a Nunjucks environment of their own: no layout, no design system, only the filters
// the documents use. The web layer's environment takes the same options and filters, so a template prints
// the same in either. Autoescape is on, so typed text is escaped wherever a document prints it.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import { dateProblem } from '../domain/input-text.ts'
import { longDate } from '../domain/wording.ts'

const featuresDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'features')

export const TEMPLATE_OPTIONS: nunjucks.ConfigureOptions = {
  autoescape: true,
  throwOnUndefined: false,
  trimBlocks: true,
  lstripBlocks: true,
}

/** "2026-11-20" (or a timestamp) as "20 November 2026"; the GOV.UK style for dates. */
export function govukDate(value: unknown): string {
  if (typeof value !== 'string' && !(value instanceof Date)) return ''
  const day = (value instanceof Date ? value.toISOString() : value).slice(0, 10)
  return dateProblem(day) === 'format' ? '' : longDate(day)
}

/** The filters documents use; the web layer adds its own after these. */
export function addDocumentFilters(env: nunjucks.Environment): void {
  env.addFilter('govukDate', govukDate)
}

let documents: nunjucks.Environment | null = null

/** Renders a document template, named from src/features (`foi/views/letter.njk`), as a whole HTML page. */
export function renderDocument(template: string, context: object): string {
  if (!documents) {
    documents = new nunjucks.Environment(new nunjucks.FileSystemLoader(featuresDir, { noCache: false }), {
      ...TEMPLATE_OPTIONS,
    })
    addDocumentFilters(documents)
  }
  return documents.render(template, context)
}
