/** Registering or editing a patient, with each field's problem shown beside it. */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import { useState, type FormEvent } from 'react'
import type { DeskErrorShape } from '../../src-shared/errors'
import type { HepatitisB, Patient, PatientKind, PreferredShift } from '../../src-shared/model'
import { HEPATITIS_B_OPTIONS, SHIFT_OPTIONS } from '../common/options'
import { useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { fieldErrors } from '../data/field-errors'

interface Values {
  fullName: string
  clinicNumber: string
  nationalId: string
  phone: string
  hepatitisB: HepatitisB
  preferredShift: PreferredShift
  notes: string
  /** A visiting patient comes for a stay, from a first to a last day. */
  kind: PatientKind
  visitFrom: string | null
  visitUntil: string | null
}

const EMPTY: Values = {
  fullName: '',
  clinicNumber: '',
  nationalId: '',
  phone: '',
  hepatitisB: 'unknown',
  preferredShift: 'any',
  notes: '',
  kind: 'regular',
  visitFrom: null,
  visitUntil: null,
}

function valuesOf(p: Patient): Values {
  return {
    fullName: p.fullName,
    clinicNumber: p.clinicNumber,
    nationalId: p.nationalId ?? '',
    phone: p.phone,
    hepatitisB: p.hepatitisB,
    preferredShift: p.preferredShift,
    notes: p.notes,
    kind: p.kind,
    visitFrom: p.visitFrom,
    visitUntil: p.visitUntil,
  }
}

interface PatientFormProps {
  /** The patient to edit; null registers a new one. */
  patient: Patient | null
  opened: boolean
  onClose: () => void
  onSaved: (p: Patient) => void
}

export function PatientForm({ patient, opened, onClose, onSaved }: PatientFormProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={patient ? `Edit ${patient.fullName}` : 'Register a patient'}
      size="lg"
      centered
    >
      {/* Remounted on each opening so the fields start from the record, not from the last attempt. */}
      {opened && <PatientFields key={patient?.id ?? 'new'} patient={patient} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  )
}

function PatientFields({ patient, onClose, onSaved }: Omit<PatientFormProps, 'opened'>) {
  const write = useDeskWrite()
  const format = useFormat()
  const [values, setValues] = useState<Values>(patient ? valuesOf(patient) : EMPTY)
  const [error, setError] = useState<DeskErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const errors = fieldErrors(error)
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((v) => ({ ...v, [key]: value }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const result = patient
      ? await write('patient.update', { id: patient.id, ...values }, { quiet: true, done: `Saved ${values.fullName}.` })
      : await write('patient.create', values, { quiet: true, done: `Registered ${values.fullName}.` })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    onSaved(result.value)
  }

  return (
    <form onSubmit={submit} aria-label={patient ? 'Edit patient' : 'Register a patient'}>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert" title="Not saved">
            {error.message}
          </Alert>
        )}
        <TextInput
          label="Full name"
          description="As the patient writes it: English, Sinhala or Tamil"
          value={values.fullName}
          onChange={(e) => set('fullName')(e.currentTarget.value)}
          error={errors.fullName}
          required
          data-autofocus
        />
        <SimpleGrid cols={2}>
          <TextInput
            label="Clinic number"
            value={values.clinicNumber}
            onChange={(e) => set('clinicNumber')(e.currentTarget.value)}
            error={errors.clinicNumber}
            required
          />
          <TextInput
            label="National ID (NIC)"
            value={values.nationalId}
            onChange={(e) => set('nationalId')(e.currentTarget.value)}
            error={errors.nationalId}
          />
          <TextInput
            label="Phone"
            value={values.phone}
            onChange={(e) => set('phone')(e.currentTarget.value)}
            error={errors.phone}
          />
          {/* Native selects: quick from the keyboard (type the first letters), and they cannot be left empty. */}
          <NativeSelect
            label="Hepatitis B"
            data={HEPATITIS_B_OPTIONS}
            value={values.hepatitisB}
            onChange={(e) => set('hepatitisB')(e.currentTarget.value as HepatitisB)}
            error={errors.hepatitisB}
          />
          <NativeSelect
            label="Preferred shift"
            data={SHIFT_OPTIONS}
            value={values.preferredShift}
            onChange={(e) => set('preferredShift')(e.currentTarget.value as PreferredShift)}
            error={errors.preferredShift}
          />
        </SimpleGrid>
        <Checkbox
          label="Visiting patient (with the unit for a limited stay)"
          checked={values.kind === 'visiting'}
          onChange={(e) => set('kind')(e.currentTarget.checked ? 'visiting' : 'regular')}
        />
        {values.kind === 'visiting' && (
          <SimpleGrid cols={2}>
            <DatePickerInput
              label="First day of the visit"
              value={values.visitFrom}
              onChange={(v) => set('visitFrom')(v ? String(v).slice(0, 10) : null)}
              valueFormat={format.pattern}
              error={errors.visitFrom}
              required
              placeholder="Choose a day"
            />
            <DatePickerInput
              label="Last day of the visit"
              value={values.visitUntil}
              onChange={(v) => set('visitUntil')(v ? String(v).slice(0, 10) : null)}
              valueFormat={format.pattern}
              minDate={values.visitFrom ?? undefined}
              error={errors.visitUntil}
              required
              placeholder="Choose a day"
            />
          </SimpleGrid>
        )}
        <Textarea
          label="Notes"
          value={values.notes}
          onChange={(e) => set('notes')(e.currentTarget.value)}
          error={errors.notes}
          autosize
          minRows={2}
          maxRows={5}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" loading={busy}>
            {patient ? 'Save' : 'Register'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
