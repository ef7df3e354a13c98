// Refuses, with a 400 naming the field, any request whose query, path or body carries text the database cannot
// store (NUL and other control characters, lone UTF-16 surrogates), before any route or page sees it. Schemas and
// services check the same rule for their own fields; this makes it hold for every route, typed or not.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { unstorableText } from '../domain/input-text.ts'
import { invalid, type FieldProblem } from './errors.ts'

const MAX_PROBLEMS = 20
/** No form or API body is nested this deep; deeper is refused rather than walked. */
const MAX_DEPTH = 32

function collect(value: unknown, path: string, problems: FieldProblem[], depth = 0): void {
  if (problems.length >= MAX_PROBLEMS) return
  if (depth > MAX_DEPTH) {
    problems.push({ path, message: 'is nested too deeply' })
    return
  }
  if (typeof value === 'string') {
    const problem = unstorableText(value)
    if (problem) problems.push({ path, message: problem })
    return
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, path ? `${path}.${i}` : String(i), problems, depth + 1))
    return
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key
      const keyProblem = unstorableText(key)
      if (keyProblem) problems.push({ path: at, message: `has a name that ${keyProblem}` })
      else collect(item, at, problems, depth + 1)
    }
  }
}

function unstorableFields(request: FastifyRequest): FieldProblem[] {
  const problems: FieldProblem[] = []
  collect(request.params, '', problems)
  collect(request.query, '', problems)
  collect(request.body, '', problems)
  return problems
}

/** Register after authentication, so that a caller who is not signed in hears that first. */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problems = unstorableFields(request)
    if (problems.length)
      throw invalid(problems, 'The request has characters that cannot be stored; see fields')
  })
}
