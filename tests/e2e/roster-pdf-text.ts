/**
 * Reading a roster PDF back as a nurse would: with poppler's pdfinfo and
 * pdftotext, and the rows the roster should hold, written out from the data a
 * test set up (not from the desk's own roster code).
 */
import { expect, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { AppointmentView, DayBoard, HepatitisB } from '../../src-shared/model'

/** Chromium's PDF of the page as it prints (CSS page size and margins, no browser header or footer), kept under test-results/rosters/. */
export async function savePdf(page: Page, name: string): Promise<string> {
  fs.mkdirSync('test-results/rosters', { recursive: true })
  const file = path.resolve(`test-results/rosters/${name}.pdf`)
  await page.pdf({ path: file, preferCSSPageSize: true })
  return file
}

export const pdfInfo = (pdf: string) => execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
export const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(pdfInfo(pdf))![1])
/** A page laid out as printed: good for what sits on one line (the header, the totals). */
export const pageLayout = (pdf: string, n: number) =>
  execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], { encoding: 'utf8' })
/**
 * A page in the order its text was drawn: a table row's cells one after the
 * other, even when a long name wraps onto a second line. Joiners (ZWJ, ZWNJ)
 * are dropped, as text extraction may drop them, and the text is NFC.
 */
export const pageRaw = (pdf: string, n: number) =>
  plain(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-raw', pdf, '-'], { encoding: 'utf8' }))
export const plain = (s: string) => s.normalize('NFC').replace(/[\u200c\u200d]/g, '')

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Each bed's row as one line of single spaces, from its code to the next bed's
 * (the last one to the list under the table). Asserts the beds come in the
 * order given and that each is there.
 */
export function bedRows(raw: string, codes: string[]): string[] {
  const starts: number[] = []
  let from = 0
  for (const code of codes) {
    const m = new RegExp(`(^|\\n)${escape(code)}(?=[ \\n])`).exec(raw.slice(from))
    expect(m, `${code} after the beds before it`).not.toBeNull()
    const at = from + m!.index + m![1]!.length
    starts.push(at)
    from = at + code.length
  }
  const end = raw.indexOf('\nNot yet on a bed:', from)
  expect(end, 'the list under the table').toBeGreaterThan(0)
  return starts.map((at, i) =>
    raw
      .slice(at, starts[i + 1] ?? end)
      .replace(/\s+/g, ' ')
      .trim(),
  )
}

const STATUS_WORDS: Record<AppointmentView['status'], string> = {
  scheduled: 'Booked',
  checked_in: 'Arrived',
  completed: 'Done',
  cancelled: 'Cancelled',
  no_show: 'Did not come',
}
const MARKS: Record<HepatitisB, string | null> = { positive: 'HBV+', unknown: 'HBV?', negative: null }

export type RowPatient = Pick<AppointmentView, 'patientName' | 'clinicNumber' | 'hepatitisB' | 'status'>

/** A bed's row as the nurse reads it: "BED-A10 Nimal Perera CKC-7 HBV+ ISO Booked", "BED-A4 — Pump broken — Blocked", "BED-A6 Free". */
export function rowOf(code: string, isolation: boolean, cell: { patient?: RowPatient; blocked?: string } = {}): string {
  const p = cell.patient
  const name = cell.blocked !== undefined ? `— ${cell.blocked} —` : p?.patientName
  const status = p ? STATUS_WORDS[p.status] : cell.blocked !== undefined ? 'Blocked' : 'Free'
  return plain(
    [code, name, p?.clinicNumber, p ? MARKS[p.hepatitisB] : null, isolation ? 'ISO' : null, status]
      .filter(Boolean)
      .join(' '),
  )
}

/** The row of a board.day cell. */
export function boardRow(board: DayBoard, cell: DayBoard['sessions'][number]['cells'][number]): string {
  const bed = board.beds.find((b) => b.id === cell.bedId)!
  return rowOf(
    bed.code,
    bed.isolation,
    cell.status === 'blocked'
      ? { blocked: cell.blockedReason ?? 'Blocked' }
      : cell.appointment
        ? { patient: cell.appointment }
        : {},
  )
}

/** "HH:MM" on this computer's clock: the roster prints its time the same way. */
export const clockTime = (d: Date) =>
  `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`

/** What the footer may say when the PDF was made between two instants: "Printed 02/12/2026 15:29" for each minute in between. */
export function printedLines(from: Date, to: Date, dateFormat: (date: string) => string): string[] {
  const out: string[] = []
  const t = new Date(from)
  t.setSeconds(0, 0)
  for (; t.getTime() <= to.getTime(); t.setTime(t.getTime() + 60_000)) {
    const date = `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`
    out.push(`Printed ${dateFormat(date)} ${clockTime(t)}`)
  }
  return out
}
