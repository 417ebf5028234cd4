import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { isAbort } from '../api/client';
import { useApi } from '../session';
import type { PickedRecipient } from './fax-draft';
import type { Contact, RecentRecipient } from './fax-types';

const TYPING_PAUSE_MS = 200;
const SUGGESTION_LIMIT = '8';

type Option = { kind: 'contact'; contact: Contact } | { kind: 'recent'; recent: RecentRecipient } | { kind: 'add-new' };

/**
 * The Recipient Name field with suggestions (WAI-ARIA 1.2 combobox with a listbox popup). Space in
 * the empty field lists the address book; typing searches contacts and recently faxed recipients by
 * name, organization or number; the last option adds a new address-book entry.
 */
export function RecipientCombobox(props: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  onPick: (recipient: PickedRecipient) => void;
  onAddNew: () => void;
  error: string | undefined;
  hintId: string;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const api = useApi();
  const listboxId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [options, setOptions] = useState<Option[]>([{ kind: 'add-new' }]);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const ownRef = useRef<HTMLInputElement>(null);
  const inputRef = props.inputRef ?? ownRef;

  // Search once typing pauses; an overtaken search is aborted so an old answer never wins.
  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(
      () => {
        api.get('/api/contacts', { query: { query, limit: SUGGESTION_LIMIT }, signal: controller.signal }).then(
          (result) => {
            const found: Option[] = [
              ...result.contacts.map((contact): Option => ({ kind: 'contact', contact })),
              ...result.recent.map((recent): Option => ({ kind: 'recent', recent })),
              { kind: 'add-new' },
            ];
            setOptions(found);
            setActive((a) => (a >= found.length ? -1 : a));
            setLoading(false);
            setLoadError(null);
          },
          (error: unknown) => {
            if (isAbort(error)) return;
            setLoading(false);
            setLoadError((error as Error).message);
          },
        );
      },
      query === '' ? 0 : TYPING_PAUSE_MS,
    );
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [api, query]);

  // Keep the active option in view as the arrow keys move through a long list.
  useEffect(() => {
    if (open && active >= 0) document.getElementById(`${listboxId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, listboxId]);

  const openWith = (text: string) => {
    setQuery(text.trim());
    setActive(-1);
    setOpen(true);
  };

  const choose = (option: Option) => {
    setOpen(false);
    setActive(-1);
    if (option.kind === 'add-new') {
      props.onAddNew();
      return;
    }
    if (option.kind === 'contact') {
      const c = option.contact;
      if (!c.faxNumber) return;
      props.onPick({
        kind: 'contact',
        contactId: c.id,
        name: c.displayName,
        faxNumber: c.faxNumber,
        numberShown: c.faxNumberDisplay ?? c.faxNumber,
      });
    } else {
      const r = option.recent;
      props.onPick({ kind: 'recent', contactId: null, name: r.name, faxNumber: r.faxNumber, numberShown: r.faxNumberDisplay });
    }
    inputRef.current?.focus();
  };

  const selectable = (index: number) => {
    const option = options[index];
    return option !== undefined && !(option.kind === 'contact' && !option.contact.faxNumber);
  };
  const move = (step: 1 | -1) => {
    let next = active;
    for (let i = 0; i < options.length; i++) {
      next = next + step;
      if (next >= options.length) next = 0;
      if (next < 0) next = options.length - 1;
      if (selectable(next)) break;
    }
    setActive(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case ' ':
        if (props.value === '') {
          // Space in the empty field lists the address book (typing a name never starts with a space).
          event.preventDefault();
          openWith('');
        }
        return;
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openWith(props.value);
        else move(1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openWith(props.value);
        else move(-1);
        return;
      case 'Enter':
        if (open && active >= 0 && options[active]) {
          event.preventDefault();
          choose(options[active]);
        }
        return;
      case 'Escape':
        if (open) {
          // Close the suggestions, not the dialog around them.
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          setActive(-1);
        }
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  };

  const describedBy = [props.hintId, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="combobox">
      <input
        ref={inputRef}
        id={props.id}
        type="text"
        role="combobox"
        data-autofocus
        aria-expanded={open}
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${listboxId}-${active}` : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        value={props.value}
        onChange={(event) => {
          props.onChange(event.target.value);
          openWith(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listboxId} role="listbox" aria-label="Suggested recipients" className="combobox-list" hidden={!open}>
        {open &&
          options.map((option, index) => {
            const isActive = index === active;
            const common = {
              id: `${listboxId}-${index}`,
              role: 'option' as const,
              'aria-selected': isActive,
              className: `combobox-option${isActive ? ' combobox-option-active' : ''}${option.kind === 'add-new' ? ' combobox-add' : ''}`,
              // Pointer down would blur the input before the click lands.
              onMouseDown: (e: MouseEvent) => e.preventDefault(),
              onClick: () => choose(option),
            };
            if (option.kind === 'add-new') {
              return (
                <li key="add-new" {...common}>
                  + Add new entry
                </li>
              );
            }
            if (option.kind === 'contact') {
              const c = option.contact;
              const disabled = !c.faxNumber;
              return (
                <li key={c.id} {...common} aria-disabled={disabled || undefined} onClick={disabled ? undefined : common.onClick}>
                  <span className="combobox-name">{c.displayName}</span>
                  <span className="combobox-detail">
                    {c.kind === 'person' && c.organization ? `${c.organization} · ` : ''}
                    {c.faxNumberDisplay ?? 'No fax number'}
                  </span>
                </li>
              );
            }
            const r = option.recent;
            return (
              <li key={`recent:${r.faxNumber}:${r.name}`} {...common}>
                <span className="combobox-name">{r.name}</span>
                <span className="combobox-detail">
                  {r.faxNumberDisplay} · <span className="combobox-tag">Recently faxed</span>
                </span>
              </li>
            );
          })}
      </ul>
      {open && (
        <p className="visually-hidden" role="status">
          {loading ? 'Searching…' : loadError ? loadError : `${options.length - 1} suggestions`}
        </p>
      )}
    </div>
  );
}
