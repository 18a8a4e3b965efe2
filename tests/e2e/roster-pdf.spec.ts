/**
 * The printed roster, made as a PDF by Chromium from the roster page exactly
 * as a receptionist prints it, then read back with poppler (pdfinfo, pdftotext).
 * What each page should say is written out from what the test itself set up
 * on the day (its own staff member, patients, a blocked bed), and for the rest
 * of the demo's beds from the day's board.
 */
import { expect, test, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { addDays, localDateTime, weekdayOf } from '../../src-shared/dates'
import { formatDate } from '../../src-shared/format'
import type { DayBoard, Patient, Staff } from '../../src-shared/model'
import { buildDemo } from '../../src-main/cli/demo'
import { api } from './desk-helpers'
import { startTestHost, type TestHost } from './host'
import {
  bedRows,
  boardRow,
  pageCount,
  pageLayout,
  pageRaw,
  pdfInfo,
  plain,
  printedLines,
  savePdf,
} from './roster-pdf-text'

const today = localDateTime(new Date()).date
/** The next Wednesday after today: a demo day ahead, with its bookings. */
let day = addDays(today, 1)
while (weekdayOf(day) !== 'Wed') day = addDays(day, 1)
const ddmmyyyy = (d: string) => formatDate(d, 'DD/MM/YYYY')

function demoFolder(options: { beds: number; sessionsPerDay: 3 | 4; seed: number }): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-roster-'))
  buildDemo(folder, { ...options, weeksBack: 1, weeksAhead: 3, patients: 0, today })
  return folder
}

async function rosterPdf(page: Page, host: TestHost, query: string, name: string): Promise<string> {
  await page.goto(host.launchUrl)
  await page.goto(`${host.base}/roster.html?${query}`)
  await expect(page.locator('body[data-ready="true"]')).toHaveCount(1)
  return savePdf(page, name)
}

test.describe('the roster of a demo day', () => {
  let host: TestHost
  test.beforeAll(async () => {
    host = await startTestHost({ dataFolder: demoFolder({ beds: 10, sessionsPerDay: 3, seed: 7 }) })
  })
  test.afterAll(async () => host.stop())

  test('has one page per session: every bed in order with its patient, number, marks and status, a blocked bed, the unassigned, the totals, who printed it and when', async ({
    page,
  }) => {
    const admin = 1
    const before = await api<DayBoard>(host, 'board.day', { date: day })
    expect(before.sessions).toHaveLength(3)
    const first = before.sessions[0]!
    const codeOf = (bedId: number) => before.beds.find((b) => b.id === bedId)!.code
    const iso = before.beds.find((b) => b.isolation)!
    const [plainA, plainB] = before.beds.filter((b) => !b.isolation)

    // What this test sets up in the first session: its own patients on the isolation bed and on a plain bed,
    // a bed blocked, one patient not on a bed yet. Whoever the demo had on those beds is cancelled first,
    // and enough others to leave room once the blocked bed no longer counts.
    const freed: number[] = []
    for (const bed of [iso, plainA!, plainB!]) {
      const a = first.cells.find((c) => c.bedId === bed.id)!.appointment
      if (a) freed.push(a.id)
    }
    const others = [
      ...first.unassigned,
      ...first.cells.flatMap((c) => (c.appointment && !freed.includes(c.appointment.id) ? [c.appointment] : [])),
    ]
    const capacity = first.capacity - 1
    while (first.booked - freed.length + 3 > capacity) freed.push(others.shift()!.id)
    for (const id of freed)
      await api(host, 'appointment.cancel', { staffId: admin, appointmentId: id, reason: 'Moved for the roster test' })

    const printer = await api<Staff>(host, 'staff.create', {
      staffId: admin,
      fullName: 'Dilani Jayawardena',
      role: 'receptionist',
    })
    const patient = (fullName: string, clinicNumber: string, hepatitisB: Patient['hepatitisB']) =>
      api<Patient>(host, 'patient.create', { staffId: admin, fullName, clinicNumber, hepatitisB })
    const tharaka = await patient('Tharaka Gunasekara', 'T-101', 'positive')
    const priya = await patient('Priya Nadarajah', 'T-102', 'unknown')
    const sunil = await patient('Sunil Abeysekera', 'T-103', 'negative')
    await api(host, 'appointment.book', {
      staffId: admin,
      scheduleSessionId: first.id,
      patientId: tharaka.id,
      bedId: iso.id,
    })
    await api(host, 'appointment.book', {
      staffId: admin,
      scheduleSessionId: first.id,
      patientId: priya.id,
      bedId: plainA!.id,
    })
    await api(host, 'appointment.book', {
      staffId: admin,
      scheduleSessionId: first.id,
      patientId: sunil.id,
      bedId: null,
    })
    await api(host, 'schedule.blockBed', {
      staffId: admin,
      scheduleSessionId: first.id,
      bedId: plainB!.id,
      reason: 'Machine leaking',
    })

    const board = await api<DayBoard>(host, 'board.day', { date: day })
    const startedAt = new Date()
    const pdf = await rosterPdf(page, host, `date=${day}&by=${printer.id}`, 'demo-day')
    const finishedAt = new Date()
    expect(pageCount(pdf)).toBe(3)

    // The first page, from what the test set up.
    const raw1 = pageRaw(pdf, 1)
    const rows1 = bedRows(
      raw1,
      before.beds.map((b) => b.code),
    )
    const row = (code: string) => rows1.find((r) => r.startsWith(`${code} `))
    expect(row(iso.code)).toBe(`${iso.code} Tharaka Gunasekara T-101 HBV+ ISO Booked`)
    expect(row(plainA!.code)).toBe(`${plainA!.code} Priya Nadarajah T-102 HBV? Booked`)
    expect(row(plainB!.code)).toBe(`${plainB!.code} — Machine leaking — Blocked`)
    const layout1 = pageLayout(pdf, 1)
    expect(layout1).toMatch(new RegExp(`Blocked beds: ${plainB!.code} \\(Machine leaking\\)\\n`))
    const notOnABed = layout1.slice(layout1.indexOf('Not yet on a bed:'), layout1.indexOf('Blocked beds:'))
    expect(notOnABed).toContain('Sunil Abeysekera (T-103)')
    const booked = first.booked - freed.length + 3
    expect(layout1).toContain(`Capacity ${capacity} · Booked ${booked} · Free ${capacity - booked}`)

    // Every page, every bed: the demo's own patients as the day's board has them.
    board.sessions.forEach((s, i) => {
      const layout = pageLayout(pdf, i + 1)
      expect(layout).toContain('Colombo Kidney Care')
      expect(layout).toContain(`Wed ${ddmmyyyy(day)} · ${s.startTime}–${s.endTime}`)
      expect(layout).toContain(`Doctor: ${s.doctorName}`)
      expect(
        bedRows(
          pageRaw(pdf, i + 1),
          s.cells.map((c) => codeOf(c.bedId)),
        ),
      ).toEqual(s.cells.map((c) => boardRow(board, c)))
      const unassigned = plain(
        layout.slice(layout.indexOf('Not yet on a bed:'), layout.indexOf('Blocked beds:')),
      ).replace(/\s+/g, ' ')
      if (s.unassigned.length === 0) expect(unassigned.trim()).toBe('Not yet on a bed: none')
      for (const a of s.unassigned) expect(unassigned).toContain(plain(`${a.patientName} (${a.clinicNumber}`))
      expect(layout).toContain(`Capacity ${s.capacity} · Booked ${s.booked} · Free ${s.free}`)
      expect(layout).toContain(`Page ${i + 1} of 3`)
      // When, to the minute, and by whom: the staff member this test added.
      const footer = layout.split('\n').find((l) => l.includes('Printed'))!
      expect(
        printedLines(startedAt, finishedAt, ddmmyyyy).map((p) => `Colombo Kidney Care · ${p} by Dilani Jayawardena`),
      ).toContain(footer.replace(/\s+Page \d of \d\s*$/, '').trim())
    })

    // No app chrome on paper: the toolbar the screen shows is not in the PDF.
    const toolbar = page.getByRole('toolbar', { name: 'Roster' })
    await expect(toolbar).toBeVisible()
    const note = (await toolbar.getByTestId('roster-note').innerText()).trim()
    expect(note.length).toBeGreaterThan(20)
    for (let n = 1; n <= 3; n++) {
      const lines = pageRaw(pdf, n)
        .split('\n')
        .map((l) => l.trim())
      expect(lines).not.toContain('Print')
      expect(pageRaw(pdf, n)).not.toContain(note.slice(0, 30))
    }
  })

  test('prints one session alone on one page', async ({ page }) => {
    const board = await api<DayBoard>(host, 'board.day', { date: day })
    const second = board.sessions[1]!
    const pdf = await rosterPdf(page, host, `date=${day}&session=${second.id}`, 'one-session')
    expect(pageCount(pdf)).toBe(1)
    const text = pageLayout(pdf, 1)
    expect(text).toContain(`${second.startTime}–${second.endTime}`)
    expect(text).not.toContain(`${board.sessions[0]!.startTime}–${board.sessions[0]!.endTime}`)
    expect(
      bedRows(
        pageRaw(pdf, 1),
        second.cells.map((c) => board.beds.find((b) => b.id === c.bedId)!.code),
      ),
    ).toEqual(second.cells.map((c) => boardRow(board, c)))
    expect(text).toContain('Page 1 of 1')
  })
})

test.describe('a roster with Sinhala and Tamil names', () => {
  let host: TestHost
  test.beforeAll(async () => {
    host = await startTestHost()
  })
  test.afterAll(async () => host.stop())

  test('contains the names as text', async ({ page }) => {
    const { staff } = await api<{ staff: { id: number }[] }>(host, 'setup.initialize', {
      centerName: 'Jaffna Renal Unit',
      staffName: 'Kavitha Rajan',
    })
    const staffId = staff[0]!.id
    const beds = [
      await api<{ id: number }>(host, 'bed.create', { staffId, code: 'B1' }),
      await api<{ id: number }>(host, 'bed.create', { staffId, code: 'B2' }),
    ]
    await api(host, 'template.create', {
      staffId,
      weekday: weekdayOf(day),
      startTime: '06:00',
      endTime: '10:00',
      defaultCapacity: 2,
    })
    await api(host, 'schedule.generate', { staffId, from: day, to: day })
    const session = (await api<DayBoard>(host, 'board.day', { date: day })).sessions[0]!
    const names = ['සුනිල් ජයසූරිය', 'முருகன் செல்வம்']
    for (const [i, fullName] of names.entries()) {
      const p = await api<{ id: number }>(host, 'patient.create', {
        staffId,
        fullName,
        clinicNumber: `JRU-${i + 1}`,
        hepatitisB: 'negative',
      })
      await api(host, 'appointment.book', {
        staffId,
        scheduleSessionId: session.id,
        patientId: p.id,
        bedId: beds[i]!.id,
      })
    }
    const pdf = await rosterPdf(page, host, `date=${day}`, 'sinhala-tamil')
    expect(bedRows(pageRaw(pdf, 1), ['B1', 'B2'])).toEqual(
      [`B1 ${names[0]} JRU-1 Booked`, `B2 ${names[1]} JRU-2 Booked`].map(plain),
    )
    // The glyphs come from the bundled Noto fonts, embedded in the PDF (the machine has no Sinhala or Tamil font of its own).
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    expect(fonts).toMatch(/NotoSansSinhala/)
    expect(fonts).toMatch(/NotoSansTamil/)
    expect(pdfInfo(pdf)).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/)

    // Letter paper is a setting of the center.
    await api(host, 'center.update', { staffId, paperSize: 'Letter' })
    const letter = await rosterPdf(page, host, `date=${day}`, 'letter')
    expect(pdfInfo(letter)).toMatch(/Page size:\s+612 x 792 pts \(letter\)/)
  })
})

test.describe('a big unit', () => {
  let host: TestHost
  test.beforeAll(async () => {
    host = await startTestHost({ dataFolder: demoFolder({ beds: 40, sessionsPerDay: 4, seed: 3 }) })
  })
  test.afterAll(async () => host.stop())

  for (const paper of ['A4', 'Letter'] as const) {
    test(`fits a session of 40 beds on one ${paper} page`, async ({ page }) => {
      await api(host, 'center.update', { staffId: 1, paperSize: paper })
      const board = await api<DayBoard>(host, 'board.day', { date: day })
      expect(board.sessions).toHaveLength(4)
      expect(board.sessions.every((s) => s.cells.length === 40)).toBe(true)
      const pdf = await rosterPdf(page, host, `date=${day}`, `forty-beds-${paper}`)
      expect(pdfInfo(pdf)).toMatch(paper === 'A4' ? /\(A4\)/ : /\(letter\)/)
      expect(pageCount(pdf)).toBe(4)
      board.sessions.forEach((s, i) => {
        // All 40 rows, in bed order, and everything under the table, on the session's own page.
        const codes = s.cells.map((c) => board.beds.find((b) => b.id === c.bedId)!.code)
        expect(codes.at(-1)).toBe('BED-A40')
        expect(bedRows(pageRaw(pdf, i + 1), codes)).toEqual(s.cells.map((c) => boardRow(board, c)))
        const layout = pageLayout(pdf, i + 1)
        expect(layout).toContain(`${s.startTime}–${s.endTime}`)
        expect(layout).toContain('Blocked beds:')
        expect(layout).toContain(`Capacity ${s.capacity} · Booked ${s.booked} · Free ${s.free}`)
        expect(layout).toContain(`Page ${i + 1} of 4`)
      })
    })
  }
})
