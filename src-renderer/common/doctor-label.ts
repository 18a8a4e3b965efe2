/** "Dr. Silva" for a doctor's name, without doubling a title the name already carries. */
export function doctorLabel(name: string | null): string {
  if (!name) return 'No doctor'
  return /^dr\.?\s/i.test(name) ? name : `Dr. ${name}`
}
