/**
 * The demo clinic: the seed's Colombo Kidney Care, with patients on standing
 * Mon/Wed/Fri and Tue/Thu/Sat patterns, history behind today and bookings
 * ahead. Everything goes through the same service functions the desk uses (so
 * the audit trail is real), on a clock that walks through the weeks. The same
 * generator with bigger options makes the benchmark's ten-year clinic, and the
 * same seed always makes the same clinic.
 */
import { addDays, startOfWeek, weekdayOf, type Weekday } from '../../src-shared/dates.js'
import { bookAppointment, cancelAppointment, complete, noShow } from '../core/appointments.js'
import { createBed } from '../core/beds.js'
import { initialize } from '../core/center.js'
import { type Core, FixedClock, today } from '../core/core.js'
import { createPatient, deactivatePatient } from '../core/patients.js'
import { createDoctor, createStaff } from '../core/people.js'
import { generateSessions } from '../core/session-generator.js'
import { createTemplate } from '../core/templates.js'
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

export const DEFAULT_DEMO: Omit<DemoOptions, 'today'> = { beds: 10, sessionsPerDay: 3, weeksBack: 4, weeksAhead: 4, patients: 0, seed: 1 }

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

  const staffId = initialize(core, { centerName: 'Colombo Kidney Care', staffName: 'Anoma Fernando', staffRole: 'admin' }).staff[0]!.id
  createStaff(core, { staffId, fullName: 'Ruwan Jayasinghe', role: 'receptionist' })
  createStaff(core, { staffId, fullName: 'Sister Malini Perera', role: 'nurse' })
  const silva = createDoctor(core, { staffId, fullName: 'Dr. Silva', phone: '011 269 1111' })
  const rajan = createDoctor(core, { staffId, fullName: 'Dr. Rajaratnam', phone: '011 269 2222' })
  const isolationEvery = 10
  const beds = Array.from({ length: o.beds }, (_, i) =>
    createBed(core, { staffId, code: `BED-A${i + 1}`, isolation: (i + 1) % isolationEvery === 0 || (o.beds < isolationEvery && i === o.beds - 1), notes: '' }),
  )
  const times = SHIFT_TIMES[o.sessionsPerDay]
  for (const weekday of WEEKDAYS_OPEN) {
    times.forEach(([startTime, endTime], shift) => {
      createTemplate(core, {
        staffId,
        weekday,
        startTime,
        endTime,
        defaultCapacity: o.beds,
        doctorId: shift % 2 === 0 ? silva.id : rajan.id,
        label: ['Morning', 'Midday', 'Afternoon', 'Evening'][o.sessionsPerDay === 3 ? [0, 1, 2][shift]! : shift] ?? '',
      })
    })
  }

  let registered = 0
  const newPatient = (isolation: boolean, shift: number): number => {
    registered++
    const script = rnd.next()
    const [given, family] =
      script < 0.45 ? [ENGLISH_GIVEN, ENGLISH_FAMILY] : script < 0.75 ? [SINHALA_GIVEN, SINHALA_FAMILY] : [TAMIL_GIVEN, TAMIL_FAMILY]
    const year = 1940 + rnd.int(50)
    const dayOfYear = 1 + rnd.int(365) + (rnd.chance(0.5) ? 500 : 0)
    return createPatient(core, {
      staffId,
      fullName: `${rnd.pick(given)} ${rnd.pick(family)}`,
      clinicNumber: `CKC-${String(registered).padStart(5, '0')}`,
      nationalId: `${year}${String(dayOfYear).padStart(3, '0')}${String(rnd.int(10000)).padStart(4, '0')}${rnd.int(10)}`,
      phone: `07${rnd.int(9)} ${String(rnd.int(1000)).padStart(3, '0')} ${String(rnd.int(10000)).padStart(4, '0')}`,
      hepatitisB: isolation ? 'positive' : rnd.chance(0.9) ? 'negative' : 'unknown',
      preferredShift: rnd.chance(0.8) ? (['morning', 'afternoon', 'evening', 'evening'] as const)[Math.min(shift, 3)]! : 'any',
      notes: '',
      kind: 'regular',
      visitFrom: null,
      visitUntil: null,
    }).id
  }

  // Standing places: a pattern, a shift and a bed each; about 85% of them taken.
  const slots: Slot[] = []
  for (const pattern of PATTERNS) {
    for (let shift = 0; shift < times.length; shift++) {
      for (const bed of beds) {
        if (!rnd.chance(0.85)) continue
        slots.push({ pattern, shift, bedId: bed.id, isolation: bed.isolation, patientId: newPatient(bed.isolation, shift) })
      }
    }
  }
  const totalWeeks = o.weeksBack + o.weeksAhead
  const turnover = o.patients > slots.length ? (o.patients - slots.length) / (slots.length * Math.max(1, o.weeksBack)) : 0

  let appointments = 0
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
          }
        }
      }
      generateSessions(core, { staffId, from: today(core), to: addDays(monday, 6) })
      const sessions = core.sql.raw<{ id: number; session_date: string; start_time: string }>(
        'SELECT id, session_date, start_time FROM schedule_sessions WHERE session_date BETWEEN ? AND ? ORDER BY session_date, start_time',
        monday,
        addDays(monday, 6),
      )
      const byDayShift = new Map<string, number>()
      for (const s of sessions) byDayShift.set(`${s.session_date}|${times.findIndex(([start]) => start === s.start_time)}`, s.id)
      const booked: { id: number; date: string }[] = []
      for (const slot of slots) {
        for (let d = 0; d < 6; d++) {
          const date = addDays(monday, d)
          if (date < today(core) || !slot.pattern.includes(weekdayOf(date))) continue
          const ssid = byDayShift.get(`${date}|${slot.shift}`)
          if (ssid === undefined) continue
          const onBed = isPast || rnd.chance(0.97)
          const b = bookAppointment(core, { staffId, scheduleSessionId: ssid, patientId: slot.patientId, bedId: onBed ? slot.bedId : null })
          booked.push({ id: b.appointment.id, date })
          appointments++
        }
      }
      // What happened on the days already behind us.
      for (const a of booked) {
        if (a.date >= o.today) continue
        const r = rnd.next()
        if (r < 0.02) {
          cancelAppointment(core, { staffId, appointmentId: a.id, reason: rnd.pick(['Admitted to hospital', 'Travelling', 'Family event']) })
        }
      }
      for (let d = 0; d < 6; d++) {
        const date = addDays(monday, d)
        if (date >= o.today) break
        clock.setLocal(date, '23:30')
        for (const a of booked) {
          if (a.date !== date) continue
          const status = core.sql.raw<{ status: string }>('SELECT status FROM appointments WHERE id = ?', a.id)[0]!.status
          if (status !== 'scheduled') continue
          if (rnd.chance(0.03)) {
            noShow(core, { staffId, appointmentId: a.id, reason: rnd.pick(['hospital', 'unwell', 'transport', 'holiday', 'unknown'] as const), note: '' })
          } else {
            complete(core, { staffId, appointmentId: a.id })
          }
        }
      }
    })
    if (o.progress && (week % 26 === 25 || week === totalWeeks - 1)) o.progress(`  week ${week + 1} of ${totalWeeks} (${appointments} appointments)`)
  }
  return { patients: registered, appointments, from: firstMonday, to: lastSunday }
}
