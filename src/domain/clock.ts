// Today's date is the date in England and Wales, whatever the server's time zone.

export interface Clock {
  now(): Date
  /** YYYY-MM-DD in Europe/London. */
  today(): string
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

export function londonDateOf(instant: Date): string {
  return londonDate.format(instant)
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDateOf(new Date()),
}

export function fixedClock(isoInstant: string): Clock {
  const instant = new Date(isoInstant)
  return { now: () => new Date(instant), today: () => londonDateOf(instant) }
}
