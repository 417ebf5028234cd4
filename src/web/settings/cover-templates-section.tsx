/**
 * Settings → Cover templates: the clinic's cover pages, the built-in one first. Editing shows a live
 * preview with sample values, and the server checks the text as it is typed (unknown variables,
 * patient fields without opt-in, a cover longer than one page), with its reason next to the field.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ResponseBody } from '../api/client';
import { ErrorMessage, Loading } from '../components/messages';
import { useApi } from '../session';
import { useApiData } from '../use-api-data';
import { CoverPreview } from './cover-preview';
import { ConfirmDialog, Field, fieldErrorsOf, FormError } from './form-bits';

type Listing = ResponseBody<'/api/cover-templates', 'get'>;
type Template = Listing['templates'][number];

/** Pause after typing before the server checks the text. */
const CHECK_DELAY_MS = 350;

type Editing = { mode: 'new'; source: string } | { mode: 'edit'; template: Template } | null;

export function CoverTemplatesSection() {
  const api = useApi();
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<Template | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const data = useApiData((signal) => api.get('/api/cover-templates', { signal }), [api, reload]);

  if (data.status === 'loading') return <Loading label="Loading cover templates…" />;
  if (data.status === 'error') return <ErrorMessage error={data.error} />;
  const { templates, variables } = data.data;
  const builtIn = templates.find((t) => t.builtIn);
  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
    setReload((n) => n + 1);
  };

  const makeDefault = (t: Template) => {
    setError(null);
    const current = templates.find((x) => x.isDefault && !x.builtIn);
    const request = t.builtIn
      ? current?.id
        ? api.patch('/api/cover-templates/{id}', { path: { id: current.id }, body: { isDefault: false } })
        : Promise.resolve(null)
      : api.patch('/api/cover-templates/{id}', { path: { id: t.id! }, body: { isDefault: true } });
    request.then(() => done(`“${t.name}” is now the default cover page.`), setError);
  };

  if (editing) {
    return (
      <TemplateEditor
        template={editing.mode === 'edit' ? editing.template : null}
        initialSource={editing.mode === 'new' ? editing.source : editing.template.source}
        variables={variables}
        onCancel={() => setEditing(null)}
        onSaved={(t) => done(`“${t.name}” was saved.`)}
      />
    );
  }

  return (
    <section aria-labelledby="templates-title" className="settings-section">
      <div className="section-header">
        <h2 id="templates-title">Cover templates</h2>
        <div className="section-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => setEditing({ mode: 'new', source: builtIn?.source ?? '' })}
          >
            New template
          </button>
        </div>
      </div>
      <p className="muted">
        The default cover page goes with every fax unless the sender picks another. Chartfax’s built-in cover cannot be changed, but a copy
        of it can.
      </p>
      <div role="status" className="status-line">
        {notice}
      </div>
      <FormError error={error} />
      <ul className="template-list">
        {templates.map((t) => (
          <li key={t.id ?? 'built-in'} className="panel template-item">
            <div>
              <h3>
                {t.name} {t.isDefault ? <span className="badge badge-ok">Default</span> : null}{' '}
                {t.builtIn ? <span className="badge">Built in</span> : null}
              </h3>
            </div>
            <div className="row-actions">
              {t.builtIn ? (
                <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'new', source: t.source })}>
                  Copy and edit
                </button>
              ) : (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Edit ${t.name}`}
                  onClick={() => setEditing({ mode: 'edit', template: t })}
                >
                  Edit
                </button>
              )}
              {t.isDefault ? null : (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Make ${t.name} the default`}
                  onClick={() => makeDefault(t)}
                >
                  Make default
                </button>
              )}
              {t.builtIn ? null : (
                <button type="button" className="button button-small" aria-label={`Remove ${t.name}`} onClick={() => setRemoving(t)}>
                  Remove
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {removing ? (
        <ConfirmDialog
          title={`Remove “${removing.name}”?`}
          confirmLabel="Remove"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api.delete('/api/cover-templates/{id}', { path: { id: removing.id! } });
            done(`“${removing.name}” was removed.`);
          }}
        >
          <p>
            {removing.isDefault ? 'It is the default: the built-in cover becomes the default again. ' : ''}Faxes already sent keep the cover
            they were sent with.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function TemplateEditor({
  template,
  initialSource,
  variables,
  onSaved,
  onCancel,
}: {
  template: Template | null;
  initialSource: string;
  variables: Listing['variables'];
  onSaved: (t: Template) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [name, setName] = useState(template?.name ?? '');
  const [source, setSource] = useState(initialSource);
  const [isDefault, setIsDefault] = useState(template?.isDefault ?? false);
  const [check, setCheck] = useState<{ source: string; problems: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.post('/api/cover-templates/preview', { body: { source }, signal: controller.signal }).then(
        (result) => setCheck({ source, problems: result.problems }),
        () => undefined,
      );
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, source]);

  const liveProblem = check && check.source === source ? (check.problems[0] ?? null) : null;
  const sourceError = liveProblem ?? fields.source;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const request = template?.id
      ? api.patch('/api/cover-templates/{id}', { path: { id: template.id }, body: { name, source, isDefault } })
      : api.post('/api/cover-templates', { body: { name, source, isDefault } });
    request.then(onSaved, (e: unknown) => {
      setBusy(false);
      setError(e);
    });
  };

  return (
    <section aria-labelledby="editor-title" className="settings-section">
      <h2 id="editor-title">{template ? `Edit “${template.name}”` : 'New cover template'}</h2>
      <form onSubmit={submit} noValidate className="template-editor">
        <div className="template-editor-main">
          <Field label="Template name" error={fields.name}>
            {(p) => <input type="text" value={name} onChange={(event) => setName(event.target.value)} {...p} />}
          </Field>
          <Field
            label="Template text"
            error={sourceError}
            hint={
              <>
                <code># Heading</code>, <code>## Smaller heading</code>, <code>**Label:** value</code>, <code>&gt; small print</code>,{' '}
                <code>---</code> for a line, <code>{'{{variable}}'}</code> for a value, <code>{'{{#variable}}…{{/variable}}'}</code> for a
                part shown only when the value is filled in.
              </>
            }
          >
            {(p) => (
              <textarea
                rows={18}
                className="mono"
                spellCheck={false}
                value={source}
                onChange={(event) => setSource(event.target.value)}
                {...p}
              />
            )}
          </Field>
          <p className="template-check" role="status">
            {check && check.source === source ? (liveProblem ? '' : 'Chartfax checked this template: it fits on one page.') : 'Checking…'}
          </p>
          <label className="choice">
            <input type="checkbox" checked={isDefault} onChange={(event) => setIsDefault(event.target.checked)} /> Use as the default cover
            page
          </label>
          <FormError error={error && Object.keys(fields).length === 0 ? error : null} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              Save template
            </button>
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
        <div className="template-editor-side">
          <h3>Preview</h3>
          <CoverPreview source={source} />
          <h3>Variables</h3>
          <dl className="variable-list">
            {variables.map((v) => (
              <div key={v.name}>
                <dt>
                  <code>{`{{${v.name}}}`}</code>
                </dt>
                <dd>{v.description}</dd>
              </div>
            ))}
          </dl>
        </div>
      </form>
    </section>
  );
}
