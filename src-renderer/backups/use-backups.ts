/**
 * The backup status and the list of copies, read again whenever the desk
 * announces a backup event (a copy made or failed, a setting changed) or a
 * restored database.
 */
import { useEffect } from 'react'
import { desk } from '../api/desk'
import { useDeskQuery } from '../data/use-desk-query'

// Backups are not tables: only backup events and reloads concern them.
const NO_TABLES = { tables: [] }

export function useBackupStatus() {
  const status = useDeskQuery('backup.status', {}, NO_TABLES)
  const { reload } = status
  useEffect(() => desk.subscribe('backup', () => reload()), [reload])
  return status
}

export function useBackupCopies() {
  const copies = useDeskQuery('backup.list', {}, NO_TABLES)
  const { reload } = copies
  useEffect(() => desk.subscribe('backup', () => reload()), [reload])
  return copies
}
