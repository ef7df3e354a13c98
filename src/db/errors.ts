// What PostgreSQL's errors mean for an answer. Services turn the races they expect into their own 409s; these
// are the net under everything else, so that no database refusal of a request's values is ever a 500.

interface DatabaseError {
  code?: string
  constraint?: string
}

const UNIQUE_VIOLATION = '23505'
const SERIALIZATION_FAILURE = '40001'
const DEADLOCK_DETECTED = '40P01'
/** Class 22: a value the database cannot take (out-of-range date, NUL in text, bad JSON escape…). */
const DATA_EXCEPTION_CLASS = '22'

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as DatabaseError
  return e?.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint)
}

type DatabaseRefusal = 'conflict' | 'bad_value'

/** How a database error should be answered, or null when it is not a refusal of the request. */
export function databaseRefusal(error: unknown): DatabaseRefusal | null {
  const code = (error as DatabaseError)?.code
  if (typeof code !== 'string' || code.length !== 5) return null
  if (code === UNIQUE_VIOLATION || code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED)
    return 'conflict'
  if (code.startsWith(DATA_EXCEPTION_CLASS)) return 'bad_value'
  return null
}
