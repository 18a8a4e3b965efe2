/**
 * What the desk says back. Refusals carry the core's own sentence, written
 * for the person at the desk, and never a stack trace or an error code.
 */
import { notifications } from '@mantine/notifications'
import type { DeskErrorShape } from '../../src-shared/errors'

export function showRefusal(error: DeskErrorShape, title = 'Not done'): void {
  notifications.show({ color: 'red', title, message: error.message, autoClose: 9000, 'data-kind': 'refusal' })
}

export function showDone(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3500, 'data-kind': 'done' })
}

export function showWarning(message: string): void {
  notifications.show({ color: 'yellow', title: 'Please note', message, autoClose: 12000, 'data-kind': 'warning' })
}
