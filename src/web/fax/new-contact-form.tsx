import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError } from '../api/client';
import { useApi } from '../session';
import { formatAsTyped } from './fax-number';
import type { Contact } from './fax-types';

/**
 * "Add new entry" inside the fax dialog: a Person or an Organization saved to the address book and
 * used as the recipient at once. A section of the dialog's form rather than a nested <form>, so
 * Enter here creates the contact instead of sending the fax.
 */
export function NewContactForm({
  initialName,
  country,
  onCreated,
  onCancel,
}: {
  initialName: string;
  country: string;
  onCreated: (contact: Contact) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const id = useId();
  const [kind, setKind] = useState<'person' | 'organization'>('person');
  const [firstName, setFirstName] = useState(() => initialName.trim().split(/\s+/).slice(0, -1).join(' '));
  const [lastName, setLastName] = useState(() => initialName.trim().split(/\s+/).slice(-1)[0] ?? '');
  const [organization, setOrganization] = useState('');
  const [faxNumber, setFaxNumber] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Readonly<Record<string, string>> } | null>(null);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => firstField.current?.focus(), []);

  const create = async () => {
    setSaving(true);
    setError(null);
    try {
      const body =
        kind === 'person'
          ? {
              kind,
              firstName: firstName.trim() || null,
              lastName: lastName.trim() || null,
              organization: organization.trim() || null,
              faxNumber: faxNumber.trim() || null,
            }
          : { kind, organization: organization.trim() || null, faxNumber: faxNumber.trim() || null };
      const contact = await api.post('/api/contacts', { body });
      onCreated(contact as Contact);
    } catch (caught) {
      setError({ message: (caught as Error).message, fields: caught instanceof ApiError ? caught.fields : {} });
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT' && (event.target as HTMLInputElement).type !== 'radio') {
      event.preventDefault();
      void create();
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  const field = (
    name: string,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: { inputRef?: typeof firstField; inputMode?: 'tel' } = {},
  ) => {
    const message = error?.fields[name];
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          ref={extra.inputRef}
          id={`${id}-${name}`}
          type="text"
          inputMode={extra.inputMode}
          value={value}
          onChange={(e) => set(e.target.value)}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-${name}-error` : undefined}
        />
        {message && (
          <p id={`${id}-${name}-error`} className="field-error">
            {message}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="new-contact" aria-labelledby={`${id}-heading`} onKeyDown={onKeyDown}>
      <h3 id={`${id}-heading`}>New address book entry</h3>
      {error && Object.keys(error.fields).length === 0 && (
        <p className="notice notice-error" role="alert">
          {error.message}
        </p>
      )}
      <fieldset className="segmented">
        <legend>Type</legend>
        <label>
          <input type="radio" name={`${id}-kind`} value="person" checked={kind === 'person'} onChange={() => setKind('person')} /> Person
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-kind`}
            value="organization"
            checked={kind === 'organization'}
            onChange={() => setKind('organization')}
          />{' '}
          Organization
        </label>
      </fieldset>
      {kind === 'person' ? (
        <div className="field-row">
          {field('firstName', 'First name', firstName, setFirstName, { inputRef: firstField })}
          {field('lastName', 'Last name', lastName, setLastName)}
        </div>
      ) : null}
      {field(
        'organization',
        kind === 'person' ? 'Organization (optional)' : 'Organization name',
        organization,
        setOrganization,
        kind === 'organization' ? { inputRef: firstField } : {},
      )}
      {field('faxNumber', 'Fax number', faxNumber, (v) => setFaxNumber(v.length > faxNumber.length ? formatAsTyped(v, country) : v), {
        inputMode: 'tel',
      })}
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={saving} onClick={() => void create()}>
          {saving ? 'Creating…' : 'Create contact'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
