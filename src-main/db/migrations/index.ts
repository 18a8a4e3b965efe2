/**
 * Every migration, bundled into the build in order. No folder is scanned at
 * run time: the list is the schema's history.
 */
import { migration001 } from './001-initial.js'
import { migration002 } from './002-capacity-guards.js'
import { migration003 } from './003-real-dates.js'
import { migration004 } from './004-standing-schedules.js'
import { migration005 } from './005-lean-appointment-triggers.js'
import { migration006 } from './006-waiting-list-opened-by.js'
import type { Migration } from './migration.js'

export type { Migration }

export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
]

export const LATEST_SCHEMA_VERSION = migrations.length
