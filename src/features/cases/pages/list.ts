// The case list: MoJ filter layout, search, sortable columns and pages. Filters are posted, then redirected
// to a GET whose address holds them, so every filtered list can be bookmarked and shared.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { CASE_TYPES, CATEGORY_GROUPS, SOURCES } from '../../../domain/codes.ts'
import { CASE_STATUSES } from '../../../domain/lifecycle.ts'
import { forceScope } from '../../../domain/permissions.ts'
import type { ForceService } from '../../forces/service.ts'
import { paths } from '../../../paths.ts'
import {
  addError,
  dateItems,
  dateParts,
  noErrors,
  partsOf,
  readDate,
  text,
  zodToErrors,
  type PageErrors,
} from '../../../web/form.ts'
import { label, optionsFor } from '../../../web/labels.ts'
import { area, Fields, pageActor, pageForm, pageQuery } from '../../../web/pages.ts'
import { CASE_LIST_SORTS, CaseListQuery } from '../forms.ts'
import type { CaseService } from '../service.ts'

const PAGE_SIZE = 25
const FILTER_KEYS = [
  'q',
  'force',
  'status',
  'categoryGroup',
  'caseType',
  'source',
  'receivedFrom',
  'receivedTo',
  'open',
  'overdue',
] as const
const QUERY_KEYS = [...FILTER_KEYS, 'sort', 'order', 'page'] as const
type QueryValues = Partial<Record<(typeof QUERY_KEYS)[number], string>>

function pickQuery(raw: Record<string, unknown>): QueryValues {
  const values: QueryValues = {}
  for (const key of QUERY_KEYS) {
    const value = raw[key]
    if (typeof value === 'string' && value.trim() !== '') values[key] = value.trim()
  }
  return values
}

export function listHref(values: QueryValues, changes: QueryValues = {}, remove: string[] = []): string {
  const merged: Record<string, string> = {}
  for (const [key, value] of Object.entries({ ...values, ...changes })) {
    if (value && !remove.includes(key)) merged[key] = value
  }
  const query = new URLSearchParams(merged).toString()
  return query ? `${paths.cases.list.href()}?${query}` : paths.cases.list.href()
}

export function registerCaseListPage(app: FastifyInstance, cases: CaseService, forces: ForceService): void {
  async function show(
    reply: FastifyReply,
    actor: ReturnType<typeof pageActor>,
    values: QueryValues,
    errors: PageErrors,
    form: { receivedFrom: ReturnType<typeof partsOf>; receivedTo: ReturnType<typeof partsOf> },
  ) {
    const national = forceScope(actor, 'cases') === 'all'
    const parsed = CaseListQuery.safeParse({ ...values, pageSize: String(PAGE_SIZE) })
    const allErrors = parsed.success ? errors : zodToErrors(parsed.error)
    const result = parsed.success && !allErrors.list.length ? await cases.list(actor, parsed.data) : null
    const resolver = await forces.resolver()
    const page = parsed.success ? parsed.data.page : 1
    const totalPages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1
    const sort = parsed.success ? parsed.data.sort : 'receivedOn'
    const order = parsed.success ? parsed.data.order : 'desc'
    const selected = FILTER_KEYS.filter((key) => values[key] && key !== 'q').map((key) => ({
      key,
      heading: FILTER_HEADINGS[key],
      text:
        key === 'force'
          ? (resolver.name(values.force!) ?? values.force!)
          : key === 'overdue'
            ? 'Open more than 12 months'
            : key === 'open'
              ? values.open === 'true'
                ? 'Open cases'
                : 'Closed cases'
              : key === 'receivedFrom' || key === 'receivedTo'
                ? values[key]!
                : label(values[key]),
      href: listHref(values, {}, [key, 'page']),
    }))
    const columns = CASE_LIST_SORTS.map((column) => ({
      column,
      text: COLUMN_HEADINGS[column],
      ariaSort: column === sort ? (order === 'asc' ? 'ascending' : 'descending') : 'none',
      href: listHref(values, { sort: column, order: column === sort && order === 'desc' ? 'asc' : 'desc' }, [
        'page',
      ]),
    }))
    return reply.code(allErrors.list.length ? 400 : 200).render('cases/pages/views/list.njk', {
      pageTitle: 'Cases',
      errors: allErrors,
      national,
      values,
      form,
      result: result
        ? {
            ...result,
            cases: result.cases.map((c) => ({ ...c, forceName: resolver.name(c.force) ?? c.force })),
          }
        : null,
      selectedCategories: selected.map((item) => ({
        heading: { text: item.heading },
        items: [{ href: item.href, text: item.text }],
      })),
      caption: `Cases, sorted by ${COLUMN_HEADINGS[sort].toLowerCase()} (${order === 'asc' ? 'ascending' : 'descending'})`,
      clearHref: paths.cases.list.href(),
      columns,
      pagination: {
        page,
        totalPages,
        from: result && result.total ? (page - 1) * PAGE_SIZE + 1 : 0,
        to: result ? Math.min(page * PAGE_SIZE, result.total) : 0,
        previous: page > 1 ? listHref(values, { page: String(page - 1) }) : null,
        next: page < totalPages ? listHref(values, { page: String(page + 1) }) : null,
        items: pageNumbers(page, totalPages).map((n) =>
          n === null
            ? { ellipsis: true }
            : { number: n, href: listHref(values, { page: String(n) }), current: n === page },
        ),
      },
      options: {
        forces: [
          { value: '', text: 'Any force' },
          ...resolver.all().map((f) => ({ value: f.slug, text: f.name, selected: f.slug === values.force })),
        ],
        statuses: optionsFor(CASE_STATUSES, values.status),
        categoryGroups: [
          { value: '', text: 'Any category group' },
          ...optionsFor(Object.keys(CATEGORY_GROUPS), values.categoryGroup, 'select'),
        ],
        caseTypes: optionsFor(CASE_TYPES, values.caseType),
        sources: optionsFor(SOURCES, values.source),
        open: [
          { value: '', text: 'Open and closed', checked: !values.open },
          { value: 'true', text: 'Open cases', checked: values.open === 'true' },
          { value: 'false', text: 'Closed cases', checked: values.open === 'false' },
        ],
      },
      dateItems: {
        receivedFrom: dateItems(form.receivedFrom, Boolean(allErrors.fields.receivedFrom)),
        receivedTo: dateItems(form.receivedTo, Boolean(allErrors.fields.receivedTo)),
      },
    })
  }

  // The list is refused outright to roles without one, rather than shown as "not found" as a case is.
  const list = { config: { access: area('cases') } }

  app.get(paths.cases.list.pattern, list, async (request, reply) => {
    const actor = pageActor(request)
    const values = pickQuery(pageQuery(request, Fields))
    return show(reply, actor, values, noErrors(), {
      receivedFrom: partsOf(values.receivedFrom),
      receivedTo: partsOf(values.receivedTo),
    })
  })

  app.post(paths.cases.list.pattern, list, async (request, reply) => {
    const actor = pageActor(request)
    const body = pageForm(request)
    const values = pickQuery(body)
    delete values.page
    const errors = noErrors()
    const form = { receivedFrom: dateParts(body, 'receivedFrom'), receivedTo: dateParts(body, 'receivedTo') }
    for (const key of ['receivedFrom', 'receivedTo'] as const) {
      const date = readDate(
        form[key],
        key === 'receivedFrom' ? 'the received from date' : 'the received to date',
      )
      if (date.kind === 'invalid') addError(errors, key, date.message)
      if (date.kind === 'date') values[key] = date.value
    }
    if (values.receivedFrom && values.receivedTo && values.receivedFrom > values.receivedTo) {
      addError(
        errors,
        'receivedTo',
        'The received to date must be the same as or after the received from date',
      )
    }
    if (text(body, 'overdue') === 'true') values.overdue = 'true'
    // Only a valid filter becomes an address: anything else is answered here, never as an oversized redirect.
    if (errors.list.length || !CaseListQuery.safeParse(values).success)
      return show(reply, actor, values, errors, form)
    return reply.redirect(listHref(values), 303)
  })
}

const FILTER_HEADINGS: Record<(typeof FILTER_KEYS)[number], string> = {
  q: 'Search',
  force: 'Force',
  status: 'Status',
  categoryGroup: 'Category group',
  caseType: 'Case type',
  source: 'Source',
  receivedFrom: 'Received from',
  receivedTo: 'Received to',
  open: 'Open or closed',
  overdue: 'Overdue',
}

const COLUMN_HEADINGS: Record<(typeof CASE_LIST_SORTS)[number], string> = {
  receivedOn: 'Received',
  caseRef: 'Case reference',
  status: 'Status',
  caseType: 'Type',
}

/** Page numbers around the current page, with null for the gaps GOV.UK pagination shows as "…". */
function pageNumbers(page: number, total: number): (number | null)[] {
  const wanted = new Set([1, total, page - 1, page, page + 1].filter((n) => n >= 1 && n <= total))
  const sorted = [...wanted].sort((a, b) => a - b)
  const result: (number | null)[] = []
  for (const n of sorted) {
    const last = result.at(-1)
    if (typeof last === 'number' && n - last > 1) result.push(null)
    result.push(n)
  }
  return result
}
