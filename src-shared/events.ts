/**
 * What the desk tells every open screen after a change, so screens re-read
 * instead of guessing. `tables` names what changed; `dates` the session dates
 * touched (empty when the change is not tied to dates).
 */
export type DeskTable =
  | 'centers'
  | 'beds'
  | 'doctors'
  | 'staff'
  | 'patients'
  | 'sessions'
  | 'schedule_sessions'
  | 'session_beds'
  | 'appointments'
  | 'audit_log'
  | 'standing_slots'
  | 'bed_outages'
  | 'waiting_list'
  | 'conflicts'

export type DeskEvent =
  | { kind: 'change'; tables: DeskTable[]; dates: string[] }
  /** Something outside this process changed the database (another desk, a script): re-read everything. */
  | { kind: 'external-change' }
  /** The whole database was replaced (a restore): reload. */
  | { kind: 'reload' }
  /** The backup status changed: a copy was made or failed, a setting changed, a warning was cleared. */
  | { kind: 'backup' }

export type DeskEventKind = DeskEvent['kind']
