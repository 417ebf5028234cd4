/**
 * The fax dialog's contents kept in sessionStorage, keyed by the screen's address, so a session that
 * ends mid-dialog (expiry, sign-out elsewhere) brings staff back to the same dialog after signing in.
 * sessionStorage belongs to the tab and is cleared when it closes; the draft is removed as soon as the
 * fax is sent or the dialog is closed on purpose.
 */
import type { FaxSourceChoice } from './fax-types';

export interface FaxDraft {
  source: FaxSourceChoice;
  recipientName: string;
  faxNumber: string;
  /** The address-book contact picked, while its number is unchanged. */
  picked: PickedRecipient | null;
  coverEnabled: boolean;
  subject: string;
  notes: string;
  /** One key per dialog: a restored dialog that sends is still the same fax. */
  idempotencyKey: string;
}

export interface PickedRecipient {
  kind: 'contact' | 'recent';
  contactId: string | null;
  name: string;
  /** E.164 as saved (contact) or last faxed (recent). */
  faxNumber: string;
  /** The number as it was put in the field; any other text means staff changed it. */
  numberShown: string;
}

const PREFIX = 'chartfax:fax-draft:';

export function saveFaxDraft(path: string, draft: FaxDraft): void {
  try {
    window.sessionStorage.setItem(PREFIX + path, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the dialog still works, it just cannot survive a sign-in.
  }
}

export function loadFaxDraft(path: string): FaxDraft | null {
  try {
    const text = window.sessionStorage.getItem(PREFIX + path);
    if (!text) return null;
    const draft = JSON.parse(text) as FaxDraft;
    return draft && typeof draft === 'object' && draft.source && typeof draft.idempotencyKey === 'string' ? draft : null;
  } catch {
    return null;
  }
}

export function clearFaxDraft(path: string): void {
  try {
    window.sessionStorage.removeItem(PREFIX + path);
  } catch {
    // Nothing to clear.
  }
}
