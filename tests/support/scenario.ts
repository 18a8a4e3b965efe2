/**
 * A clinic with two weeks of dated sessions and a way to register patients
 * quickly: the starting point of most service tests.
 */
import { addDays } from '../../src-shared/dates.js'
import type { HepatitisB, Patient, ScheduleSession } from '../../src-shared/model.js'
import { MONDAY, setUpClinic, type SmallClinic, type TestDesk } from './clinic.js'

export interface Scenario extends SmallClinic {
  desk: TestDesk
  /** The dated session of a date starting at a time (06:00, 10:30 or 15:00). */
  session(date: string, startTime: string): Promise<ScheduleSession>
  patient(
    fullName?: string,
    fields?: { hepatitisB?: HepatitisB; nationalId?: string; phone?: string; clinicNumber?: string },
  ): Promise<Patient>
  bed(code: string): number
}

export const TUESDAY = addDays(MONDAY, 1)
export const WEDNESDAY = addDays(MONDAY, 2)
export const NEXT_MONDAY = addDays(MONDAY, 7)

export async function scenario(desk: TestDesk, options: { beds?: number; days?: number } = {}): Promise<Scenario> {
  const clinic = await setUpClinic(desk, options.beds === undefined ? {} : { beds: options.beds })
  await desk.call('schedule.generate', {
    staffId: clinic.staffId,
    from: MONDAY,
    to: addDays(MONDAY, (options.days ?? 14) - 1),
  })
  let n = 0
  return {
    ...clinic,
    desk,
    async session(date, startTime) {
      const all = await desk.call('schedule.range', { from: date, to: date })
      const s = all.find((x) => x.startTime === startTime)
      if (!s) throw new Error(`no session on ${date} at ${startTime}`)
      return s
    },
    async patient(fullName, fields = {}) {
      n++
      return desk.call('patient.create', {
        staffId: clinic.staffId,
        fullName: fullName ?? `Patient ${n}`,
        clinicNumber: fields.clinicNumber ?? `CKC-${String(n).padStart(4, '0')}`,
        hepatitisB: fields.hepatitisB ?? 'negative',
        ...(fields.nationalId !== undefined && { nationalId: fields.nationalId }),
        ...(fields.phone !== undefined && { phone: fields.phone }),
      })
    },
    bed(code) {
      const id = clinic.beds[code]
      if (id === undefined) throw new Error(`no bed ${code}`)
      return id
    },
  }
}
