/**
 * The printed roster, made as a PDF by Chromium from the roster page exactly
 * as a receptionist prints it, then read back with poppler (pdfinfo, pdftotext).
 */
import { expect, test, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { addDays, localDateTime, weekdayOf } from '../../src-shared/dates'
import { formatDate } from '../../src-shared/format'
import type { DayBoard } from '../../src-shared/model'
import { buildDemo } from '../../src-main/cli/demo'
import { api } from './desk-helpers'
import { startTestHost, type TestHost } from './host'

const today = localDateTime(new Date()).date
/** The next Wednesday after today: a demo day ahead, with its bookings (and a few patients not yet on a bed). */
let day = addDays(today, 1)
while (weekdayOf(day) !== 'Wed') day = addDays(day, 1)

function demoFolder(options: { beds: number; sessionsPerDay: 3 | 4; seed: number }): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-roster-'))
  buildDemo(folder, { ...options, weeksBack: 1, weeksAhead: 3, patients: 0, today })
  return folder
}

async function rosterPdf(page: Page, host: TestHost, query: string, name: string): Promise<string> {
  await page.goto(host.launchUrl)
  await page.goto(`${host.base}/roster.html?${query}`)
  await expect(page.locator('body[data-ready="true"]')).toHaveCount(1)
  fs.mkdirSync('test-results/rosters', { recursive: true })
  const file = path.resolve(`test-results/rosters/${name}.pdf`)
  await page.pdf({ path: file, preferCSSPageSize: true })
  return file
}

const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])
const pageText = (pdf: string, n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], { encoding: 'utf8' })
const allText = (pdf: string) => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })

test.describe('the roster of a demo day', () => {
  let host: TestHost
  test.beforeAll(async () => {
    host = await startTestHost({ dataFolder: demoFolder({ beds: 10, sessionsPerDay: 3, seed: 7 }) })
  })
  test.afterAll(async () => host.stop())

  test('has one page per session listing the beds in order with their patients, the unassigned and the totals', async ({ page }) => {
    // One patient of the first session is not on a bed yet: the roster must list them apart.
    const before = await api<DayBoard>(host, 'board.day', { date: day })
    const offBed = before.sessions[0]!.cells.find((c) => c.appointment)!.appointment!
    await api(host, 'appointment.assignBed', { staffId: 1, appointmentId: offBed.id, bedId: null })
    const board = await api<DayBoard>(host, 'board.day', { date: day })
    expect(board.sessions).toHaveLength(3)
    expect(board.sessions[0]!.unassigned.map((a) => a.id)).toContain(offBed.id)
    const pdf = await rosterPdf(page, host, `date=${day}&by=1`, 'demo-day')
    expect(pageCount(pdf)).toBe(3)

    board.sessions.forEach((s, i) => {
      const text = pageText(pdf, i + 1)
      expect(text).toContain('Colombo Kidney Care')
      expect(text).toContain(formatDate(day, 'DD/MM/YYYY'))
      expect(text).toContain(`${s.startTime}–${s.endTime}`)
      expect(text).toContain(`Doctor: ${s.doctorName}`)
      const lines = text.split('\n')
      let previous = -1
      for (const cell of s.cells) {
        const code = board.beds.find((b) => b.id === cell.bedId)!.code
        const at = lines.findIndex((l) => new RegExp(`^\\s*${code}\\s`).test(l))
        expect(at, `${code} on page ${i + 1}`).toBeGreaterThan(previous)
        previous = at
        if (cell.appointment) expect(lines[at], code).toContain(cell.appointment.clinicNumber)
        else expect(lines[at], code).toMatch(/Free|Blocked/)
      }
      for (const a of s.unassigned) expect(text).toContain(a.clinicNumber)
      if (s.unassigned.length === 0) expect(text).toMatch(/Not yet on a bed:\s+none/)
      expect(text).toContain(`Capacity ${s.capacity} · Booked ${s.booked} · Free ${s.free}`)
      expect(text).toContain(`Page ${i + 1} of 3`)
      expect(text).toContain('Printed')
      expect(text).toContain('by Anoma Fernando')
    })
    const first = pageText(pdf, 1)
    expect(first.slice(first.indexOf('Not yet on a bed:'))).toContain(offBed.clinicNumber)
  })

  test('prints one session alone on one page', async ({ page }) => {
    const board = await api<DayBoard>(host, 'board.day', { date: day })
    const second = board.sessions[1]!
    const pdf = await rosterPdf(page, host, `date=${day}&session=${second.id}`, 'one-session')
    expect(pageCount(pdf)).toBe(1)
    const text = pageText(pdf, 1)
    expect(text).toContain(`${second.startTime}–${second.endTime}`)
    expect(text).not.toContain(`${board.sessions[0]!.startTime}–${board.sessions[0]!.endTime}`)
  })
})

test.describe('a roster with Sinhala and Tamil names', () => {
  let host: TestHost
  test.beforeAll(async () => {
    host = await startTestHost()
  })
  test.afterAll(async () => host.stop())

  test('contains the names as text', async ({ page }) => {
    const { staff } = await api<{ staff: { id: number }[] }>(host, 'setup.initialize', { centerName: 'Jaffna Renal Unit', staffName: 'Kavitha Rajan' })
    const staffId = staff[0]!.id
    const beds = [await api<{ id: number }>(host, 'bed.create', { staffId, code: 'B1' }), await api<{ id: number }>(host, 'bed.create', { staffId, code: 'B2' })]
    await api(host, 'template.create', { staffId, weekday: weekdayOf(day), startTime: '06:00', endTime: '10:00', defaultCapacity: 2 })
    await api(host, 'schedule.generate', { staffId, from: day, to: day })
    const session = (await api<DayBoard>(host, 'board.day', { date: day })).sessions[0]!
    const names = ['සුනිල් ජයසූරිය', 'முருகன் செல்வம்']
    for (const [i, fullName] of names.entries()) {
      const p = await api<{ id: number }>(host, 'patient.create', { staffId, fullName, clinicNumber: `JRU-${i + 1}`, hepatitisB: 'negative' })
      await api(host, 'appointment.book', { staffId, scheduleSessionId: session.id, patientId: p.id, bedId: beds[i]!.id })
    }
    const pdf = await rosterPdf(page, host, `date=${day}`, 'sinhala-tamil')
    const text = allText(pdf).normalize('NFC')
    for (const name of names) expect(text).toContain(name.normalize('NFC'))
    // The glyphs come from the bundled Noto fonts, embedded in the PDF (the machine has no Sinhala or Tamil font of its own).
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    expect(fonts).toMatch(/NotoSansSinhala/)
    expect(fonts).toMatch(/NotoSansTamil/)
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/)

    // Letter paper is a setting of the center.
    await api(host, 'center.update', { staffId, paperSize: 'Letter' })
    const letter = await rosterPdf(page, host, `date=${day}`, 'letter')
    expect(execFileSync('pdfinfo', [letter], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/)
  })
})

test.describe('a big unit', () => {
  let host: TestHost
  test.beforeAll(async () => {
    host = await startTestHost({ dataFolder: demoFolder({ beds: 40, sessionsPerDay: 4, seed: 3 }) })
  })
  test.afterAll(async () => host.stop())

  test('fits a session of 40 beds on one page', async ({ page }) => {
    const board = await api<DayBoard>(host, 'board.day', { date: day })
    expect(board.sessions).toHaveLength(4)
    expect(board.sessions.every((s) => s.cells.length === 40)).toBe(true)
    const pdf = await rosterPdf(page, host, `date=${day}`, 'forty-beds')
    expect(pageCount(pdf)).toBe(4)
    const lastPage = pageText(pdf, 4)
    expect(lastPage).toContain('BED-A40')
    expect(lastPage).toContain('Capacity')
  })
})
