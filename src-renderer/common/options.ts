/** The choices the contract allows, with the words the desk shows for them. */
import type {
  DateFormat,
  HepatitisB,
  IsolationRule,
  NoShowReason,
  PaperSize,
  PreferredShift,
  StaffRole,
} from '../../src-shared/model'
import { WEEKDAYS } from '../../src-shared/dates'

interface Option<T extends string> {
  value: T
  label: string
}

export const STAFF_ROLE_OPTIONS: Option<Exclude<StaffRole, 'system'>>[] = [
  { value: 'receptionist', label: 'Receptionist' },
  { value: 'nurse', label: 'Nurse' },
  { value: 'doctor', label: 'Doctor' },
  { value: 'manager', label: 'Manager' },
  { value: 'admin', label: 'Administrator' },
]

export const HEPATITIS_B_OPTIONS: Option<HepatitisB>[] = [
  { value: 'negative', label: 'Negative' },
  { value: 'positive', label: 'Positive (isolation bed)' },
  { value: 'unknown', label: 'Not known yet' },
]

export const SHIFT_OPTIONS: Option<PreferredShift>[] = [
  { value: 'any', label: 'Any shift' },
  { value: 'morning', label: 'Morning' },
  { value: 'afternoon', label: 'Afternoon' },
  { value: 'evening', label: 'Evening' },
]

export const NO_SHOW_OPTIONS: Option<NoShowReason>[] = [
  { value: 'hospital', label: 'In hospital' },
  { value: 'holiday', label: 'On holiday' },
  { value: 'unwell', label: 'Unwell' },
  { value: 'transport', label: 'No transport' },
  { value: 'unknown', label: 'Reason not known' },
]

export const DATE_FORMAT_OPTIONS: Option<DateFormat>[] = [
  { value: 'DD/MM/YYYY', label: 'DD/MM/YYYY (31/01/2026)' },
  { value: 'MM/DD/YYYY', label: 'MM/DD/YYYY (01/31/2026)' },
  { value: 'YYYY-MM-DD', label: 'YYYY-MM-DD (2026-01-31)' },
]

export const ISOLATION_OPTIONS: Option<IsolationRule>[] = [
  { value: 'enforce', label: 'Refuse' },
  { value: 'warn', label: 'Warn only' },
]

export const PAPER_OPTIONS: Option<PaperSize>[] = [
  { value: 'A4', label: 'A4' },
  { value: 'Letter', label: 'Letter' },
]

const WEEKDAY_NAMES = {
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
  Sun: 'Sunday',
} as const

export const WEEKDAY_OPTIONS = WEEKDAYS.map((d) => ({ value: d, label: WEEKDAY_NAMES[d] }))

export function labelOf<T extends string>(options: Option<T>[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value
}
