/**
 * CSV import of the address book in two steps: the server previews every row (its errors, and
 * duplicates of existing contacts or of earlier rows), and nothing is saved until the person confirms.
 */
import { useState, type ChangeEvent } from 'react';
import type { ResponseBody } from '../api/client';
import { countLabel } from '../format';
import { useApi } from '../session';
import { Field, FormError } from './form-bits';

type ImportResult = ResponseBody<'/api/contacts/import', 'post'>;

export const CSV_COLUMNS = 'type, first_name, last_name, organization, fax, phone, email, address, city, region, postal_code, notes';

function rowName(values: Record<string, string>): string {
  const person = [values.first_name, values.last_name].filter(Boolean).join(' ');
  return [person, values.organization].filter(Boolean).join(', ') || '(no name)';
}

/** "Same fax number as a contact already in the address book", "… as line 3". */
function duplicateText(d: { reason: string; of: string; line: number | null }): string {
  const what = d.reason === 'fax-number' ? 'Same fax number' : d.reason.startsWith('name') ? 'Same name and organization' : 'Same details';
  const whom = d.line !== null ? `line ${d.line} of this file` : 'a contact already in the address book';
  return `${what} as ${whom}; skipped.`;
}

export function ContactImport({ onImported, onCancel }: { onImported: (count: number) => void; onCancel: () => void }) {
  const api = useApi();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = (confirm: boolean) => {
    setBusy(true);
    setError(null);
    api.post('/api/contacts/import', { body: { csv, confirm } }).then(
      (result) => {
        setBusy(false);
        if (confirm) onImported(result.imported);
        else setPreview(result);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    file.text().then((text) => {
      setCsv(text);
      setPreview(null);
    }, setError);
  };

  if (preview) {
    const s = preview.summary;
    return (
      <div className="import-preview">
        <p role="status" className="import-summary">
          {countLabel(s.rows, 'row')} read: <strong>{countLabel(s.toImport, 'contact')} will be imported</strong>
          {s.invalid > 0 ? `, ${countLabel(s.invalid, 'row')} with errors` : ''}
          {s.duplicates > 0 ? `, ${countLabel(s.duplicates, 'duplicate')} skipped` : ''}. Nothing is saved until you confirm.
        </p>
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Rows of the CSV file</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Name</th>
                <th scope="col">Fax</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.line} className={row.willImport ? '' : 'row-skipped'}>
                  <td>{row.line}</td>
                  <th scope="row">{rowName(row.values)}</th>
                  <td>{row.values.fax ?? ''}</td>
                  <td>
                    {row.willImport ? (
                      <span className="badge badge-ok">Will be imported</span>
                    ) : Object.keys(row.errors).length > 0 ? (
                      <ul className="row-problems">
                        {Object.entries(row.errors).map(([column, message]) => (
                          <li key={column}>
                            <span className="badge badge-error">Error</span> {column}: {message}
                          </li>
                        ))}
                      </ul>
                    ) : row.duplicate ? (
                      <span>
                        <span className="badge badge-warning">Duplicate</span> {duplicateText(row.duplicate)}
                      </span>
                    ) : (
                      'Skipped'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <FormError error={error} />
        <div className="form-actions">
          <button type="button" className="button button-primary" disabled={busy || s.toImport === 0} onClick={() => run(true)}>
            {s.toImport === 0 ? 'Nothing to import' : `Import ${countLabel(s.toImport, 'contact')}`}
          </button>
          <button type="button" className="button" onClick={() => setPreview(null)}>
            Back to the file
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    );
  }

  return (
    <div>
      <p>
        Choose a CSV file (for example one exported from another fax service or from Chartfax) or paste its text. The first line names the
        columns: <code>{CSV_COLUMNS}</code>.
      </p>
      <Field label="CSV file">{(p) => <input type="file" accept=".csv,text/csv" onChange={readFile} {...p} />}</Field>
      <Field label="CSV text" hint="The file’s text appears here; you can also paste or correct it.">
        {(p) => (
          <textarea rows={8} className="mono" value={csv} onChange={(event) => setCsv(event.target.value)} spellCheck={false} {...p} />
        )}
      </Field>
      <FormError error={error} />
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={busy || csv.trim() === ''} onClick={() => run(false)}>
          Preview import
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
