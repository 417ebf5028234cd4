/**
 * Small pieces the settings screens share: a labelled field with its hint and the server's error
 * next to it, a value shown once with a copy button, and a confirmation dialog.
 */
import { useId, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { Dialog } from '../components/dialog';

/** Field errors of a failed request, keyed like the API's `fields` (e.g. `retryPolicy.busy.maxAttempts`). */
export type FieldErrors = Readonly<Record<string, string>>;

/** The API's field errors of `error`, or none. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fields : {};
}

/**
 * A label, a control and what to know about it. `children` receives the ids to put on the control,
 * so the hint and the error are announced with it.
 */
export function Field({
  label,
  hint,
  error,
  className,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true as const } : {}) })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level error: the API's sentence. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
    </div>
  );
}

/** A secret or address shown in full with a Copy button (the clipboard may be refused: the text stays selectable). */
export function CopyValue({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <div className="copy-value">
      <label htmlFor={id}>{label}</label>
      <div className="copy-value-row">
        <input id={id} type="text" readOnly value={value} onFocus={(event) => event.currentTarget.select()} spellCheck={false} />
        <button
          type="button"
          className="button"
          aria-label={`Copy ${label}`}
          onClick={() => {
            navigator.clipboard.writeText(value).then(
              () => setCopied('yes'),
              () => setCopied('no'),
            );
          }}
        >
          Copy
        </button>
      </div>
      <p className="field-hint" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Your browser refused the clipboard: select the text and copy it.' : ''}
      </p>
    </div>
  );
}

/** "Are you sure?" with the consequence spelled out; the confirm button names the action. */
export function ConfirmDialog({
  title,
  confirmLabel,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Dialog title={title} onClose={onClose}>
      {children}
      <FormError error={error} />
      <div className="form-actions">
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            onConfirm().then(onClose, (e: unknown) => {
              setBusy(false);
              setError(e);
            });
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
