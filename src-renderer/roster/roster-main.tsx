/// <reference types="vite/client" />
/**
 * The roster page (roster.html?date=…): what the nurses' station gets on paper.
 * Printed with the browser's Print in the browser host, or by the desk app
 * (print dialog, or Save as PDF through printToPDF) in Electron.
 */
import '../styles/fonts.css'
import './roster.css'
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import type { Roster } from '../../src-shared/model'
import { desk } from '../api/desk'
import { RosterDocument } from './roster-document'
import { rosterParams } from './roster-params'

/** Tells whoever prints (Electron's main process, a test) that the page and its fonts are ready. */
async function markReady(): Promise<void> {
  await document.fonts.ready
  document.body.dataset.ready = 'true'
}

function RosterPage() {
  const params = rosterParams(window.location.search)
  const [roster, setRoster] = useState<Roster | null>(null)
  const [problem, setProblem] = useState<string | null>(params ? null : 'This roster address is missing its date (roster.html?date=YYYY-MM-DD).')
  const [saving, setSaving] = useState<string | null>(null)

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
    if (roster || problem) void markReady()
  }, [roster, problem])

  const savePdf = async () => {
    if (!params) return
    const r = await desk.invoke('shell.saveRosterPdf', params)
    setSaving(r.ok ? (r.value.path ? `Saved ${r.value.path}` : null) : r.error.message)
  }

  return (
    <>
      <div className="roster-toolbar">
        <button type="button" onClick={() => window.print()} disabled={!roster}>
          Print
        </button>
        {window.desk && (
          <button type="button" onClick={() => void savePdf()} disabled={!roster}>
            Save as PDF
          </button>
        )}
        <span className="roster-note">{saving ?? 'Each session prints on its own page.'}</span>
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
