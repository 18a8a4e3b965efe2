/// <reference types="vite/client" />
/**
 * The roster page (roster.html?date=…): what the nurses' station gets on paper.
 * Printed with the browser's Print in the browser host, or by the desk app
 * (print dialog, or Save as PDF through printToPDF) in Electron.
 */
import '../styles/fonts.css'
import './roster.css'
import { StrictMode, useEffect, useRef, useState } from 'react'
import { createRoot } from 'react-dom/client'
import type { Roster } from '../../src-shared/model'
import { desk } from '../api/desk'
import { RosterDocument } from './roster-document'
import { rosterForPdf, rosterParams } from './roster-params'

/**
 * Tells whoever prints (Electron's main process, a test) that the page and its
 * fonts are ready, and what went wrong when the roster could not be drawn, so
 * that a refusal is said in words instead of being printed on paper.
 */
async function markReady(problem: string | null): Promise<void> {
  await document.fonts.ready
  if (problem) document.body.dataset.problem = problem
  document.body.dataset.ready = 'true'
}

function RosterPage() {
  const params = rosterParams(window.location.search)
  const forPdf = rosterForPdf(window.location.search)
  const [roster, setRoster] = useState<Roster | null>(null)
  const [problem, setProblem] = useState<string | null>(
    params ? null : 'This roster address is missing its date (roster.html?date=YYYY-MM-DD).',
  )
  const [saving, setSaving] = useState<string | null>(null)
  const first = useRef<HTMLButtonElement | null>(null)

  useEffect(() => {
    if (!params) return
    void desk.invoke('roster.day', params).then((r) => {
      if (r.ok) {
        setRoster(r.value)
        document.title = `Roster ${r.value.date}`
      } else setProblem(r.error.message)
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the address does not change while the page is open
  }, [])

  useEffect(() => {
    if (roster || problem) void markReady(problem)
    // Opened from the Board to print or save: Enter does it.
    if (roster) first.current?.focus()
  }, [roster, problem])

  const savePdf = async () => {
    if (!params) return
    const r = await desk.invoke('shell.saveRosterPdf', params)
    setSaving(r.ok ? (r.value.path ? `Saved ${r.value.path}` : null) : r.error.message)
  }

  return (
    <>
      {/* Hidden on paper (roster.css); its words are checked to be absent from the PDF. */}
      <div className="roster-toolbar" role="toolbar" aria-label="Roster">
        {window.desk ? (
          <>
            <button type="button" ref={first} onClick={() => window.print()} disabled={!roster}>
              Print
            </button>
            <button type="button" onClick={() => void savePdf()} disabled={!roster}>
              Save as PDF
            </button>
            <span className="roster-note">{saving ?? 'Each session prints on its own page.'}</span>
          </>
        ) : (
          <>
            {/* In a browser both go through its print dialog, where "Save as PDF" is one of the destinations. */}
            <button type="button" ref={first} onClick={() => window.print()} disabled={!roster}>
              {forPdf ? 'Save as PDF' : 'Print'}
            </button>
            <span className={forPdf ? 'roster-note is-strong' : 'roster-note'} data-testid="roster-note">
              {forPdf
                ? 'In the print dialog that opens, choose “Save as PDF” as the destination, then Save.'
                : 'Opens the print dialog; to keep a PDF instead, choose “Save as PDF” there as the destination.'}{' '}
              Each session prints on its own page.
            </span>
          </>
        )}
      </div>
      {problem && <p className="roster-message">{problem}</p>}
      {roster && <RosterDocument roster={roster} />}
    </>
  )
}

createRoot(document.getElementById('roster')!).render(
  <StrictMode>
    <RosterPage />
  </StrictMode>,
)
