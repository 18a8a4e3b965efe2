import { describe, expect, it } from 'vitest'
import { availableActions } from '../../src-renderer/board/action-rules'

const today = '2026-03-10'
const ctx = { today, ended: false, canPick: true }

describe('what the menu offers for an appointment', () => {
  it('checks in, completes and records no-shows only on the day', () => {
    expect(availableActions({ status: 'scheduled', date: today, bedId: 1 }, ctx)).toEqual([
      'pick',
      'checkIn',
      'complete',
      'noShow',
      'takeOffBed',
      'cancel',
      'openPatient',
    ])
    expect(availableActions({ status: 'scheduled', date: '2026-03-11', bedId: 1 }, ctx)).toEqual([
      'pick',
      'takeOffBed',
      'cancel',
      'openPatient',
    ])
  })

  it('offers no bed to leave when there is none, and nothing to pick when picking is not possible here', () => {
    expect(
      availableActions({ status: 'scheduled', date: '2026-03-11', bedId: null }, { ...ctx, canPick: false }),
    ).toEqual(['cancel', 'openPatient'])
  })

  it('after the session: the outcome can still be recorded, but nothing moves or is cancelled', () => {
    expect(availableActions({ status: 'scheduled', date: today, bedId: 1 }, { ...ctx, ended: true })).toEqual([
      'checkIn',
      'complete',
      'noShow',
      'openPatient',
    ])
    expect(availableActions({ status: 'checked_in', date: today, bedId: 1 }, { ...ctx, ended: true })).toEqual([
      'complete',
      'openPatient',
    ])
  })

  it('reinstates a cancellation or no-show from today on, never a completed treatment', () => {
    expect(availableActions({ status: 'cancelled', date: today, bedId: 1 }, ctx)).toEqual(['reinstate', 'openPatient'])
    expect(availableActions({ status: 'no_show', date: '2026-03-09', bedId: 1 }, ctx)).toEqual(['openPatient'])
    expect(availableActions({ status: 'completed', date: today, bedId: 1 }, ctx)).toEqual(['openPatient'])
  })
})
