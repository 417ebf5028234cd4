/**
 * New entry / edit form of the address book: a person (first and last name, optional organization)
 * or an organization, with a live preview of the name as the cover page will print it.
 */
import { useState, type FormEvent } from 'react';
import type { ResponseBody } from '../api/client';
import { useApi } from '../session';
import { Field, fieldErrorsOf, FormError } from './form-bits';
import { coverNamePreview, COVER_NAME_MAX_CHARS } from './recipient-name';

export type Contact = ResponseBody<'/api/contacts', 'get'>['contacts'][number];

interface Draft {
  kind: 'person' | 'organization';
  firstName: string;
  lastName: string;
  organization: string;
  email: string;
  phone: string;
  faxNumber: string;
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  notes: string;
}

function draftOf(contact: Contact | null): Draft {
  return {
    kind: contact?.kind ?? 'person',
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    organization: contact?.organization ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    faxNumber: contact?.faxNumberDisplay ?? contact?.faxNumber ?? '',
    line1: contact?.address.line1 ?? '',
    city: contact?.address.city ?? '',
    region: contact?.address.region ?? '',
    postalCode: contact?.address.postalCode ?? '',
    notes: contact?.notes ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value);

export function ContactForm({
  contact,
  onSaved,
  onCancel,
}: {
  contact: Contact | null;
  onSaved: (contact: Contact) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(() => draftOf(contact));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));

  const person = draft.kind === 'person';
  const preview = coverNamePreview({
    firstName: person ? draft.firstName : '',
    lastName: person ? draft.lastName : '',
    organization: draft.organization,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const body = {
      kind: draft.kind,
      firstName: person ? orNull(draft.firstName) : null,
      lastName: person ? orNull(draft.lastName) : null,
      organization: orNull(draft.organization),
      email: orNull(draft.email),
      phone: orNull(draft.phone),
      faxNumber: orNull(draft.faxNumber),
      address: { line1: orNull(draft.line1), city: orNull(draft.city), region: orNull(draft.region), postalCode: orNull(draft.postalCode) },
      notes: orNull(draft.notes),
    };
    const request = contact ? api.patch('/api/contacts/{id}', { path: { id: contact.id }, body }) : api.post('/api/contacts', { body });
    request.then(onSaved, (e: unknown) => {
      setSaving(false);
      setError(e);
    });
  };

  return (
    <form onSubmit={submit} noValidate className="contact-form">
      <fieldset className="choice-group">
        <legend>This entry is</legend>
        {(['person', 'organization'] as const).map((kind) => (
          <label key={kind} className="choice">
            <input type="radio" name="kind" value={kind} checked={draft.kind === kind} onChange={() => setDraft((d) => ({ ...d, kind }))} />
            {kind === 'person' ? 'A person' : 'An organization'}
          </label>
        ))}
      </fieldset>
      {person ? (
        <div className="form-row">
          <Field label="First name" error={fields.firstName}>
            {(p) => <input type="text" autoComplete="off" value={draft.firstName} onChange={set('firstName')} {...p} />}
          </Field>
          <Field label="Last name" error={fields.lastName}>
            {(p) => <input type="text" autoComplete="off" value={draft.lastName} onChange={set('lastName')} {...p} />}
          </Field>
        </div>
      ) : null}
      <Field label={person ? 'Organization (optional)' : 'Organization name'} error={fields.organization}>
        {(p) => <input type="text" autoComplete="off" value={draft.organization} onChange={set('organization')} {...p} />}
      </Field>
      <div className={`cover-name-preview${preview.cut > 0 ? ' cover-name-preview-cut' : ''}`} aria-live="polite">
        <p className="cover-name-label">On a cover page, “To:” reads</p>
        <p className="cover-name-value" data-testid="cover-name-preview">
          {preview.coverName === '' ? <span className="muted">(type a name)</span> : preview.coverName}
        </p>
        <p className="field-hint">
          {preview.cut > 0
            ? `${preview.length} characters: the last ${preview.cut} do not fit (covers print at most ${COVER_NAME_MAX_CHARS}). Shorten the name or organization.`
            : `${preview.length} of ${COVER_NAME_MAX_CHARS} characters.`}
        </p>
      </div>
      <div className="form-row">
        <Field label="Fax number" error={fields.faxNumber} hint="With area code, e.g. 604 555 0123.">
          {(p) => <input type="tel" autoComplete="off" value={draft.faxNumber} onChange={set('faxNumber')} {...p} />}
        </Field>
        <Field label="Phone" error={fields.phone}>
          {(p) => <input type="tel" autoComplete="off" value={draft.phone} onChange={set('phone')} {...p} />}
        </Field>
      </div>
      <Field label="Email" error={fields.email}>
        {(p) => <input type="email" autoComplete="off" value={draft.email} onChange={set('email')} {...p} />}
      </Field>
      <Field label="Street address" error={fields['address.line1']}>
        {(p) => <input type="text" autoComplete="off" value={draft.line1} onChange={set('line1')} {...p} />}
      </Field>
      <div className="form-row">
        <Field label="City" error={fields['address.city']}>
          {(p) => <input type="text" autoComplete="off" value={draft.city} onChange={set('city')} {...p} />}
        </Field>
        <Field label="Province or state" error={fields['address.region']}>
          {(p) => <input type="text" autoComplete="off" value={draft.region} onChange={set('region')} {...p} />}
        </Field>
        <Field label="Postal code" error={fields['address.postalCode']}>
          {(p) => <input type="text" autoComplete="off" value={draft.postalCode} onChange={set('postalCode')} {...p} />}
        </Field>
      </div>
      <Field label="Notes" error={fields.notes}>
        {(p) => <textarea rows={2} value={draft.notes} onChange={set('notes')} {...p} />}
      </Field>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {contact ? 'Save changes' : 'Create contact'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
