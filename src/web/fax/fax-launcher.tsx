import { useEffect, useState, type ReactNode } from 'react';
import { currentPath, href, Link } from '../routing';
import { clearFaxDraft, loadFaxDraft, type FaxDraft } from './fax-draft';
import { FaxDialog, initialFaxDraft, type SentFax } from './fax-dialog';
import { FAX_SENT_EVENT, type FaxSourceChoice } from './fax-types';

/**
 * The fax dialog and its "Sent" notice for one screen. `open(source)` starts a dialog; a draft left
 * by a session that ended on this screen reopens by itself after signing in.
 */
export function useFaxDialog(): { open: (source: FaxSourceChoice) => void; element: ReactNode } {
  const [dialog, setDialog] = useState<{ draft: FaxDraft; key: string } | null>(() => {
    const key = currentPath();
    const draft = loadFaxDraft(key);
    return draft ? { draft, key } : null;
  });
  const [sent, setSent] = useState<SentFax | null>(null);

  // The notice stays a while, then goes (the history keeps the fax).
  useEffect(() => {
    if (!sent) return;
    const timer = window.setTimeout(() => setSent(null), 15_000);
    return () => window.clearTimeout(timer);
  }, [sent]);

  const close = () => {
    if (dialog) clearFaxDraft(dialog.key);
    setDialog(null);
  };

  const element = (
    <>
      <div className="toast-region" role="status" aria-live="polite">
        {sent && (
          <div className="toast toast-success">
            <p>
              <strong>Sent</strong> — the fax to {sent.recipientName} ({sent.reference}) is on its way.{' '}
              <Link href={href.fax(sent.id)}>Follow it in the fax history</Link>
            </p>
            <button type="button" className="button button-quiet" aria-label="Dismiss" onClick={() => setSent(null)}>
              ×
            </button>
          </div>
        )}
      </div>
      {dialog && (
        <FaxDialog
          key={dialog.draft.idempotencyKey}
          initial={dialog.draft}
          draftKey={dialog.key}
          onClose={close}
          onSent={(fax) => {
            close();
            setSent(fax);
            window.dispatchEvent(new CustomEvent(FAX_SENT_EVENT, { detail: fax }));
          }}
        />
      )}
    </>
  );

  return {
    open: (source) => {
      setSent(null);
      setDialog({ draft: initialFaxDraft(source), key: currentPath() });
    },
    element,
  };
}
