/** patient.search: by name (case- and accent-insensitive, Sinhala and Tamil included), clinic number, national ID or phone. */
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { openTestDesk, type TestDesk } from '../support/clinic.js'
import { scenario } from '../support/scenario.js'

let desk: TestDesk
let staffId: number
const ids: Record<string, number> = {}

beforeAll(async () => {
  desk = openTestDesk()
  const s = await scenario(desk, { days: 1 })
  staffId = s.staffId
  const people: [string, string, string | undefined, string | undefined][] = [
    ['José Fernández', 'CKC-0042', undefined, '077 123 4567'],
    ['Nimal Perera', 'CKC-0043', '851234567V', '011-2345678'],
    ['සුනිල් ජයසූරිය', 'CKC-0044', '198512345678', ''],
    ['முருகன் செல்வம்', 'CKC-0045', undefined, '+94 71 555 0101'],
    ['ශ්‍රීමතී දිසානායක', 'CKC-0046', undefined, ''], // typed with a zero-width joiner
    ['Amal 100% Silva', 'CKC-0047', undefined, ''],
    ['Kamala Perera', 'CKC-0142', undefined, ''],
  ]
  for (const [fullName, clinicNumber, nationalId, phone] of people) {
    const p = await desk.call('patient.create', {
      staffId,
      fullName,
      clinicNumber,
      ...(nationalId && { nationalId }),
      ...(phone && { phone }),
    })
    ids[fullName] = p.id
  }
})
afterAll(() => desk?.close())

async function find(query: string, extra: { includeInactive?: boolean; limit?: number } = {}): Promise<string[]> {
  return (await desk.call('patient.search', { query, ...extra })).map((p) => p.fullName)
}

describe('patient.search', () => {
  it('finds Latin names whatever the case and accents', async () => {
    for (const q of ['jose', 'JOSE', 'José', 'fernandez', 'FERNÁNDEZ', 'jos'])
      expect(await find(q), q).toEqual(['José Fernández'])
  })

  it('needs every word, in any order', async () => {
    expect(await find('perera')).toEqual(['Kamala Perera', 'Nimal Perera'])
    expect(await find('perera nimal')).toEqual(['Nimal Perera'])
    expect(await find('perera jose')).toEqual([])
  })

  it('finds Sinhala and Tamil names by a prefix of either word, keeping their vowel signs', async () => {
    for (const q of ['සුනි', 'සුනිල්', 'ජයසූ', 'සුනිල් ජයසූරිය']) expect(await find(q), q).toEqual(['සුනිල් ජයසූරිය'])
    for (const q of ['முரு', 'முருகன்', 'செல்', 'முருகன் செல்வம்']) expect(await find(q), q).toEqual(['முருகன் செல்வம்'])
    // A vowel sign is a letter, not an accent: සැ is not ස.
    expect(await find('සැනිල්')).toEqual([])
  })

  it('matches a Sinhala conjunct typed with or without the zero-width joiner', async () => {
    expect(await find('ශ්රීමතී')).toEqual(['ශ්‍රීමතී දිසානායක'])
    expect(await find('ශ්‍රීමතී')).toEqual(['ශ්‍රීමතී දිසානායක'])
  })

  it('finds by clinic number, whole or in part, the exact number first', async () => {
    expect(await find('ckc-0042')).toEqual(['José Fernández'])
    expect(await find('0042')).toEqual(['José Fernández'])
    expect((await find('CKC-0142'))[0]).toBe('Kamala Perera')
    expect((await find('CKC-004')).length).toBe(6)
  })

  it('finds by national ID, old and new forms', async () => {
    expect(await find('851234567v')).toEqual(['Nimal Perera'])
    expect(await find('198512345678')).toEqual(['සුනිල් ජයසූරිය'])
  })

  it('finds by phone with or without spaces, dashes or the country code', async () => {
    for (const q of ['0771234567', '077 123 4567', '077-123-4567', '077 123'])
      expect(await find(q), q).toEqual(['José Fernández'])
    expect(await find('0112345678')).toEqual(['Nimal Perera'])
    expect(await find('+94 71 555 0101')).toEqual(['முருகன் செல்வம்'])
    expect(await find('715550101')).toEqual(['முருகன் செல்வம்'])
    // Written with the country code, found as dialled at home (and the other way round).
    expect(await find('+94 77 123 4567')).toEqual(['José Fernández'])
    expect(await find('94771234567')).toEqual(['José Fernández'])
  })

  it('treats % and _ as the characters they are, not as wildcards', async () => {
    expect(await find('100%')).toEqual(['Amal 100% Silva'])
    expect(await find('%')).toEqual(['Amal 100% Silva'])
    expect(await find('_')).toEqual([])
  })

  it('leaves deactivated patients out unless asked, and keeps to the limit', async () => {
    await desk.call('patient.deactivate', { staffId, id: ids['Kamala Perera']! })
    expect(await find('perera')).toEqual(['Nimal Perera'])
    expect(await find('perera', { includeInactive: true })).toEqual(['Nimal Perera', 'Kamala Perera'])
    await desk.call('patient.reactivate', { staffId, id: ids['Kamala Perera']! })
    expect(await find('', { limit: 3 })).toHaveLength(3)
    expect(await find('')).toHaveLength(7)
  })

  it('follows an edit of the name', async () => {
    await desk.call('patient.update', { staffId, id: ids['Nimal Perera']!, fullName: 'Nimal Perera Wickramasinghe' })
    expect(await find('wickrama')).toEqual(['Nimal Perera Wickramasinghe'])
    await desk.call('patient.update', { staffId, id: ids['Nimal Perera']!, fullName: 'Nimal Perera' })
  })
})
