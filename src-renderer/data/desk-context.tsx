/**
 * What every screen shares: the clinic, who is at the desk, and the undo
 * history. Writes go through `useDeskWrite` so each one carries the staff
 * member, reports refusals in the desk's words and can be undone.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { InputOf, OutputOf, WriteMethod } from '../../src-shared/contract/index'
import type { Result } from '../../src-shared/errors'
import type { Center, SetupStatus, Staff } from '../../src-shared/model'
import { desk } from '../api/desk'
import type { DeskCall, UndoStep, WriteInput } from './desk-call'
import { showDone, showRefusal, showWarning } from './notify'
import { rememberedStaffId, rememberStaffId } from './staff-memory'

/** How many changes can be undone, newest first. */
const UNDO_DEPTH = 20

export interface WriteOptions<M extends WriteMethod> {
  /** The step that takes this change back, built from the desk's answer. */
  undo?: (value: OutputOf<M>) => UndoStep | null
  /** A sentence confirming the change, when the screen does not already show it. */
  done?: string | ((value: OutputOf<M>) => string)
  /** The caller shows refusals itself (a form marking its fields). */
  quiet?: boolean
}

export type DeskWrite = <M extends WriteMethod>(
  method: M,
  input: WriteInput<M>,
  options?: WriteOptions<M>,
) => Promise<Result<OutputOf<M>>>

interface DeskContextValue {
  status: SetupStatus
  center: Center
  /** Active staff members who can be at the desk. */
  staff: Staff[]
  staffAtDesk: Staff | null
  chooseStaff: (id: number) => void
  write: DeskWrite
}

interface UndoContextValue {
  undoSteps: UndoStep[]
  undoLast: () => Promise<void>
}

const DeskContext = createContext<DeskContextValue | null>(null)
// Apart from the rest: every change adds an undo step, and the screens reading the clinic need not draw again for it.
const UndoContext = createContext<UndoContextValue | null>(null)

export function useDesk(): DeskContextValue {
  const value = useContext(DeskContext)
  if (!value) throw new Error('useDesk must be used inside <DeskProvider>')
  return value
}

export function useUndo(): UndoContextValue {
  const value = useContext(UndoContext)
  if (!value) throw new Error('useUndo must be used inside <DeskProvider>')
  return value
}

export function useDeskWrite(): DeskWrite {
  return useDesk().write
}

export function useCenter(): Center {
  return useDesk().center
}

function warningsOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || !('warnings' in value)) return []
  const w = value.warnings
  return Array.isArray(w) ? w.filter((x): x is string => typeof x === 'string') : []
}

export function DeskProvider({ status, children }: { status: SetupStatus & { center: Center }; children: ReactNode }) {
  const staff = useMemo(() => status.staff.filter((s) => s.active && s.role !== 'system'), [status.staff])
  const [staffId, setStaffId] = useState<number | null>(() => rememberedStaffId())
  const staffAtDesk = staff.find((s) => s.id === staffId) ?? null
  const staffRef = useRef(staffAtDesk)
  staffRef.current = staffAtDesk
  const [undoSteps, setUndoSteps] = useState<UndoStep[]>([])
  const undoRef = useRef(undoSteps)
  undoRef.current = undoSteps

  const chooseStaff = useCallback((id: number) => {
    rememberStaffId(id)
    setStaffId(id)
  }, [])

  // A restored database holds other records: the undo history no longer applies to it, and the
  // person at the desk must be checked again once its staff list is in. Their number may belong to
  // nobody there, or to someone else: then the desk asks who is at it.
  const atRestore = useRef<string | null>(null)
  useEffect(
    () =>
      desk.subscribe('reload', () => {
        setUndoSteps([])
        atRestore.current = staffRef.current?.fullName ?? null
      }),
    [],
  )
  // The first status after the reload is the restored one: useDeskQuery drops answers to earlier reads.
  useEffect(() => {
    const name = atRestore.current
    if (name === null) return
    atRestore.current = null
    if (staff.some((s) => s.id === staffId && s.fullName === name)) return
    rememberStaffId(null)
    setStaffId(null)
  }, [status, staff, staffId])

  const send = useCallback(
    async <M extends WriteMethod>(method: M, input: WriteInput<M>): Promise<Result<OutputOf<M>>> => {
      const who = staffRef.current
      if (!who)
        return {
          ok: false,
          error: { code: 'STAFF_NOT_ALLOWED', message: 'Choose who is at the desk first (top right).' },
        }
      // The contract's write inputs are exactly the method's own fields plus staffId.
      const full = { ...input, staffId: who.id } as unknown as InputOf<M>
      return desk.invoke(method, full)
    },
    [],
  )

  const write = useCallback<DeskWrite>(
    async (method, input, options = {}) => {
      const result = await send(method, input)
      if (!result.ok) {
        if (!options.quiet) showRefusal(result.error)
        return result
      }
      for (const w of warningsOf(result.value)) showWarning(w)
      const step = options.undo?.(result.value) ?? null
      if (step) setUndoSteps((steps) => [step, ...steps].slice(0, UNDO_DEPTH))
      if (options.done) showDone(typeof options.done === 'string' ? options.done : options.done(result.value))
      return result
    },
    [send],
  )

  const undoLast = useCallback(async () => {
    const [step, ...rest] = undoRef.current
    if (!step) return
    setUndoSteps(rest)
    const call: DeskCall = step.call
    const result = await send(call.method, call.input as never)
    // Refused: something changed since (the session ended, the bed was taken); the step is dropped, the reason shown.
    if (!result.ok) showRefusal(result.error, `Could not undo the ${step.label}`)
    else showDone(`Undone: ${step.label}`)
  }, [send])

  const value = useMemo<DeskContextValue>(
    () => ({ status, center: status.center, staff, staffAtDesk, chooseStaff, write }),
    [status, staff, staffAtDesk, chooseStaff, write],
  )
  const undo = useMemo<UndoContextValue>(() => ({ undoSteps, undoLast }), [undoSteps, undoLast])
  return (
    <DeskContext.Provider value={value}>
      <UndoContext.Provider value={undo}>{children}</UndoContext.Provider>
    </DeskContext.Provider>
  )
}
