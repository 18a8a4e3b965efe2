/**
 * Migration 6: a waiting-list entry says who put the patient there. Frozen once landed.
 *
 * The desk puts a standing patient on the list itself when it cannot book a
 * weekly place, and takes them off again once that place is found; reception's
 * own entries are only ever closed by reception. Until now the two were told
 * apart by the wording of the note; the note is free text, so the column says it.
 * Entries the desk opened before this version carry its note, and are marked so.
 */
import type { Migration } from './migration.js'

export const migration006: Migration = {
  version: 6,
  name: 'waiting-list-opened-by',
  up: (db) => {
    db.exec(`
  ALTER TABLE waiting_list ADD COLUMN opened_by TEXT NOT NULL DEFAULT 'reception' CHECK (opened_by IN ('reception', 'desk'));
  UPDATE waiting_list SET opened_by = 'desk'
    WHERE note GLOB 'Standing [MTWFS][a-z][a-z] [0-2][0-9]:[0-5][0-9] could not be placed';
`)
  },
}
