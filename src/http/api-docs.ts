// What the API reference (/docs) says about each route beyond its input schemas: what it answers when all
// goes well, and every refusal it may give. The refusals every route shares (bad input, not signed in, a
// missing CSRF token, a body too large…) are described once here and added to each route they apply to; a
// route's `docs` names its own. Documentation only: nothing here is enforced on what a route sends, so that a
// field added to an answer is never stripped; openapi.test.ts checks real answers against these descriptions.
import { z } from 'zod'

/** The refusals an API route may answer, each as a `Problem`. */
const REFUSAL_STATUSES = [400, 401, 403, 404, 409, 413, 414, 415, 429] as const
export type RefusalStatus = (typeof REFUSAL_STATUSES)[number]

type ProblemExample = { error: string; message: string } & Record<string, unknown>

/** When a route answers a refusal, and an example of it (the shared one when none is given). */
export interface Refusal {
  when: string
  example?: ProblemExample
}

export interface RouteDocs {
  /** The answer when all goes well: JSON (a schema), a file (`contentType`), or nothing (204). */
  ok: {
    status: 200 | 201 | 204
    description: string
    schema?: z.ZodType
    /** For an answer that is not JSON: its media type. */
    contentType?: string
    example?: unknown
  }
  /** This route's own refusals, each with when it comes; the shared ones are added where they apply. */
  refusals?: Partial<Record<RefusalStatus, string | Refusal>>
  /**
   * Descriptions of input fields their schemas leave undescribed, by where they are: `query.status`,
   * `body.allegations.subjects.onDuty` (each step into a list is its items).
   */
  fields?: Record<string, string>
  /** An example of the request body. */
  bodyExample?: unknown
}

declare module 'fastify' {
  interface FastifySchema {
    /** What /docs says about the route's answers and inputs (documentation only, never enforced). */
    docs?: RouteDocs
  }
}

const FieldProblem = z.object({
  path: z.string().describe('The field, dotted (allegations.0.category); empty for the request as a whole'),
  message: z.string().describe('What is wrong with it'),
})

/** Every refusal, whatever its status. */
export const Problem = z.looseObject({
  error: z
    .string()
    .describe(
      'What kind of refusal, as a code: validation, unauthorised, forbidden, csrf, not_found, ' +
        'stale_version, illegal_transition, concurrent_change, too_many_attempts…',
    ),
  message: z.string().describe('The refusal in a sentence, for a person'),
  fields: z
    .array(FieldProblem)
    .optional()
    .describe('With `validation`: every problem of the request, field by field'),
})

/** What a route is, as far as the shared refusals are concerned. */
export interface RouteFacts {
  method: string
  /** Its address, with `:name` for each path parameter. */
  url: string
  /** Open to callers who are not signed in. */
  public: boolean
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

interface SharedRefusal extends Required<Refusal> {
  appliesTo(route: RouteFacts): boolean
}

const SHARED: Partial<Record<RefusalStatus, SharedRefusal>> = {
  400: {
    when:
      'The request has problems: every one is listed in `fields` (`validation`), including text that cannot ' +
      'be stored (control characters) anywhere in the address, query or body; or the body is not valid JSON.',
    example: {
      error: 'validation',
      message: 'The body has problems; see fields',
      fields: [{ path: 'receivedOn', message: 'use the form YYYY-MM-DD' }],
    },
    appliesTo: () => true,
  },
  401: {
    when:
      'Not signed in: no session cookie or API token, or one that has expired, been revoked or belongs to a ' +
      'disabled account (`unauthorised`).',
    example: { error: 'unauthorised', message: 'Sign in, or send an API token, to do this' },
    appliesTo: (route) => !route.public,
  },
  403: {
    when:
      'A change sent with a session cookie needs that session’s CSRF token in the `x-csrf-token` header ' +
      '(`csrf`); API tokens need none.',
    example: {
      error: 'csrf',
      message: 'The CSRF token is missing or wrong: reload the page and try again',
    },
    appliesTo: (route) => UNSAFE.has(route.method),
  },
  409: {
    when:
      'Another request changed the same records at the same moment (`concurrent_change`): read them again ' +
      'and retry.',
    example: {
      error: 'concurrent_change',
      message: 'Someone else changed the same record at the same moment: read it again and retry',
    },
    appliesTo: (route) => UNSAFE.has(route.method),
  },
  413: {
    when: 'The body is larger than 1 MiB.',
    example: {
      error: 'FST_ERR_CTP_BODY_TOO_LARGE',
      message: 'The request body is larger than 1048576 bytes',
    },
    appliesTo: (route) => UNSAFE.has(route.method),
  },
  414: {
    when: 'A path parameter is longer than 100 characters: no record has such an id.',
    example: {
      error: 'Bad Request',
      code: 'FST_ERR_MAX_PARAM_LENGTH',
      message: "'/api/v1/cases/xxxxxxxx…' is exceeding the max param length",
      statusCode: 414,
    },
    appliesTo: (route) => route.url.includes(':'),
  },
  415: {
    when: 'The body is in a format the API does not read: send JSON, with `content-type: application/json`.',
    example: { error: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', message: 'Unsupported Media Type: application/xml' },
    appliesTo: (route) => UNSAFE.has(route.method),
  },
}

/** The examples of the refusals only a route knows when it gives, unless it gives its own. */
const EXAMPLES: Record<RefusalStatus, ProblemExample> = {
  400: SHARED[400]!.example,
  401: SHARED[401]!.example,
  403: { error: 'forbidden', message: 'Your role does not allow this' },
  404: { error: 'not_found', message: 'That record was not found' },
  409: SHARED[409]!.example,
  413: SHARED[413]!.example,
  414: SHARED[414]!.example,
  415: SHARED[415]!.example,
  429: {
    error: 'too_many_attempts',
    message: 'Too many sign-in attempts from this address: wait 42 seconds and try again',
    retryAfter: 42,
  },
}

/**
 * Every refusal the route may answer, with when: its own reasons first, then those every route of its kind
 * shares. The example is the route's own, else that of the first reason.
 */
export function refusalsOf(
  route: RouteFacts,
  docs: RouteDocs | undefined,
): Map<RefusalStatus, Required<Refusal>> {
  const refusals = new Map<RefusalStatus, Required<Refusal>>()
  for (const status of REFUSAL_STATUSES) {
    const given = docs?.refusals?.[status]
    const own = typeof given === 'string' ? { when: given } : given
    const shared = SHARED[status]?.appliesTo(route) ? SHARED[status] : undefined
    if (!own && !shared) continue
    refusals.set(status, {
      when: [own?.when, shared?.when].filter(Boolean).join(' '),
      example: own?.example ?? (own ? EXAMPLES[status] : shared!.example),
    })
  }
  return refusals
}
