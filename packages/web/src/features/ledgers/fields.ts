import type { LedgerKind } from './api';

/** One field of a ledger's form and table. */
export interface LedgerField {
  readonly name: string;
  readonly label: string;
  readonly type: 'text' | 'longText' | 'date' | 'number' | 'place' | 'link' | 'level';
  readonly required?: boolean;
  /** Shown in the table (long texts only in the form). */
  readonly column?: boolean;
  /** A number's range, as the server accepts it. */
  readonly range?: { readonly min: number; readonly max: number; readonly integer?: boolean };
}

/** Each ledger's fields, in the order its form asks for them (labels are i18n keys). */
export const LEDGER_FIELDS: Record<LedgerKind, readonly LedgerField[]> = {
  visits: [
    { name: 'date', label: 'ledgers.fields.date', type: 'date', required: true, column: true },
    { name: 'person', label: 'ledgers.fields.person', type: 'text', required: true, column: true },
    { name: 'communityOfficeId', label: 'ledgers.fields.community', type: 'place', required: true, column: true },
    { name: 'linkId', label: 'ledgers.fields.link', type: 'link' },
    {
      name: 'durationHours',
      label: 'ledgers.fields.durationHours',
      type: 'number',
      required: true,
      column: true,
      range: { min: 0, max: 24 },
    },
    { name: 'notes', label: 'ledgers.fields.notes', type: 'longText' },
    { name: 'problemsRaised', label: 'ledgers.fields.problemsRaised', type: 'longText', column: true },
  ],
  diaries: [
    { name: 'date', label: 'ledgers.fields.date', type: 'date', required: true, column: true },
    { name: 'cadre', label: 'ledgers.fields.cadre', type: 'text', required: true, column: true },
    { name: 'text', label: 'ledgers.fields.text', type: 'longText', required: true, column: true },
    { name: 'problemsRaised', label: 'ledgers.fields.problemsRaised', type: 'longText', column: true },
  ],
  meetings: [
    { name: 'date', label: 'ledgers.fields.date', type: 'date', required: true, column: true },
    { name: 'level', label: 'ledgers.fields.level', type: 'level', required: true, column: true },
    { name: 'topic', label: 'ledgers.fields.topic', type: 'text', required: true, column: true },
    {
      name: 'attendance',
      label: 'ledgers.fields.attendance',
      type: 'number',
      required: true,
      column: true,
      range: { min: 0, max: 100_000, integer: true },
    },
  ],
  trainings: [
    { name: 'date', label: 'ledgers.fields.date', type: 'date', required: true, column: true },
    { name: 'topic', label: 'ledgers.fields.topic', type: 'text', required: true, column: true },
    {
      name: 'attendees',
      label: 'ledgers.fields.attendees',
      type: 'number',
      required: true,
      column: true,
      range: { min: 0, max: 100_000, integer: true },
    },
  ],
  links: [
    { name: 'person', label: 'ledgers.fields.person', type: 'text', required: true, column: true },
    { name: 'personTitle', label: 'ledgers.fields.personTitle', type: 'text', column: true },
    { name: 'communityOfficeId', label: 'ledgers.fields.community', type: 'place', required: true, column: true },
    { name: 'since', label: 'ledgers.fields.since', type: 'date', column: true },
  ],
};
