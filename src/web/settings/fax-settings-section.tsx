/**
 * Settings → Fax settings: when to try again after each kind of failure, international faxing, the
 * monthly allowance and overage rate, paper and resolution, patient details on covers and the
 * callback number. The server checks every value; its sentence appears next to the field.
 */
import { useState, type FormEvent } from 'react';
import type { ResponseBody } from '../api/client';
import { ErrorMessage, Loading } from '../components/messages';
import { useApi } from '../session';
import { useApiData } from '../use-api-data';
import { Field, fieldErrorsOf, FormError } from './form-bits';

type FaxSettings = ResponseBody<'/api/settings/fax', 'get'>;
type RetryPolicy = FaxSettings['retryPolicy'];
type RetryGroup = Exclude<keyof RetryPolicy, 'giveUpAfterMinutes'>;

const RETRY_GROUPS: readonly { key: RetryGroup; label: string; hint: string }[] = [
  { key: 'busy', label: 'Line busy', hint: 'The number answered busy.' },
  { key: 'noAnswer', label: 'No answer', hint: 'Nobody picked up, or a person or voicemail answered.' },
  { key: 'lineFailure', label: 'Call dropped or noisy line', hint: 'The call started but broke off.' },
  { key: 'rejected', label: 'Refused by the receiving machine', hint: 'The machine turned the pages down (out of paper, memory full).' },
  { key: 'rateLimited', label: 'Provider asked to slow down', hint: 'The fax provider limited how fast faxes may go out.' },
  { key: 'providerOutage', label: 'Provider unavailable', hint: 'The fax provider could not be reached or had an outage.' },
  { key: 'unknown', label: 'Anything else', hint: 'Failures the provider did not explain.' },
];

/** Text boxes hold what was typed; numbers are made only when saving, so the server can say what is wrong. */
type Draft = {
  paperSize: FaxSettings['paperSize'];
  resolution: FaxSettings['resolution'];
  internationalEnabled: boolean;
  coverPatientFields: boolean;
  monthlyPageAllowance: string;
  overage: string;
  callbackNumber: string;
  retry: Record<RetryGroup, { intervalMinutes: string; maxAttempts: string }>;
  giveUpAfterMinutes: string;
};

function draftOf(s: FaxSettings): Draft {
  return {
    paperSize: s.paperSize,
    resolution: s.resolution,
    internationalEnabled: s.internationalEnabled,
    coverPatientFields: s.coverPatientFields,
    monthlyPageAllowance: String(s.monthlyPageAllowance),
    overage: (s.overageCentsPerPage / 100).toFixed(2),
    callbackNumber: s.callbackNumberDisplay ?? s.callbackNumber ?? '',
    retry: Object.fromEntries(
      RETRY_GROUPS.map((g) => [
        g.key,
        { intervalMinutes: String(s.retryPolicy[g.key].intervalMinutes), maxAttempts: String(s.retryPolicy[g.key].maxAttempts) },
      ]),
    ) as Draft['retry'],
    giveUpAfterMinutes: String(s.retryPolicy.giveUpAfterMinutes),
  };
}

/** A typed whole number, or the text itself so the server's check names the problem. */
function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return (/^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed === '' ? null : trimmed) as number;
}

function cents(text: string): number {
  const trimmed = text.trim().replace(/^\$/, '');
  return (/^\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : trimmed) as number;
}

export function FaxSettingsSection() {
  const api = useApi();
  const data = useApiData((signal) => api.get('/api/settings/fax', { signal }), [api]);
  if (data.status === 'loading') return <Loading label="Loading fax settings…" />;
  if (data.status === 'error') return <ErrorMessage error={data.error} />;
  return <FaxSettingsForm initial={data.data} />;
}

function FaxSettingsForm({ initial }: { initial: FaxSettings }) {
  const api = useApi();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fields = fieldErrorsOf(error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setRule = (group: RetryGroup, key: 'intervalMinutes' | 'maxAttempts', value: string) =>
    setDraft((d) => ({ ...d, retry: { ...d.retry, [group]: { ...d.retry[group], [key]: value } } }));

  const send = (body: Parameters<typeof api.patch<'/api/settings/fax'>>[1]['body'], message: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    api.patch('/api/settings/fax', { body }).then(
      (next) => {
        setBusy(false);
        setSaved(next);
        setDraft(draftOf(next));
        setNotice(message);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const retryPolicy = {
      ...(Object.fromEntries(
        RETRY_GROUPS.map((g) => [
          g.key,
          { intervalMinutes: wholeNumber(draft.retry[g.key].intervalMinutes), maxAttempts: wholeNumber(draft.retry[g.key].maxAttempts) },
        ]),
      ) as Omit<RetryPolicy, 'giveUpAfterMinutes'>),
      giveUpAfterMinutes: wholeNumber(draft.giveUpAfterMinutes),
    };
    send(
      {
        paperSize: draft.paperSize,
        resolution: draft.resolution,
        internationalEnabled: draft.internationalEnabled,
        coverPatientFields: draft.coverPatientFields,
        monthlyPageAllowance: wholeNumber(draft.monthlyPageAllowance),
        overageCentsPerPage: cents(draft.overage),
        callbackNumber: draft.callbackNumber.trim() === '' ? null : draft.callbackNumber,
        retryPolicy,
      },
      'Fax settings saved.',
    );
  };

  return (
    <section aria-labelledby="fax-settings-title" className="settings-section">
      <h2 id="fax-settings-title">Fax settings</h2>
      <form onSubmit={submit} noValidate>
        <fieldset className="panel settings-group">
          <legend>Sending</legend>
          <label className="choice choice-switch">
            <input
              type="checkbox"
              role="switch"
              checked={draft.internationalEnabled}
              onChange={(event) => set('internationalEnabled', event.target.checked)}
              aria-describedby="international-hint"
            />
            International faxing
          </label>
          <p className="field-hint" id="international-hint">
            On: faxes may go to numbers outside your country’s calling zone (providers charge more for them). Off: Chartfax refuses such
            numbers before anything is dialled.
          </p>
          {fields.internationalEnabled ? <p className="field-error">{fields.internationalEnabled}</p> : null}
          <div className="form-row">
            <Field label="Paper size" error={fields.paperSize}>
              {(p) => (
                <select value={draft.paperSize} onChange={(event) => set('paperSize', event.target.value as Draft['paperSize'])} {...p}>
                  <option value="letter">Letter (8.5 × 11 in)</option>
                  <option value="a4">A4 (210 × 297 mm)</option>
                </select>
              )}
            </Field>
            <Field label="Resolution" error={fields.resolution} hint="Fine is sharper and takes about twice as long to send.">
              {(p) => (
                <select value={draft.resolution} onChange={(event) => set('resolution', event.target.value as Draft['resolution'])} {...p}>
                  <option value="fine">Fine (204 × 196 dpi)</option>
                  <option value="standard">Standard (204 × 98 dpi)</option>
                </select>
              )}
            </Field>
          </div>
          <Field
            label="Callback number"
            error={fields.callbackNumber}
            hint="Printed on cover pages for recipients with questions, e.g. 604 555 0101."
          >
            {(p) => (
              <input type="tel" value={draft.callbackNumber} onChange={(event) => set('callbackNumber', event.target.value)} {...p} />
            )}
          </Field>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.coverPatientFields}
              onChange={(event) => set('coverPatientFields', event.target.checked)}
              aria-describedby="patient-fields-hint"
            />
            Let cover templates print the patient’s name and date of birth
          </label>
          <p className="field-hint" id="patient-fields-hint">
            Off by default: a cover page is often read by whoever stands at the fax machine.
          </p>
          {fields.coverPatientFields ? <p className="field-error">{fields.coverPatientFields}</p> : null}
        </fieldset>

        <fieldset className="panel settings-group">
          <legend>Allowance</legend>
          <div className="form-row">
            <Field
              label="Monthly page allowance"
              error={fields.monthlyPageAllowance}
              hint="Pages included each month; owners and admins are told at 80% and 100%."
            >
              {(p) => (
                <input
                  type="text"
                  inputMode="numeric"
                  value={draft.monthlyPageAllowance}
                  onChange={(event) => set('monthlyPageAllowance', event.target.value)}
                  {...p}
                />
              )}
            </Field>
            <Field label="Price per page over the allowance ($)" error={fields.overageCentsPerPage}>
              {(p) => (
                <input
                  type="text"
                  inputMode="decimal"
                  value={draft.overage}
                  onChange={(event) => set('overage', event.target.value)}
                  {...p}
                />
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset className="panel settings-group">
          <legend>Trying again after a failure</legend>
          <p className="muted">
            {saved.retryPolicyIsDefault ? 'These are Chartfax’s recommended values.' : 'Your clinic changed these values.'} Attempts count
            the first one.
          </p>
          <table className="data-table retry-table">
            <caption className="visually-hidden">Retry policy per kind of failure</caption>
            <thead>
              <tr>
                <th scope="col">When the fax fails because</th>
                <th scope="col">Minutes between attempts</th>
                <th scope="col">Attempts at most</th>
              </tr>
            </thead>
            <tbody>
              {RETRY_GROUPS.map((g) => {
                const intervalError = fields[`retryPolicy.${g.key}.intervalMinutes`];
                const attemptsError = fields[`retryPolicy.${g.key}.maxAttempts`];
                return (
                  <tr key={g.key}>
                    <th scope="row">
                      {g.label}
                      <span className="field-hint">{g.hint}</span>
                    </th>
                    <td>
                      <input
                        type="text"
                        inputMode="numeric"
                        aria-label={`${g.label}: minutes between attempts`}
                        aria-invalid={intervalError ? true : undefined}
                        aria-describedby={intervalError ? `err-${g.key}-interval` : undefined}
                        value={draft.retry[g.key].intervalMinutes}
                        onChange={(event) => setRule(g.key, 'intervalMinutes', event.target.value)}
                      />
                      {intervalError ? (
                        <p className="field-error" id={`err-${g.key}-interval`}>
                          {intervalError}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      <input
                        type="text"
                        inputMode="numeric"
                        aria-label={`${g.label}: attempts at most`}
                        aria-invalid={attemptsError ? true : undefined}
                        aria-describedby={attemptsError ? `err-${g.key}-attempts` : undefined}
                        value={draft.retry[g.key].maxAttempts}
                        onChange={(event) => setRule(g.key, 'maxAttempts', event.target.value)}
                      />
                      {attemptsError ? (
                        <p className="field-error" id={`err-${g.key}-attempts`}>
                          {attemptsError}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Field
            label="Stop trying after (minutes)"
            error={fields['retryPolicy.giveUpAfterMinutes']}
            hint="No new attempt starts later than this after the fax was sent."
          >
            {(p) => (
              <input
                type="text"
                inputMode="numeric"
                value={draft.giveUpAfterMinutes}
                onChange={(event) => set('giveUpAfterMinutes', event.target.value)}
                {...p}
              />
            )}
          </Field>
          {saved.retryPolicyIsDefault ? null : (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => send({ retryPolicy: null }, 'The recommended retry values are back.')}
            >
              Restore the recommended values
            </button>
          )}
        </fieldset>

        <FormError error={error} />
        <div role="status" className="status-line">
          {notice}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Save fax settings
          </button>
        </div>
      </form>
    </section>
  );
}
