/**
 * The demo clinic: the seed's Colombo Kidney Care, with patients on standing
 * Mon/Wed/Fri and Tue/Thu/Sat patterns, history behind today and bookings
 * ahead. Everything goes through the same service functions the desk uses (so
 * the audit trail is real), on a clock that walks through the weeks. The same
 * generator with bigger options makes the benchmark's ten-year clinic, and the
 * same seed always makes the same clinic.
 */
import { addDays, startOfWeek, type Weekday } from '../../src-shared/dates.js'
import {
  assignBed,
  bookAppointment,
  cancelAppointment,
  completeSession,
  noShow,
} from '../core/appointments/appointments.js'
import { createBed } from '../core/beds/beds.js'
import { initialize } from '../core/center/center.js'
import { type Core, FixedClock, today } from '../core/core.js'
import { createPatient, deactivatePatient } from '../core/people/patients.js'
import { createDoctor, createStaff } from '../core/people/staff-and-doctors.js'
import { generateSessions } from '../core/sessions/session-generator.js'
import { setStanding } from '../core/standing/standing-schedules.js'
import { createTemplate } from '../core/sessions/templates.js'
import { addWaiting } from '../core/standing/waiting-list.js'
import { inOneTransaction } from '../core/write.js'
import { ENGLISH_FAMILY, ENGLISH_GIVEN, SINHALA_FAMILY, SINHALA_GIVEN, TAMIL_FAMILY, TAMIL_GIVEN } from './names.js'
import { Random } from './random.js'

export interface DemoOptions {
  beds: number
  sessionsPerDay: 3 | 4
  /** Weeks of history before this week. */
  weeksBack: number
  /** Weeks booked from this week on. */
  weeksAhead: number
  /** Patients over the whole history: more than the places means patients come and go. */
  patients: number
  seed: number
  /** The day the clinic calls today (YYYY-MM-DD). */
  today: string
  /** Called now and then with a line of progress. */
  progress?: (line: string) => void
}

export const DEFAULT_DEMO: Omit<DemoOptions, 'today'> = {
  beds: 10,
  sessionsPerDay: 3,
  weeksBack: 4,
  weeksAhead: 4,
  patients: 0,
  seed: 1,
}

const SHIFT_TIMES: Record<3 | 4, [string, string][]> = {
  3: [
    ['06:00', '10:00'],
    ['10:30', '14:30'],
    ['15:00', '19:00'],
  ],
  4: [
    ['05:30', '09:30'],
    ['10:00', '14:00'],
    ['14:30', '18:30'],
    ['19:00', '23:00'],
  ],
}
const PATTERNS: Weekday[][] = [
  ['Mon', 'Wed', 'Fri'],
  ['Tue', 'Thu', 'Sat'],
]
const WEEKDAYS_OPEN: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

interface Slot {
  pattern: Weekday[]
  shift: number
  bedId: number
  isolation: boolean
  patientId: number
}

export interface DemoSummary {
  patients: number
  appointments: number
  from: string
  to: string
}

export function generateDemo(core: Core, clock: FixedClock, o: DemoOptions): DemoSummary {
  const rnd = new Random(o.seed)
  const firstMonday = addDays(startOfWeek(o.today), -7 * o.weeksBack)
  const lastSunday = addDays(startOfWeek(o.today), 7 * o.weeksAhead - 1)
  clock.setLocal(addDays(firstMonday, -1), '09:00')

  const staffId = initialize(core, {
    centerName: 'Colombo Kidney Care',
    staffName: 'Anoma Fernando',
    staffRole: 'admin',
  }).staff[0]!.id
  createStaff(core, { staffId, fullName: 'Ruwan Jayasinghe', role: 'receptionist' })
  createStaff(core, { staffId, fullName: 'Sister Malini Perera', role: 'nurse' })
  const silva = createDoctor(core, { staffId, fullName: 'Dr. Silva', phone: '011 269 1111' })
  const rajan = createDoctor(core, { staffId, fullName: 'Dr. Rajaratnam', phone: '011 269 2222' })
  const isolationEvery = 10
  const beds = Array.from({ length: o.beds }, (_, i) =>
    createBed(core, {
      staffId,
      code: `BED-A${i + 1}`,
      isolation: (i + 1) % isolationEvery === 0 || (o.beds < isolationEvery && i === o.beds - 1),
      notes: '',
    }),
  )
  const times = SHIFT_TIMES[o.sessionsPerDay]
  const templateOf = new Map<string, number>()
  for (const weekday of WEEKDAYS_OPEN) {
    times.forEach(([startTime, endTime], shift) => {
      const t = createTemplate(core, {
        staffId,
        weekday,
        startTime,
        endTime,
        defaultCapacity: o.beds,
        doctorId: shift % 2 === 0 ? silva.id : rajan.id,
        label:
          (o.sessionsPerDay === 3 ? ['Morning', 'Midday', 'Afternoon'] : ['Early', 'Morning', 'Afternoon', 'Evening'])[
            shift
          ] ?? '',
      })
      templateOf.set(`${weekday}|${shift}`, t.id)
    })
  }

  let registered = 0
  const newPatient = (isolation: boolean, shift: number, visit?: { from: string; until: string }): number => {
    registered++
    const script = rnd.next()
    const [given, family] =
      script < 0.45
        ? [ENGLISH_GIVEN, ENGLISH_FAMILY]
        : script < 0.75
          ? [SINHALA_GIVEN, SINHALA_FAMILY]
          : [TAMIL_GIVEN, TAMIL_FAMILY]
    const year = 1940 + rnd.int(50)
    const dayOfYear = 1 + rnd.int(365) + (rnd.chance(0.5) ? 500 : 0)
    return createPatient(core, {
      staffId,
      fullName: `${rnd.pick(given)} ${rnd.pick(family)}`,
      clinicNumber: `${visit ? 'VIS' : 'CKC'}-${String(registered).padStart(5, '0')}`,
      nationalId: `${year}${String(dayOfYear).padStart(3, '0')}${String(rnd.int(10000)).padStart(4, '0')}${rnd.int(10)}`,
      phone: `07${rnd.int(9)} ${String(rnd.int(1000)).padStart(3, '0')} ${String(rnd.int(10000)).padStart(4, '0')}`,
      hepatitisB: isolation ? 'positive' : rnd.chance(0.9) ? 'negative' : 'unknown',
      preferredShift: rnd.chance(0.8)
        ? (['morning', 'afternoon', 'evening', 'evening'] as const)[Math.min(shift, 3)]!
        : 'any',
      notes: '',
      kind: visit ? 'visiting' : 'regular',
      visitFrom: visit?.from ?? null,
      visitUntil: visit?.until ?? null,
    }).id
  }
  const keepPlace = (slot: Slot, from: string) =>
    setStanding(core, {
      staffId,
      patientId: slot.patientId,
      from,
      until: null,
      slots: slot.pattern.map((weekday) => ({
        weekday,
        templateId: templateOf.get(`${weekday}|${slot.shift}`)!,
        bedId: slot.bedId,
      })),
    })

  // Standing places: a pattern, a shift and a bed each; about 85% of them taken.
  const slots: Slot[] = []
  for (const pattern of PATTERNS) {
    for (let shift = 0; shift < times.length; shift++) {
      for (const bed of beds) {
        if (!rnd.chance(0.85)) continue
        const slot = {
          pattern,
          shift,
          bedId: bed.id,
          isolation: bed.isolation,
          patientId: newPatient(bed.isolation, shift),
        }
        keepPlace(slot, firstMonday)
        slots.push(slot)
      }
    }
  }
  const totalWeeks = o.weeksBack + o.weeksAhead
  const turnover =
    o.patients > slots.length ? (o.patients - slots.length) / (slots.length * Math.max(1, o.weeksBack)) : 0

  for (let week = 0; week < totalWeeks; week++) {
    const monday = addDays(firstMonday, 7 * week)
    const isPast = monday < startOfWeek(o.today)
    clock.setLocal(monday < o.today ? monday : o.today, '00:01')
    inOneTransaction(core, () => {
      // Patients leave (a transplant, a move) and new ones take their place.
      if (isPast) {
        for (const slot of slots) {
          if (turnover > 0 && rnd.chance(turnover)) {
            deactivatePatient(core, { staffId, id: slot.patientId, cancelUpcoming: true })
            slot.patientId = newPatient(slot.isolation, slot.shift)
            keepPlace(slot, today(core))
          }
        }
      }
      // Generating the week books every standing patient into it.
      generateSessions(core, { staffId, from: monday > today(core) ? monday : today(core), to: addDays(monday, 6) })
      const booked = core.sql.raw<{ id: number; date: string }>(
        `SELECT a.id, ss.session_date AS date FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
         WHERE ss.session_date BETWEEN ? AND ? AND a.status = 'scheduled' ORDER BY ss.session_date, ss.start_time, a.id`,
        monday > today(core) ? monday : today(core),
        addDays(monday, 6),
      )
      for (const a of booked) {
        if (a.date >= o.today) {
          // Ahead: now and then a patient not yet on a bed for the day (a one-off change).
          if (rnd.chance(0.03)) assignBed(core, { staffId, appointmentId: a.id, bedId: null })
        } else if (rnd.chance(0.02)) {
          cancelAppointment(core, {
            staffId,
            appointmentId: a.id,
            reason: rnd.pick(['Admitted to hospital', 'Travelling', 'Family event']),
          })
        }
      }
      // What happened on the days already behind us: a few did not come; the nurses closed each session.
      for (let d = 0; d < 6; d++) {
        const date = addDays(monday, d)
        if (date >= o.today) break
        clock.setLocal(date, '23:30')
        for (const a of booked) {
          if (a.date !== date || !rnd.chance(0.03)) continue
          const status = core.sql.raw<{ status: string }>('SELECT status FROM appointments WHERE id = ?', a.id)[0]!
            .status
          if (status !== 'scheduled') continue
          noShow(core, {
            staffId,
            appointmentId: a.id,
            reason: rnd.pick(['hospital', 'unwell', 'transport', 'holiday', 'unknown'] as const),
            note: '',
          })
        }
        for (const s of core.sql.raw<{ id: number }>(
          "SELECT id FROM schedule_sessions WHERE session_date = ? AND status = 'scheduled' ORDER BY start_time",
          date,
        )) {
          completeSession(core, { staffId, scheduleSessionId: s.id })
        }
      }
    })
    if (o.progress && (week % 26 === 25 || week === totalWeeks - 1)) o.progress(`  week ${week + 1} of ${totalWeeks}`)
  }

  // The week ahead: two visiting patients where there is room, and two patients waiting for a place.
  clock.setLocal(o.today, '08:00')
  inOneTransaction(core, () => {
    for (let v = 0; v < 2; v++) {
      const from = addDays(o.today, 1 + v)
      const visitor = newPatient(false, v, { from, until: addDays(from, 6) })
      const open = core.sql.raw<{ id: number }>(
        `SELECT ss.id FROM schedule_sessions ss WHERE ss.session_date BETWEEN ? AND ? AND ss.status = 'scheduled'
         AND (SELECT count(*) FROM appointments a WHERE a.schedule_session_id = ss.id AND a.status IN ('scheduled', 'checked_in', 'completed'))
           < (SELECT count(*) FROM session_beds sb WHERE sb.schedule_session_id = ss.id AND sb.status <> 'blocked')
         ORDER BY ss.session_date, ss.start_time`,
        from,
        addDays(from, 6),
      )
      const seen = new Set<string>()
      for (const s of open) {
        const date = core.sql.raw<{ d: string }>(
          'SELECT session_date AS d FROM schedule_sessions WHERE id = ?',
          s.id,
        )[0]!.d
        if (seen.has(date) || seen.size >= 3) continue
        seen.add(date)
        bookAppointment(core, { staffId, scheduleSessionId: s.id, patientId: visitor, bedId: null })
      }
    }
    for (let w = 0; w < 2; w++) {
      addWaiting(core, {
        staffId,
        patientId: newPatient(false, w),
        weekdays: PATTERNS[w]!,
        shift: w === 0 ? 'morning' : 'evening',
        note: 'Referred by the hospital',
      })
    }
  })
  const appointments = core.sql.raw<{ n: number }>('SELECT count(*) AS n FROM appointments')[0]!.n
  return { patients: registered, appointments, from: firstMonday, to: lastSunday }
}
