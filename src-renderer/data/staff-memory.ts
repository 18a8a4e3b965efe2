/** Who was at the desk last time, remembered on this computer so the next start need not ask again. */
const KEY = 'dialysis-desk:staff-at-desk'

export function rememberedStaffId(): number | null {
  try {
    const value = Number(window.localStorage.getItem(KEY))
    return Number.isInteger(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

export function rememberStaffId(id: number | null): void {
  try {
    if (id === null) window.localStorage.removeItem(KEY)
    else window.localStorage.setItem(KEY, String(id))
  } catch {
    // Storage may be unavailable (private mode); the desk then asks at each start.
  }
}
