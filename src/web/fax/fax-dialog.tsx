import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, isAbort } from '../api/client';
import { countLabel } from '../format';
import { useApi, useMe } from '../session';
import { saveFaxDraft, type FaxDraft, type PickedRecipient } from './fax-draft';
import { checkFaxNumber, formatAsTyped } from './fax-number';
import type { FaxPreview, FaxSourceChoice, FaxSummary, SendFaxBody } from './fax-types';
import { NewContactForm } from './new-contact-form';
import { RecipientCombobox } from './recipient-combobox';
import '../styles/fax.css';

/** Wait this long after the last keystroke before rendering a new preview. */
const PREVIEW_PAUSE_MS = 600;
/** Documents with more entries than this get a note that rendering takes a moment. */
const LONG_DOCUMENT_ENTRIES = 10;

export interface SentFax {
  id: string;
  reference: string;
  statusLabel: string;
  recipientName: string;
}

type PreviewState =
  | { status: 'idle' }
  | { status: 'loading'; key: string }
  | { status: 'ready'; key: string; preview: FaxPreview }
  | { status: 'error'; key: string; error: Error };

/** Field error keys of the API, grouped by the control they are shown next to. */
const FIELD_GROUPS: Record<string, readonly string[]> = {
  name: ['recipient.name', 'recipient.contactId', 'recipient'],
  number: ['recipient.faxNumber'],
  subject: ['coverPage.subject'],
  notes: ['coverPage.notes', 'coverPage.templateId', 'coverPage'],
  source: ['source', 'source.from', 'source.to', 'source.chartEntryId', 'source.treatmentPlanId', 'source.patientId'],
};

function fieldMessage(fields: Readonly<Record<string, string>>, group: keyof typeof FIELD_GROUPS): string | undefined {
  const messages = FIELD_GROUPS[group]!.map((key) => fields[key]).filter((m): m is string => Boolean(m));
  return messages.length > 0 ? [...new Set(messages)].join(' ') : undefined;
}

function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function initialFaxDraft(source: FaxSourceChoice): FaxDraft {
  return {
    source,
    recipientName: '',
    faxNumber: '',
    picked: null,
    coverEnabled: true,
    subject: '',
    notes: '',
    idempotencyKey: newIdempotencyKey(),
  };
}

/**
 * The request a draft stands for: a picked contact stays linked (with the edited number when staff
 * changed it, which the server flags as differing from the saved one), else name and number.
 */
function requestFor(draft: FaxDraft): Omit<SendFaxBody, 'previewId' | 'idempotencyKey'> {
  const contactId = draft.picked?.kind === 'contact' ? draft.picked.contactId : null;
  const edited = draft.faxNumber !== draft.picked?.numberShown;
  return {
    source: draft.source.body,
    recipient: contactId
      ? edited
        ? { contactId, faxNumber: draft.faxNumber.trim() }
        : { contactId }
      : { name: draft.recipientName.trim(), faxNumber: draft.faxNumber.trim() },
    coverPage: draft.coverEnabled ? { enabled: true, subject: draft.subject, notes: draft.notes } : { enabled: false },
  };
}

/**
 * The fax dialog: who receives it, the cover page, a live preview of the pages exactly as they will
 * be faxed, a check when the number is new or differs from the contact's, then Send. The preview's
 * id goes with the send, so what staff saw is what is transmitted; one idempotency key per dialog
 * means a double click or a retry after a dropped connection never sends twice.
 */
export function FaxDialog({
  initial,
  draftKey,
  onClose,
  onSent,
}: {
  initial: FaxDraft;
  draftKey: string;
  onClose: () => void;
  onSent: (fax: SentFax) => void;
}) {
  const api = useApi();
  const me = useMe();
  const country = me.clinic.country;
  const id = useId();
  const [draft, setDraft] = useState<FaxDraft>(initial);
  const [addingContact, setAddingContact] = useState(false);
  const [numberTouched, setNumberTouched] = useState(initial.faxNumber !== '');
  const [submitted, setSubmitted] = useState(false);
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' });
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<Error | null>(null);
  const sendingRef = useRef(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const numberRef = useRef<HTMLInputElement>(null);

  const update = (patch: Partial<FaxDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSendError(null);
  };

  // Every change is kept, so a session that ends mid-dialog can bring it back after signing in.
  useEffect(() => saveFaxDraft(draftKey, draft), [draftKey, draft]);

  const request = requestFor(draft);
  const requestKey = JSON.stringify(request);
  const numberProblem = draft.picked && draft.faxNumber === draft.picked.numberShown ? null : checkFaxNumber(draft.faxNumber, country);
  const nameProblem = draft.recipientName.trim() === '' ? 'Enter the recipient’s name.' : null;
  const complete = !nameProblem && !numberProblem;

  const runPreview = async (signal?: AbortSignal): Promise<FaxPreview | null> => {
    const key = requestKey;
    setPreview({ status: 'loading', key });
    try {
      const result = await api.post('/api/fax-previews', { body: request, signal });
      setPreview({ status: 'ready', key, preview: result });
      return result;
    } catch (error) {
      if (isAbort(error)) return null;
      setPreview({ status: 'error', key, error: error as Error });
      return null;
    }
  };

  // Refresh the preview once typing pauses; an overtaken render is abandoned.
  useEffect(() => {
    if (!complete) {
      setPreview({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => void runPreview(controller.signal), PREVIEW_PAUSE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // requestKey stands for every input of the request.
  }, [requestKey, complete]);

  const apiFields =
    (preview.status === 'error' && preview.error instanceof ApiError ? preview.error.fields : null) ??
    (sendError instanceof ApiError ? sendError.fields : {});
  const showClient = submitted;
  const errors = {
    name: fieldMessage(apiFields, 'name') ?? (showClient ? (nameProblem ?? undefined) : undefined),
    number:
      fieldMessage(apiFields, 'number') ??
      (showClient || (numberTouched && draft.faxNumber !== '') ? (numberProblem ?? undefined) : undefined),
    subject: fieldMessage(apiFields, 'subject'),
    notes: fieldMessage(apiFields, 'notes'),
    source: fieldMessage(apiFields, 'source'),
  };
  const fieldShown = Object.values(errors).some(Boolean);
  const generalError = sendError ?? (preview.status === 'error' ? preview.error : null);

  const currentPreview = preview.status === 'ready' && preview.key === requestKey ? preview.preview : null;
  const differsFromContact = currentPreview?.checks.differsFromContact ?? false;

  const send = async (confirmed: FaxPreview) => {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    setSendError(null);
    try {
      const fax = (await api.post('/api/faxes', {
        body: { ...request, previewId: confirmed.previewId, idempotencyKey: draft.idempotencyKey },
      })) as unknown as FaxSummary;
      onSent({ id: fax.id, reference: fax.reference, statusLabel: fax.statusLabel, recipientName: confirmed.recipient.name });
    } catch (error) {
      sendingRef.current = false;
      setSending(false);
      setSendError(error as Error);
      setStep('edit');
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sendingRef.current || addingContact) return;
    setSubmitted(true);
    setSendError(null);
    if (nameProblem) {
      nameRef.current?.focus();
      return;
    }
    if (numberProblem) {
      numberRef.current?.focus();
      return;
    }
    const ready = currentPreview ?? (await runPreview());
    if (!ready) return;
    if (ready.checks.firstTimeNumber || ready.checks.differsFromContact || differsFromContact) {
      setStep('confirm');
      return;
    }
    await send(ready);
  };

  const pick = (recipient: PickedRecipient) => {
    update({ picked: recipient, recipientName: recipient.name, faxNumber: recipient.numberShown });
    setNumberTouched(true);
  };

  const title = step === 'confirm' ? 'Check the fax number' : 'Send a fax';
  return (
    <ModalShell title={title} onClose={sending ? () => undefined : onClose} wide={step === 'edit'}>
      {step === 'confirm' && currentPreview ? (
        <ConfirmNumber
          preview={currentPreview}
          firstTime={currentPreview.checks.firstTimeNumber}
          differs={differsFromContact ? (draft.picked ?? null) : null}
          sending={sending}
          onBack={() => setStep('edit')}
          onConfirm={() => void send(currentPreview)}
        />
      ) : (
        <form className="fax-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={`${id}-what`}>
          <div className="fax-form-columns">
            <div className="fax-form-fields">
              <div className="fax-what" id={`${id}-what`}>
                <span className="fax-what-label">Faxing</span>
                <span className="fax-what-value">{draft.source.label}</span>
                {errors.source && <p className="field-error">{errors.source}</p>}
              </div>
              {generalError && !fieldShown && <ErrorNotice error={generalError} />}
              {generalError && fieldShown && (
                <p className="notice notice-error" role="alert">
                  {generalError.message}
                </p>
              )}
              <div className="field">
                <label htmlFor={`${id}-name`}>Recipient name</label>
                <RecipientCombobox
                  inputRef={nameRef}
                  id={`${id}-name`}
                  value={draft.recipientName}
                  onChange={(text) => update({ recipientName: text, picked: null })}
                  onPick={pick}
                  onAddNew={() => setAddingContact(true)}
                  error={errors.name}
                  hintId={`${id}-name-hint`}
                />
                <p id={`${id}-name-hint`} className="field-hint">
                  Press Space to list your address book, or type a name, organization or number.
                </p>
                {errors.name && (
                  <p id={`${id}-name-error`} className="field-error">
                    {errors.name}
                  </p>
                )}
              </div>
              {addingContact && (
                <NewContactForm
                  initialName={draft.recipientName}
                  country={country}
                  onCancel={() => {
                    setAddingContact(false);
                    nameRef.current?.focus();
                  }}
                  onCreated={(contact) => {
                    setAddingContact(false);
                    if (contact.faxNumber) {
                      pick({
                        kind: 'contact',
                        contactId: contact.id,
                        name: contact.displayName,
                        faxNumber: contact.faxNumber,
                        numberShown: contact.faxNumberDisplay ?? contact.faxNumber,
                      });
                    } else {
                      update({ recipientName: contact.displayName, picked: null });
                    }
                    numberRef.current?.focus();
                  }}
                />
              )}
              <div className="field">
                <label htmlFor={`${id}-number`}>Fax number</label>
                <input
                  ref={numberRef}
                  id={`${id}-number`}
                  type="text"
                  inputMode="tel"
                  autoComplete="off"
                  value={draft.faxNumber}
                  onChange={(e) => {
                    const text = e.target.value;
                    // Format while the number grows; deleting leaves the text as it is, so Backspace works.
                    update({ faxNumber: text.length > draft.faxNumber.length ? formatAsTyped(text, country) : text });
                  }}
                  onBlur={() => setNumberTouched(true)}
                  aria-invalid={errors.number ? true : undefined}
                  aria-describedby={[`${id}-number-hint`, errors.number ? `${id}-number-error` : null].filter(Boolean).join(' ')}
                />
                <p id={`${id}-number-hint`} className="field-hint">
                  Area code and number{country === 'CA' || country === 'US' ? ', e.g. (604) 555-0177' : ''}; start with + for another
                  country.
                </p>
                {errors.number && (
                  <p id={`${id}-number-error`} className="field-error">
                    {errors.number}
                  </p>
                )}
              </div>
              <div className="field field-switch">
                <label htmlFor={`${id}-cover`} className="switch">
                  <input
                    id={`${id}-cover`}
                    type="checkbox"
                    role="switch"
                    checked={draft.coverEnabled}
                    onChange={(e) => update({ coverEnabled: e.target.checked })}
                  />
                  <span className="switch-track" aria-hidden="true" />
                  Cover page
                </label>
              </div>
              {draft.coverEnabled && (
                <>
                  <div className="field">
                    <label htmlFor={`${id}-subject`}>Subject</label>
                    <input
                      id={`${id}-subject`}
                      type="text"
                      value={draft.subject}
                      maxLength={120}
                      onChange={(e) => update({ subject: e.target.value })}
                      aria-invalid={errors.subject ? true : undefined}
                      aria-describedby={errors.subject ? `${id}-subject-error` : undefined}
                    />
                    {errors.subject && (
                      <p id={`${id}-subject-error`} className="field-error">
                        {errors.subject}
                      </p>
                    )}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-notes`}>Notes</label>
                    <textarea
                      id={`${id}-notes`}
                      rows={4}
                      value={draft.notes}
                      onChange={(e) => update({ notes: e.target.value })}
                      aria-invalid={errors.notes ? true : undefined}
                      aria-describedby={[`${id}-notes-hint`, errors.notes ? `${id}-notes-error` : null].filter(Boolean).join(' ')}
                    />
                    <p id={`${id}-notes-hint`} className="field-hint">
                      Printed on the cover page. To have replies sent to another fax number, say so here.
                    </p>
                    {errors.notes && (
                      <p id={`${id}-notes-error`} className="field-error">
                        {errors.notes}
                      </p>
                    )}
                  </div>
                </>
              )}
            </div>
            <PreviewPane
              state={preview}
              currentKey={requestKey}
              complete={complete}
              source={draft.source}
              coverEnabled={draft.coverEnabled}
            />
          </div>
          <div className="dialog-footer">
            <button type="button" className="button" onClick={onClose} disabled={sending}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={sending || addingContact}
              aria-disabled={preview.status === 'loading' || undefined}
            >
              {sending ? 'Sending…' : 'Send'}
            </button>
          </div>
        </form>
      )}
    </ModalShell>
  );
}

function ErrorNotice({ error }: { error: Error }) {
  return (
    <p className="notice notice-error" role="alert">
      {error.message}
    </p>
  );
}

function PreviewPane({
  state,
  currentKey,
  complete,
  source,
  coverEnabled,
}: {
  state: PreviewState;
  currentKey: string;
  complete: boolean;
  source: FaxSourceChoice;
  coverEnabled: boolean;
}) {
  const busy = state.status === 'loading' || (complete && state.status !== 'idle' && state.key !== currentKey);
  const shown = state.status === 'ready' ? state.preview : null;
  const long = (source.entryCount ?? 1) > LONG_DOCUMENT_ENTRIES;
  let status: ReactNode;
  if (!complete) status = 'Enter the recipient’s name and fax number to see the pages exactly as they will be faxed.';
  else if (busy) {
    status = (
      <>
        <span className="spinner" aria-hidden="true" />
        Rendering{' '}
        {source.entryCount && source.entryCount > 1 ? countLabel(source.entryCount, 'chart entry', 'chart entries') : 'the document'}
        {coverEnabled ? ' and the cover page' : ''} into fax pages…{long ? ' Long documents take a little longer.' : ''}
      </>
    );
  } else if (shown) {
    status = (
      <>
        <strong>{countLabel(shown.pageCount, 'page')}</strong>
        {shown.coverPages > 0 ? ' including the cover page' : ''}
      </>
    );
  } else if (state.status === 'error') status = 'The preview could not be made; see the message on the left.';
  return (
    <section className="fax-preview" aria-labelledby="fax-preview-heading" aria-busy={busy}>
      <h3 id="fax-preview-heading">Preview</h3>
      <p className="fax-preview-status" role="status">
        {status}
      </p>
      {shown && shown.warnings.length > 0 && (
        <ul className="fax-warnings" aria-label="Warnings">
          {shown.warnings.map((w) => (
            <li key={w.code} className="notice notice-warning">
              {w.message}
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <ol className={`page-thumbs${busy ? ' page-thumbs-stale' : ''}`} aria-label="Pages as they will be faxed">
          {shown.pages.map((page) => (
            <li key={page.url}>
              <a href={page.url} target="_blank" rel="noreferrer">
                <img
                  src={page.url}
                  alt={`Page ${page.number} of ${shown.pageCount}${page.number <= shown.coverPages ? ' (cover page)' : ''}`}
                  loading="lazy"
                />
              </a>
              <span className="page-thumb-number" aria-hidden="true">
                {page.number}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ConfirmNumber(props: {
  preview: FaxPreview;
  firstTime: boolean;
  differs: PickedRecipient | null;
  sending: boolean;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  const number = props.preview.recipient.display;
  return (
    <div className="fax-confirm">
      <div className="notice notice-warning" role="alert">
        {props.firstTime && <p>You have never faxed {number}. Check the number before sending.</p>}
        {props.differs && (
          <p>
            {number} is not the number saved for {props.differs.name} ({props.differs.numberShown}). Check the number before sending.
          </p>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>Recipient</dt>
          <dd>{props.preview.recipient.name}</dd>
        </div>
        <div>
          <dt>Fax number</dt>
          <dd className="fax-number-large">{number}</dd>
        </div>
        <div>
          <dt>Pages</dt>
          <dd>{countLabel(props.preview.pageCount, 'page')}</dd>
        </div>
      </dl>
      <div className="dialog-footer">
        <button type="button" className="button" onClick={props.onBack} disabled={props.sending}>
          Back
        </button>
        <button ref={confirmRef} type="button" className="button button-primary" onClick={props.onConfirm} disabled={props.sending}>
          {props.sending ? 'Sending…' : 'Confirm and send'}
        </button>
      </div>
    </div>
  );
}

/**
 * A modal on the native <dialog>: the browser traps focus and restores it to the opener; Escape asks
 * `onClose` (controls inside that use Escape themselves stop it first).
 */
function ModalShell({ title, onClose, wide, children }: { title: string; onClose: () => void; wide: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    // Start where staff begin: the recipient (React's autoFocus runs before the dialog is open).
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const handleCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', handleCancel);
    return () => {
      dialog.removeEventListener('cancel', handleCancel);
      if (dialog.open) dialog.close();
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`dialog fax-dialog${wide ? ' fax-dialog-wide' : ''}`} aria-labelledby={titleId}>
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button-quiet" onClick={() => onCloseRef.current()}>
          Close
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
