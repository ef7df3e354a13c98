// The case list: MoJ filter layout, search, sortable columns and pages. Filters are posted, then redirected
// to a GET whose address holds them, so every filtered list can be bookmarked and shared.
import { format, parseISO } from 'date-fns'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { CASE_TYPES, CATEGORY_GROUPS, SOURCES } from '../../../domain/codes.ts'
import { CASE_STATUSES } from '../../../domain/lifecycle.ts'
import { forceScope, type NamedActor } from '../../../domain/permissions.ts'
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
  type DateParts,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import { optionsFor } from '../../../web/labels.ts'
import { label, statusLabel } from '../../../domain/labels.ts'
import { houseNumber } from '../../../domain/wording.ts'
import { Fields, pageActor, pageForm, pageQuery } from '../../../web/pages.ts'
import type { ForceResolver, ForceService } from '../../forces/service.ts'
import { CaseListQuery, type CASE_LIST_SORTS } from '../forms.ts'
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
  'priority',
] as const
const QUERY_KEYS = [...FILTER_KEYS, 'sort', 'order', 'page'] as const
type QueryValues = Partial<Record<(typeof QUERY_KEYS)[number], string>>
type Sort = (typeof CASE_LIST_SORTS)[number]

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
  priority: 'Priority',
}

/** The "overdue" filter: regulation 13's first report day passed (src/domain/deadlines.ts). */
const OVERDUE_TEXT = 'Past the 12-month report day'
/** The "priority" filter: a sexual-misconduct allegation. */
const PRIORITY_TEXT = 'Priority cases'

const COLUMN_HEADINGS: Record<Sort, string> = {
  receivedOn: 'Received',
  caseRef: 'Case reference',
  status: 'Status',
  caseType: 'Type',
}

/** The received-from and received-to date boxes, as typed. */
interface DateBoxes {
  receivedFrom: DateParts
  receivedTo: DateParts
}

export function caseListHandlers({ cases, forces }: { cases: CaseService; forces: ForceService }) {
  async function show(
    reply: FastifyReply,
    actor: NamedActor,
    values: QueryValues,
    errors: PageErrors,
    form: DateBoxes,
  ) {
    const parsed = CaseListQuery.safeParse({ ...values, pageSize: String(PAGE_SIZE) })
    const allErrors = parsed.success ? errors : zodToErrors(parsed.error)
    const result = parsed.success && !allErrors.list.length ? await cases.list(actor, parsed.data) : null
    const resolver = await forces.resolver()
    const page = parsed.success ? parsed.data.page : 1
    const sort = parsed.success ? parsed.data.sort : 'receivedOn'
    const order = parsed.success ? parsed.data.order : 'desc'
    return reply.code(allErrors.list.length ? 400 : 200).render('cases/pages/views/list.njk', {
      pageTitle: 'Cases',
      errors: allErrors,
      national: forceScope(actor, 'cases') === 'all',
      values,
      form,
      result: result
        ? {
            ...result,
            cases: result.cases.map((c) => ({
              ...c,
              receivedText: shortDate(c.receivedOn),
              dueText: c.nextDeadline ? shortDate(c.nextDeadline.due) : null,
              categoryText: firstAndMore(c.categories.map((code) => label(code))),
              subjectText: firstAndMore(c.subjects),
            })),
          }
        : null,
      selectedCategories: selectedFilters(values, resolver),
      caption: `Cases, sorted by ${COLUMN_HEADINGS[sort].toLowerCase()} (${order === 'asc' ? 'ascending' : 'descending'})`,
      clearHref: paths.cases.list.href(),
      overdueText: OVERDUE_TEXT,
      priorityText: PRIORITY_TEXT,
      columns: sortColumns(values, sort, order),
      pagination: pagination(values, page, result?.total ?? null),
      options: filterOptions(values, resolver),
      dateItems: {
        receivedFrom: dateItems(form.receivedFrom, Boolean(allErrors.fields.receivedFrom)),
        receivedTo: dateItems(form.receivedTo, Boolean(allErrors.fields.receivedTo)),
      },
    })
  }

  /** The list as its address filters, sorts and pages it. */
  async function listPage(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const values = pickQuery(pageQuery(request, Fields))
    return show(reply, actor, values, noErrors(), {
      receivedFrom: partsOf(values.receivedFrom),
      receivedTo: partsOf(values.receivedTo),
    })
  }

  /** The filters posted: back to the first page of the list they give, or the list again with their errors. */
  async function applyFilters(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const body = pageForm(request)
    const values = pickQuery(body)
    delete values.page
    const errors = noErrors()
    const form = readReceivedDates(body, values, errors)
    if (text(body, 'overdue') === 'true') values.overdue = 'true'
    // Only a valid filter becomes an address: anything else is answered here, never as an oversized redirect.
    if (errors.list.length || !CaseListQuery.safeParse(values).success)
      return show(reply, actor, values, errors, form)
    return reply.redirect(listHref(values), 303)
  }

  return { listPage, applyFilters }
}

function pickQuery(raw: Record<string, unknown>): QueryValues {
  const values: QueryValues = {}
  for (const key of QUERY_KEYS) {
    const value = raw[key]
    if (typeof value === 'string' && value.trim() !== '') values[key] = value.trim()
  }
  return values
}

/** The received dates from their date boxes into `values`, with what is wrong with them in `errors`. */
function readReceivedDates(body: FormBody, values: QueryValues, errors: PageErrors): DateBoxes {
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
    addError(errors, 'receivedTo', 'The received to date must be the same as or after the received from date')
  }
  return form
}

function listHref(values: QueryValues, changes: QueryValues = {}, remove: string[] = []): string {
  const merged: Record<string, string> = {}
  for (const [key, value] of Object.entries({ ...values, ...changes })) {
    if (value && !remove.includes(key)) merged[key] = value
  }
  const query = new URLSearchParams(merged).toString()
  return query ? `${paths.cases.list.href()}?${query}` : paths.cases.list.href()
}

/** The filters in force, each with a link that removes it (the search box shows its own). */
function selectedFilters(values: QueryValues, resolver: ForceResolver) {
  return FILTER_KEYS.filter((key) => values[key] && key !== 'q').map((key) => ({
    heading: { text: FILTER_HEADINGS[key] },
    items: [{ href: listHref(values, {}, [key, 'page']), text: filterText(key, values, resolver) }],
  }))
}

function filterText(key: (typeof FILTER_KEYS)[number], values: QueryValues, resolver: ForceResolver): string {
  switch (key) {
    case 'force':
      return resolver.name(values.force!) ?? values.force!
    case 'overdue':
      return OVERDUE_TEXT
    case 'priority':
      return PRIORITY_TEXT
    case 'open':
      return values.open === 'true' ? 'Open cases' : 'Closed cases'
    case 'receivedFrom':
    case 'receivedTo':
      return values[key]!
    case 'status':
      return statusLabel(values.status!)
    case 'q':
    case 'categoryGroup':
    case 'caseType':
    case 'source':
      return label(values[key])
  }
}

/** "17 Jan 2025": GOV.UK style's shortened months, for a table short of room ("Sept", not "Sep"). */
function shortDate(date: string): string {
  return format(parseISO(date), 'd MMM yyyy').replace(' Sep ', ' Sept ')
}

/** The first of a case's categories or subjects, and how many more: "Sexual assault and two more". */
function firstAndMore(items: readonly string[]): string {
  if (items.length === 0) return 'None recorded'
  return items.length === 1 ? items[0]! : `${items[0]} and ${houseNumber(items.length - 1)} more`
}

/**
 * Column headings that sort by their column, descending first, the other way when already sorted by it. The
 * type is shown under the reference rather than in a column of its own; its order is still an address away.
 */
function sortColumns(values: QueryValues, sort: Sort, order: 'asc' | 'desc') {
  const heading = (column: Sort) => ({
    text: COLUMN_HEADINGS[column],
    ariaSort: column === sort ? (order === 'asc' ? 'ascending' : 'descending') : 'none',
    href: listHref(values, { sort: column, order: column === sort && order === 'desc' ? 'asc' : 'desc' }, [
      'page',
    ]),
  })
  return { caseRef: heading('caseRef'), receivedOn: heading('receivedOn'), status: heading('status') }
}

/** GOV.UK pagination for the page shown of `total` cases (null: no list, because the filters were wrong). */
function pagination(values: QueryValues, page: number, total: number | null) {
  const totalPages = total !== null ? Math.max(1, Math.ceil(total / PAGE_SIZE)) : 1
  return {
    page,
    totalPages,
    from: total ? (page - 1) * PAGE_SIZE + 1 : 0,
    to: total !== null ? Math.min(page * PAGE_SIZE, total) : 0,
    previous: page > 1 ? listHref(values, { page: String(page - 1) }) : null,
    next: page < totalPages ? listHref(values, { page: String(page + 1) }) : null,
    items: pageNumbers(page, totalPages).map((n) =>
      n === null
        ? { ellipsis: true }
        : { number: n, href: listHref(values, { page: String(n) }), current: n === page },
    ),
  }
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

/** The filters' choices, with those in force chosen. */
function filterOptions(values: QueryValues, resolver: ForceResolver) {
  return {
    forces: [
      { value: '', text: 'Any force' },
      ...resolver.all().map((f) => ({ value: f.slug, text: f.name, selected: f.slug === values.force })),
    ],
    statuses: optionsFor(CASE_STATUSES, values.status, 'radios', statusLabel),
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
  }
}
