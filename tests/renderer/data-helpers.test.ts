import { describe, expect, it } from 'vitest'
import { eventTouches } from '../../src-renderer/data/event-match'
import { fieldErrors } from '../../src-renderer/data/field-errors'
import { parseHash, toHash } from '../../src-renderer/routing/route'
import { rangeFor, sessionTitle, eventLook } from '../../src-renderer/calendar/session-events'

describe('which changes a screen re-reads for', () => {
  const board = { tables: ['appointments', 'session_beds'] as const, dates: { from: '2026-03-10', to: '2026-03-10' } }

  it('re-reads for a change to its tables on its dates', () => {
    expect(eventTouches({ kind: 'change', tables: ['appointments', 'audit_log'], dates: ['2026-03-10'] }, board)).toBe(
      true,
    )
  })

  it('ignores other dates and other tables', () => {
    expect(eventTouches({ kind: 'change', tables: ['appointments'], dates: ['2026-03-11'] }, board)).toBe(false)
    expect(eventTouches({ kind: 'change', tables: ['patients', 'audit_log'], dates: [] }, board)).toBe(false)
  })

  it('re-reads for a change of its tables not tied to dates, and for any outside change', () => {
    expect(eventTouches({ kind: 'change', tables: ['session_beds'], dates: [] }, board)).toBe(true)
    expect(eventTouches({ kind: 'external-change' }, board)).toBe(true)
    expect(eventTouches({ kind: 'reload' }, { tables: [] })).toBe(true)
  })

  it('matches a date range at both ends', () => {
    const month = { tables: ['schedule_sessions'] as const, dates: { from: '2026-03-01', to: '2026-03-31' } }
    expect(eventTouches({ kind: 'change', tables: ['schedule_sessions'], dates: ['2026-03-31'] }, month)).toBe(true)
    expect(eventTouches({ kind: 'change', tables: ['schedule_sessions'], dates: ['2026-04-01'] }, month)).toBe(false)
  })
})

describe('field errors from a refusal', () => {
  it('takes the first problem of each field from the validation issues', () => {
    const errors = fieldErrors({
      code: 'VALIDATION',
      message: 'Some of the details entered are not valid: fullName must not be empty; phone may hold only digits.',
      details: {
        issues: [
          { field: 'fullName', message: 'must not be empty' },
          { field: 'fullName', message: 'is too short' },
          { field: 'phone', message: 'may hold only digits, spaces, +, ( ) and dashes' },
        ],
      },
    })
    expect(errors).toEqual({ fullName: 'Must not be empty', phone: 'May hold only digits, spaces, +, ( ) and dashes' })
  })

  it('puts a clash on the field it names, in the desk’s own sentence', () => {
    expect(
      fieldErrors({
        code: 'DUPLICATE',
        message: 'Clinic number C-1 already belongs to Nimal Perera.',
        details: { field: 'clinicNumber' },
      }),
    ).toEqual({
      clinicNumber: 'Clinic number C-1 already belongs to Nimal Perera.',
    })
  })

  it('has nothing to mark for a refusal without field details', () => {
    expect(fieldErrors({ code: 'BED_TAKEN', message: 'That bed is already taken in this session.' })).toEqual({})
    expect(fieldErrors(null)).toEqual({})
  })
})

describe('routes in the address hash', () => {
  it('reads and writes a screen with its parameters', () => {
    expect(parseHash('#/board?date=2026-03-10')).toEqual({ screen: 'board', params: { date: '2026-03-10' } })
    expect(toHash({ screen: 'setup', params: { tab: 'beds', empty: '' } })).toBe('#/setup?tab=beds')
    expect(parseHash(toHash({ screen: 'patients', params: { id: '7', new: '1' } }))).toEqual({
      screen: 'patients',
      params: { id: '7', new: '1' },
    })
  })

  it('opens the board for an empty or unknown address', () => {
    expect(parseHash('')).toEqual({ screen: 'board', params: {} })
    expect(parseHash('#/nowhere')).toEqual({ screen: 'board', params: {} })
  })
})

describe('calendar events', () => {
  it('reads enough days around a month to fill its first and last weeks', () => {
    expect(rangeFor('month', '2026-03-17')).toEqual({ from: '2026-02-22', to: '2026-04-12' })
    expect(rangeFor('day', '2026-03-17')).toEqual({ from: '2026-03-17', to: '2026-03-17' })
  })

  it('titles a session with its time and free places, and colours it by state', () => {
    const s = {
      id: 1,
      templateId: 1,
      date: '2026-03-17',
      startTime: '08:00',
      endTime: '12:00',
      status: 'scheduled' as const,
      cancelReason: null,
      doctorId: null,
      doctorName: null,
      label: 'Morning',
      capacity: 4,
      booked: 4,
      free: 0,
    }
    expect(sessionTitle(s)).toBe('08:00–12:00 · 0/4 free · Morning')
    expect(eventLook(s)).toBe('full')
    expect(eventLook({ ...s, status: 'cancelled' })).toBe('cancelled')
    expect(sessionTitle({ ...s, status: 'cancelled' })).toBe('08:00–12:00 · cancelled · Morning')
  })
})
