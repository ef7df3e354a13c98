import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  bankHolidays,
  foiDueDate,
  foiWorkingDaysUsed,
  isWorkingDay,
  workingDaysBetween,
} from './working-days.ts'

describe('England and Wales bank holidays', () => {
  it('include substitute days and one-off holidays', () => {
    expect(bankHolidays(2021)).toEqual(
      expect.arrayContaining(['2021-12-27', '2021-12-28', '2021-05-03', '2021-04-02', '2021-04-05']),
    )
    expect(bankHolidays(2022)).toEqual(
      expect.arrayContaining(['2022-01-03', '2022-06-02', '2022-06-03', '2022-09-19']),
    )
    expect(bankHolidays(2023)).toEqual(expect.arrayContaining(['2023-05-01', '2023-05-08', '2023-01-02']))
    // 2020's early May bank holiday moved to Friday 8 May for the 75th anniversary of VE Day.
    expect(bankHolidays(2020)).toContain('2020-05-08')
    expect(bankHolidays(2020)).not.toContain('2020-05-04')
    expect(bankHolidays(2026)).toEqual(expect.arrayContaining(['2026-12-25', '2026-12-28']))
  })

  it('leave Scottish-only holidays out', () => {
    expect(isWorkingDay('2024-01-02')).toBe(true)
    expect(isWorkingDay('2024-08-05')).toBe(true)
    expect(isWorkingDay('2024-11-29')).toBe(true)
  })
})

describe('FOI due dates: 20 working days from the day after receipt', () => {
  it('counts a plain month', () => {
    // Received Monday 2 September 2024: 20 working days is Monday 30 September.
    expect(foiDueDate('2024-09-02')).toBe('2024-09-30')
  })

  it('starts counting the day after receipt, also for a request received at a weekend', () => {
    // Received Saturday 7 September 2024: day 1 is Monday 9th, day 20 is Friday 4 October.
    expect(foiDueDate('2024-09-07')).toBe('2024-10-04')
    expect(foiDueDate('2024-09-06')).toBe('2024-10-04')
  })

  it('skips Christmas and the substitute days (2021: 25-28 December, 3 January 2022)', () => {
    // Received Wed 1 Dec 2021. Working days: 2-3 Dec (2), 6-10 (7), 13-17 (12), 20-24 (17),
    // 27-28 Dec substitutes, 29-31 Dec (20) → Friday 31 December 2021.
    expect(foiDueDate('2021-12-01')).toBe('2021-12-31')
    // Received Mon 6 Dec 2021: 7-10 (4), 13-17 (9), 20-24 (14), 29-31 (17), 3 Jan holiday, 4-6 Jan (20).
    expect(foiDueDate('2021-12-06')).toBe('2022-01-06')
  })

  it('skips Christmas 2024 (25 and 26 December, 1 January)', () => {
    // Received Mon 9 Dec 2024: 10-13 (4), 16-20 (9), 23-24, 27 (12), 30-31 (14), 2-3 Jan (16), 6-9 Jan (20).
    expect(foiDueDate('2024-12-09')).toBe('2025-01-09')
  })

  it('skips Good Friday and Easter Monday (2025: 18 and 21 April)', () => {
    // Received Tue 1 Apr 2025: 2-4 (3), 7-11 (8), 14-17 (12), 22-25 (16), 28 Apr-1 May (20).
    expect(foiDueDate('2025-04-01')).toBe('2025-05-01')
  })

  it('skips the early May bank holiday (2025: 5 May; 2023: 1 May and the coronation on 8 May)', () => {
    // Received Thu 10 Apr 2025: 11 (1), 14-17 (5), 22-25 (9), 28 Apr-2 May (14), 6-9 May (18), 12-13 (20).
    expect(foiDueDate('2025-04-10')).toBe('2025-05-13')
    // Received Mon 17 Apr 2023: 18-21 (4), 24-28 (9), 2-5 May (13), 9-12 (17), 15-17 (20).
    expect(foiDueDate('2023-04-17')).toBe('2023-05-17')
  })

  it('agrees with the generic counters', () => {
    for (const received of ['2021-12-01', '2025-04-01', '2023-04-17', '2022-09-01']) {
      const due = foiDueDate(received)!
      expect(addWorkingDays(received, 20)).toBe(due)
      expect(workingDaysBetween(received, due)).toBe(20)
      expect(isWorkingDay(due)).toBe(true)
    }
  })

  it('skips the 2022 Jubilee days and the Queen’s funeral', () => {
    // Received Wed 25 May 2022: 26-27 (2), 30 May-1 Jun (5), 6-10 (10), 13-17 (15), 20-24 (20).
    expect(foiDueDate('2022-05-25')).toBe('2022-06-24')
    // Received Thu 1 Sep 2022: 2 (1), 5-9 (6), 12-16 (11), 20-23 (15), 26-30 (20).
    expect(foiDueDate('2022-09-01')).toBe('2022-09-30')
  })
})

describe('clock pauses for clarification', () => {
  it('stops on the day clarification is sought and restarts the day after the answer', () => {
    // Received Mon 2 Sep 2024; 3-6 Sep counted (4). Clarification sought Mon 9 Sep, answered Wed 11 Sep:
    // 9-11 do not count. From Thu 12: 12-13 (6), 16-20 (11), 23-27 (16), 30 Sep-3 Oct (20).
    expect(foiDueDate('2024-09-02', [{ from: '2024-09-09', to: '2024-09-11' }])).toBe('2024-10-03')
    expect(foiDueDate('2024-09-02')).toBe('2024-09-30')
  })

  it('has no due date while a pause is open', () => {
    expect(foiDueDate('2024-09-02', [{ from: '2024-09-09', to: null }])).toBeNull()
  })

  it('counts several pauses', () => {
    const pauses = [
      { from: '2024-09-04', to: '2024-09-04' },
      { from: '2024-09-16', to: '2024-09-17' },
    ]
    // 3 Sep (1), 5-6 (3), 9-13 (8), 18-20 (11), 23-27 (16), 30 Sep-3 Oct (20).
    expect(foiDueDate('2024-09-02', pauses)).toBe('2024-10-03')
  })

  it('counts the working days used, frozen while paused', () => {
    expect(foiWorkingDaysUsed('2024-09-02', [], '2024-09-06')).toBe(4)
    expect(foiWorkingDaysUsed('2024-09-02', [{ from: '2024-09-09', to: null }], '2024-09-20')).toBe(4)
  })
})
