/**
 * The roster on paper: one page per session, a row per bed in bed order, the
 * columns the nurses fill in by hand, then who is not yet on a bed, the
 * blocked beds and the totals. Black and white; no colour carries meaning.
 */
import { formatDate, formatDay } from '../../src-shared/format'
import type { Roster, RosterPatient, RosterSession } from '../../src-shared/model'

const STATUS_WORDS: Record<RosterPatient['status'], string> = {
  scheduled: 'Booked',
  checked_in: 'Arrived',
  completed: 'Done',
  cancelled: 'Cancelled',
  no_show: 'Did not come',
}

/** "HBV+ / ISO" marks in words, so they survive a black-and-white copier. */
function marks(isolationBed: boolean, p: RosterPatient | null): string {
  const m: string[] = []
  if (p?.hepatitisB === 'positive') m.push('HBV+')
  else if (p?.hepatitisB === 'unknown') m.push('HBV?')
  if (isolationBed) m.push('ISO')
  return m.join(' ')
}

function printedLine(r: Roster): string {
  const at = new Date(r.printedAt)
  const local = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`
  const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
  return `Printed ${formatDate(local, r.dateFormat)} ${time}${r.printedBy ? ` by ${r.printedBy}` : ''}`
}

/** The page box: paper size, margins and the footer, which only CSS can put on every printed page. */
function pageStyle(r: Roster): string {
  const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`
  return `@page {
  size: ${r.paperSize === 'Letter' ? 'letter' : 'A4'} portrait;
  margin: 10mm 10mm 14mm 10mm;
  @bottom-left { content: ${quote(`${r.clinicName} · ${printedLine(r)}`)}; font: 7.5pt 'Noto Sans', sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7.5pt 'Noto Sans', sans-serif; }
}`
}

/**
 * Beyond this many beds a session's rows are drawn a little lower, so that 40
 * beds, a few long names that wrap, and the lists under the table still fit on
 * one page of Letter, the shorter of the two papers.
 */
const DENSE_FROM = 33

function SessionPage({ roster, s }: { roster: Roster; s: RosterSession }) {
  const blocked = s.rows.filter((r) => r.blockedReason !== null)
  return (
    <section
      className={s.rows.length >= DENSE_FROM ? 'roster-page is-dense' : 'roster-page'}
      data-session={s.scheduleSessionId}
    >
      <header className="roster-head">
        <div>
          <div className="roster-clinic">{roster.clinicName}</div>
          <h1>
            {formatDay(roster.date, roster.dateFormat)} · {s.startTime}–{s.endTime}
            {s.label ? ` · ${s.label}` : ''}
          </h1>
        </div>
        <div className="roster-doctor">Doctor: {s.doctorName ?? '—'}</div>
      </header>
      {s.status === 'cancelled' ? (
        <p className="roster-cancelled">SESSION CANCELLED{s.cancelReason ? `: ${s.cancelReason}` : ''}</p>
      ) : (
        <>
          <table className="roster-table">
            <thead>
              <tr>
                <th className="c-bed">Bed</th>
                <th className="c-name">Patient</th>
                <th className="c-num">Clinic no.</th>
                <th className="c-mark">HBV / Iso</th>
                <th className="c-status">Status</th>
                <th className="c-fill">Weight before</th>
                <th className="c-fill">Weight after</th>
                <th className="c-fill">Time on</th>
                <th className="c-fill">Time off</th>
                <th className="c-sign">Nurse signature</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.bedCode} className={r.blockedReason ? 'is-blocked' : undefined}>
                  <td className="c-bed">{r.bedCode}</td>
                  <td className="c-name">{r.blockedReason ? `— ${r.blockedReason} —` : (r.patient?.name ?? '')}</td>
                  <td className="c-num">{r.patient?.clinicNumber ?? ''}</td>
                  <td className="c-mark">{marks(r.isolation, r.patient)}</td>
                  <td className="c-status">
                    {r.patient ? STATUS_WORDS[r.patient.status] : r.blockedReason ? 'Blocked' : 'Free'}
                  </td>
                  <td className="c-fill" />
                  <td className="c-fill" />
                  <td className="c-fill" />
                  <td className="c-fill" />
                  <td className="c-sign" />
                </tr>
              ))}
            </tbody>
          </table>
          <div className="roster-extra">
            <div>
              <strong>Not yet on a bed:</strong>{' '}
              {s.unassigned.length === 0
                ? 'none'
                : s.unassigned
                    .map((p) => `${p.name} (${p.clinicNumber}${p.hepatitisB === 'positive' ? ', HBV+' : ''})`)
                    .join('; ')}
            </div>
            <div>
              <strong>Blocked beds:</strong>{' '}
              {blocked.length === 0 ? 'none' : blocked.map((r) => `${r.bedCode} (${r.blockedReason})`).join('; ')}
            </div>
          </div>
        </>
      )}
      <div className="roster-totals">
        Capacity {s.capacity} · Booked {s.booked} · Free {s.free}
      </div>
    </section>
  )
}

export function RosterDocument({ roster }: { roster: Roster }) {
  return (
    <div className={`roster paper-${roster.paperSize}`}>
      <style>{pageStyle(roster)}</style>
      {roster.sessions.length === 0 ? (
        <section className="roster-page">
          <header className="roster-head">
            <div>
              <div className="roster-clinic">{roster.clinicName}</div>
              <h1>{formatDay(roster.date, roster.dateFormat)}</h1>
            </div>
          </header>
          <p>No sessions on this date.</p>
        </section>
      ) : (
        roster.sessions.map((s) => <SessionPage key={s.scheduleSessionId} roster={roster} s={s} />)
      )}
    </div>
  )
}
