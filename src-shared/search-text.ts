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

/** The digits of a phone number, so "077 123-4567" and "0771234567" match. */
export function phoneDigits(value: string): string {
  return value.replace(/\D/g, '')
}

/** Whether a search term looks like a phone number rather than a name or number. */
export function looksLikePhone(term: string): boolean {
  return /^[\d\s+()-]+$/.test(term) && phoneDigits(term).length >= 3
}
