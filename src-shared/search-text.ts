/**
 * Folding text for search: case- and accent-insensitive for Latin names, and
 * safe for Sinhala and Tamil, whose vowel signs are letters, not accents, and
 * must be kept. Only the Latin combining accents (U+0300-U+036F) are dropped,
 * with the zero-width joiners that Sinhala conjuncts may or may not be typed with.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The digits of a phone number as dialled at home, so "077 123-4567",
 * "0771234567" and "+94 77 123 4567" (Sri Lanka's country code) all match.
 */
export function phoneDigits(value: string): string {
  const digits = value.replace(/\D/g, '')
  return value.trim().startsWith('+94') || (digits.startsWith('94') && digits.length === 11)
    ? `0${digits.slice(2)}`
    : digits
}

/** Whether a search term looks like a phone number rather than a name or number. */
export function looksLikePhone(term: string): boolean {
  return /^[\d\s+()-]+$/.test(term) && phoneDigits(term).length >= 3
}
