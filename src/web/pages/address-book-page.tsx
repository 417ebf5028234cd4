/**
 * Settings → Address book: search, new entry (person or organization), edit, archive, CSV import
 * with a preview and CSV export. Read-only for people without contacts:write.
 */
import { useState } from 'react';
import { Dialog } from '../components/dialog';
import { ErrorMessage, Loading } from '../components/messages';
import { countLabel } from '../format';
import { useApi, usePermission } from '../session';
import { ContactForm, type Contact } from '../settings/contact-form';
import { ContactImport } from '../settings/contact-import';
import { ConfirmDialog } from '../settings/form-bits';
import { useApiData } from '../use-api-data';

type Editing = { mode: 'new' } | { mode: 'edit'; contact: Contact } | { mode: 'import' } | { mode: 'archive'; contact: Contact } | null;

export function AddressBookPage() {
  const api = useApi();
  const canWrite = Boolean(usePermission('contacts:write'));
  const [query, setQuery] = useState('');
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useApiData((signal) => api.get('/api/contacts', { query: { query, limit: '100' }, signal }), [api, query, reload]);

  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
    setReload((n) => n + 1);
  };

  return (
    <section aria-labelledby="address-book-title">
      <div className="section-header">
        <h2 id="address-book-title">Address book</h2>
        <div className="section-actions">
          <a className="button" href="/api/contacts/export" download="chartfax-contacts.csv">
            Export CSV
          </a>
          {canWrite ? (
            <>
              <button type="button" className="button" onClick={() => setEditing({ mode: 'import' })}>
                Import CSV
              </button>
              <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'new' })}>
                New entry
              </button>
            </>
          ) : null}
        </div>
      </div>
      <p className="muted">
        People and organizations you fax. The first name, last name and organization combine into the “To:” line of the cover page, which
        prints at most 40 characters.
      </p>
      <div className="search-form" role="search">
        <label htmlFor="contact-search" className="visually-hidden">
          Search address book
        </label>
        <input
          id="contact-search"
          type="search"
          placeholder="Search by name, organization or fax number"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <div role="status" className="status-line">
        {notice}
      </div>
      {list.status === 'loading' ? <Loading label="Loading the address book…" /> : null}
      {list.status === 'error' ? <ErrorMessage error={list.error} /> : null}
      {list.status === 'ready' ? (
        list.data.contacts.length === 0 ? (
          <p className="empty">
            {query ? `No contacts match “${query}”.` : 'The address book is empty. Add an entry or import a CSV file.'}
          </p>
        ) : (
          <>
            <p className="result-count">{countLabel(list.data.total, 'contact')}</p>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">Contacts</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Fax</th>
                    <th scope="col">Phone</th>
                    <th scope="col">Email</th>
                    {canWrite ? (
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {list.data.contacts.map((contact) => (
                    <tr key={contact.id}>
                      <th scope="row">
                        {contact.displayName}
                        <span className="kind-label">{contact.kind === 'person' ? 'Person' : 'Organization'}</span>
                      </th>
                      <td className="nowrap">{contact.faxNumberDisplay ?? '—'}</td>
                      <td>{contact.phone ?? '—'}</td>
                      <td>{contact.email ?? '—'}</td>
                      {canWrite ? (
                        <td>
                          <div className="row-actions">
                            <button
                              type="button"
                              className="button button-small"
                              aria-label={`Edit ${contact.displayName}`}
                              onClick={() => setEditing({ mode: 'edit', contact })}
                            >
                              Edit
                            </button>
                            <button
                              type="button"
                              className="button button-small"
                              aria-label={`Archive ${contact.displayName}`}
                              onClick={() => setEditing({ mode: 'archive', contact })}
                            >
                              Archive
                            </button>
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      ) : null}

      {editing?.mode === 'new' || editing?.mode === 'edit' ? (
        <Dialog
          title={editing.mode === 'new' ? 'New address book entry' : `Edit ${editing.contact.displayName}`}
          onClose={() => setEditing(null)}
        >
          <ContactForm
            contact={editing.mode === 'edit' ? editing.contact : null}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => done(editing.mode === 'new' ? `${saved.displayName} was added.` : `${saved.displayName} was saved.`)}
          />
        </Dialog>
      ) : null}
      {editing?.mode === 'import' ? (
        <Dialog title="Import contacts from CSV" onClose={() => setEditing(null)}>
          <ContactImport onCancel={() => setEditing(null)} onImported={(count) => done(`${countLabel(count, 'contact')} imported.`)} />
        </Dialog>
      ) : null}
      {editing?.mode === 'archive' ? (
        <ConfirmDialog
          title={`Archive ${editing.contact.displayName}?`}
          confirmLabel="Archive"
          onClose={() => setEditing(null)}
          onConfirm={async () => {
            await api.delete('/api/contacts/{id}', { path: { id: editing.contact.id } });
            done(`${editing.contact.displayName} was archived.`);
          }}
        >
          <p>
            The entry disappears from search and can no longer be chosen as a recipient. Faxes already sent to it keep showing its name.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
