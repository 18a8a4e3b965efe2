/**
 * Choosing a backup file in the desk app, checked without an Electron runtime:
 * main.ts runs against the recorder (support/electron-stub.ts), whose file
 * dialogs answer what a person would choose. The chosen path then goes through
 * the same IPC door to the desk's own methods: a real backup is written where
 * the save dialog said, and the file the open dialog gave is checked as one.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { inspectBackup } from '../../src-main/backup/inspect.js'
import { openBackupOptions, saveBackupOptions } from '../../src-main/electron/backup-dialogs.js'
import { openTestDesk, tempFolder } from '../support/clinic.js'
import { recorded, stubState } from './support/electron-stub.js'

vi.mock('electron', async () => (await import('./support/electron-stub.js')).electronStub())

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } }
const deskUrl = `file://${process.cwd()}/out/renderer/index.html`
let usb: string

beforeAll(async () => {
  stubState.dataFolder = tempFolder('desk-electron-')
  usb = tempFolder('desk-usb-')
  await import('../../src-main/electron/main.js')
  await vi.waitFor(() => expect(recorded.windows.length).toBe(1))
})
afterAll(() => {
  // The desk's own window closing: the closing backup, then the database closed.
  recorded.appHandlers.get('window-all-closed')?.()
  for (const f of [stubState.dataFolder, usb]) fs.rmSync(f, { recursive: true, force: true })
})

function invoke(method: string, input: unknown, frameUrl = deskUrl): Promise<Answer> {
  const handler = recorded.ipcHandlers.get('desk:invoke')!
  return handler(
    { sender: recorded.windows[0]!.contents, senderFrame: { url: frameUrl } },
    method,
    input,
  ) as Promise<Answer>
}

async function value<T>(method: string, input: unknown): Promise<T> {
  const r = await invoke(method, input)
  expect(r.ok, JSON.stringify(r.error)).toBe(true)
  return r.value as T
}

describe('choosing a backup file in the desk app', () => {
  it('save: the system save dialog over the desk window, named for the day, asking before it replaces a file; the backup goes where it says', async () => {
    const status = await value<{ staff: { id: number }[] }>('setup.initialize', {
      centerName: 'Colombo Kidney Care',
      staffName: 'Anoma Silva',
    })
    const staffId = status.staff[0]!.id
    const chosen = path.join(usb, 'clinic on the stick.sqlite')
    recorded.saveAnswer = { canceled: false, filePath: chosen }

    expect(await value('shell.chooseBackupFile', { purpose: 'save' })).toEqual({ path: chosen })
    const call = recorded.dialogs.at(-1)!
    expect(call.kind).toBe('save')
    expect(call.owner).toBe(recorded.windows[0]!.window)
    expect(call.options).toMatchObject({
      filters: [
        { name: 'Desk backups', extensions: ['sqlite'] },
        { name: 'All files', extensions: ['*'] },
      ],
    })
    expect(String(call.options.defaultPath)).toMatch(/^desk-backup-\d{4}-\d{2}-\d{2}\.sqlite$/)
    expect(call.options.properties).toContain('showOverwriteConfirmation')

    // The renderer saves to the chosen path; the dialog has asked about replacing, so it may replace a backup there.
    await value('backup.export', { staffId, path: chosen, replace: true })
    expect(inspectBackup(chosen)).toMatchObject({ clinicName: 'Colombo Kidney Care', checksum: 'verified' })
  })

  it('open: the system open dialog for one file; the chosen file is checked as a backup', async () => {
    const chosen = path.join(usb, 'clinic on the stick.sqlite')
    recorded.openAnswer = { canceled: false, filePaths: [chosen] }
    expect(await value('shell.chooseBackupFile', { purpose: 'open' })).toEqual({ path: chosen })
    const call = recorded.dialogs.at(-1)!
    expect(call).toMatchObject({ kind: 'open', options: { properties: ['openFile'] } })
    expect(call.owner).toBe(recorded.windows[0]!.window)
    expect(await value('backup.inspect', { path: chosen })).toMatchObject({
      file: chosen,
      clinicName: 'Colombo Kidney Care',
    })
  })

  it('a cancelled dialog answers null', async () => {
    recorded.saveAnswer = { canceled: true, filePath: '' }
    recorded.openAnswer = { canceled: true, filePaths: [] }
    expect(await value('shell.chooseBackupFile', { purpose: 'save' })).toEqual({ path: null })
    expect(await value('shell.chooseBackupFile', { purpose: 'open' })).toEqual({ path: null })
  })

  it('opens no dialog for a bad input or a call from another page', async () => {
    const before = recorded.dialogs.length
    const bad = await invoke('shell.chooseBackupFile', { purpose: 'delete' })
    expect(bad.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/purpose must be save \(where to save a backup\) or open/),
    })
    expect((await invoke('shell.chooseBackupFile', { purpose: 'save', path: '/etc' })).error?.code).toBe('VALIDATION')
    expect((await invoke('shell.chooseBackupFile', { purpose: 'save' }, 'https://evil.example/')).error?.code).toBe(
      'UNAUTHORIZED',
    )
    expect(recorded.dialogs.length).toBe(before)
  })

  it('in a web browser (no shell) the method says to type the path instead', async () => {
    const t = openTestDesk()
    try {
      const r = await t.dispatcher.dispatch('shell.chooseBackupFile', { purpose: 'open' })
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'NOT_AVAILABLE',
          message: 'Choosing a file in a dialog works in the desk app; in a web browser, type the file’s full path.',
        },
      })
    } finally {
      t.close()
    }
  })

  it('the dialogs’ options are plain values', () => {
    expect(saveBackupOptions('2026-01-05')).toMatchObject({
      defaultPath: 'desk-backup-2026-01-05.sqlite',
      buttonLabel: 'Save backup',
    })
    expect(openBackupOptions()).toMatchObject({ title: 'Choose a backup to restore', properties: ['openFile'] })
  })
})
