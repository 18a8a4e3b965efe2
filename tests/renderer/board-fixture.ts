/** A small day board built by hand, shaped like the desk's board.day answer. */
import type { AppointmentView, Bed, BoardSession, DayBoard } from '../../src-shared/model'

export const DATE = '2026-03-10'

export function bed(id: number, code: string, extra: Partial<Bed> = {}): Bed {
  return { id, code, isolation: false, inService: true, active: true, position: id, notes: '', ...extra }
}

let nextId = 100
export function appointment(
  extra: Partial<AppointmentView> & Pick<AppointmentView, 'scheduleSessionId' | 'patientId' | 'patientName'>,
): AppointmentView {
  return {
    id: nextId++,
    bedId: null,
    staffId: 1,
    doctorId: null,
    status: 'scheduled',
    cancelReason: null,
    noShowReason: null,
    checkedInAt: null,
    completedAt: null,
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    clinicNumber: `C-${extra.patientId}`,
    hepatitisB: 'negative',
    bedCode: null,
    date: DATE,
    startTime: '08:00',
    endTime: '12:00',
    sessionLabel: '',
    standing: false,
    oneOff: false,
    visiting: false,
    makeUpForId: null,
    ...extra,
  }
}

export function session(
  id: number,
  startTime: string,
  endTime: string,
  beds: Bed[],
  appointments: AppointmentView[] = [],
  extra: Partial<BoardSession> = {},
): BoardSession {
  const mine = appointments.filter((a) => a.scheduleSessionId === id)
  const active = mine.filter((a) => a.status !== 'cancelled' && a.status !== 'no_show')
  const capacity = extra.capacity ?? beds.length
  return {
    id,
    templateId: 1,
    date: DATE,
    startTime,
    endTime,
    status: 'scheduled',
    cancelReason: null,
    doctorId: null,
    doctorName: null,
    label: '',
    capacity,
    booked: active.length,
    free: Math.max(0, capacity - active.length),
    cells: beds.map((b) => ({
      bedId: b.id,
      status: !b.inService ? 'blocked' : active.some((a) => a.bedId === b.id) ? 'reserved' : 'available',
      blockedReason: !b.inService ? 'Out of service' : null,
      appointment: active.find((a) => a.bedId === b.id) ?? null,
    })),
    unassigned: active.filter((a) => a.bedId === null),
    inactive: mine.filter((a) => a.status === 'cancelled' || a.status === 'no_show'),
    ...extra,
  }
}

export function day(beds: Bed[], sessions: BoardSession[]): DayBoard {
  return { date: DATE, beds, sessions }
}
