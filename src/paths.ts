// Typed page URLs, shared by routes (pattern), redirects and views (href) and tests, so a link cannot point
// at a page that does not exist.

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never

interface PagePath<P extends string> {
  pattern: P
  href(...params: [ParamNames<P>] extends [never] ? [] : [Record<ParamNames<P>, string>]): string
}

function path<P extends string>(pattern: P): PagePath<P> {
  return {
    pattern,
    href: (...args: unknown[]) => {
      const params = (args[0] ?? {}) as Record<string, string>
      return pattern.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''))
    },
  }
}

export const NEW_CASE_STEPS = [
  'case',
  'complainant',
  'incident',
  'allegation',
  'allegations',
  'check',
] as const
export type NewCaseStep = (typeof NEW_CASE_STEPS)[number]

export const COMPLAINT_STEPS = ['force', 'incident', 'officers', 'contact', 'consent', 'check'] as const
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number]

export const paths = {
  home: path('/'),
  signIn: path('/sign-in'),
  signOut: path('/sign-out'),
  cases: {
    list: path('/cases'),
    show: path('/cases/:id'),
    recorded: path('/cases/:id/recorded'),
    action: path('/cases/:id/actions/:command'),
    detail: path('/cases/:id/edit/:command'),
    newCase: path('/cases/new'),
    newCaseStep: path('/cases/new/:step'),
    deadlineReport: path('/reports/deadlines'),
  },
  officers: {
    search: path('/officers'),
    show: path('/officers/:id'),
    leave: path('/officers/:id/service/:serviceId/leaving'),
    posting: path('/officers/:id/postings/new'),
    match: path('/officers/:id/matches/:otherId'),
    undoMerge: path('/officers/:id/merges/:mergeId/undo'),
  },
  vetting: {
    find: path('/vetting'),
    person: path('/vetting/people/:id'),
    check: path('/vetting/checks/:checkId'),
    pdf: path('/vetting/checks/:checkId/record.pdf'),
    html: path('/vetting/checks/:checkId/record.html'),
  },
  alerts: {
    list: path('/alerts'),
    show: path('/alerts/:id'),
    settings: path('/alerts/settings'),
  },
  lists: {
    list: path('/lists'),
    proposal: path('/lists/proposals/:id'),
  },
  admin: {
    users: path('/admin/users'),
    newUser: path('/admin/users/new'),
    disableUser: path('/admin/users/:id/disable'),
    userRole: path('/admin/users/:id/role'),
    unlockUser: path('/admin/users/:id/unlock'),
  },
  complain: {
    start: path('/complain'),
    step: path('/complain/:step'),
    sent: path('/complain/sent'),
  },
  statistics: {
    page: path('/statistics'),
    csv: path('/statistics/download.csv'),
    xlsx: path('/statistics/download.xlsx'),
  },
  foi: {
    list: path('/foi'),
    newRequest: path('/foi/new'),
    show: path('/foi/:id'),
    newQuery: path('/foi/:id/queries/new'),
    removeQuery: path('/foi/:id/queries/remove'),
    clock: path('/foi/:id/clock'),
    send: path('/foi/:id/send'),
    download: path('/foi/:id/download/:file'),
  },
  reports: {
    list: path('/reports'),
    newReport: path('/reports/new'),
    show: path('/reports/:id'),
    signOff: path('/reports/:id/sign-off'),
    download: path('/reports/:id/download/:file'),
  },
  figures: {
    national: path('/figures'),
    force: path('/figures/:force'),
  },
  assets: '/assets',
  apiDocs: '/docs',
} as const
