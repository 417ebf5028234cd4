import { useId, useState, type FormEvent, type ReactNode } from 'react';

export interface DateRange {
  from: string;
  to: string;
}

/**
 * "From"/"To" day filter for a chart. The range lives in the address (?from=&to=), so this form only
 * proposes a new one; `fieldErrors` are the API's messages for `from` and `to`. `actions` sit next to
 * Apply/Clear and act on the applied range (e.g. faxing every entry in it).
 */
export function DateRangeFilter({
  applied,
  onApply,
  fieldErrors = {},
  actions,
}: {
  applied: DateRange;
  onApply: (range: DateRange) => void;
  fieldErrors?: Readonly<Record<string, string>>;
  actions?: ReactNode;
}) {
  const id = useId();
  const [from, setFrom] = useState(applied.from);
  const [to, setTo] = useState(applied.to);
  const isFiltered = applied.from !== '' || applied.to !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ from, to });
  };
  const clear = () => {
    setFrom('');
    setTo('');
    onApply({ from: '', to: '' });
  };

  return (
    <form className="date-filter" aria-label="Filter chart entries by date" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          aria-invalid={fieldErrors.from ? true : undefined}
          aria-describedby={fieldErrors.from ? `${id}-from-error` : undefined}
        />
        {fieldErrors.from && (
          <p id={`${id}-from-error`} className="field-error">
            {fieldErrors.from}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={fieldErrors.to ? true : undefined}
          aria-describedby={fieldErrors.to ? `${id}-to-error` : undefined}
        />
        {fieldErrors.to && (
          <p id={`${id}-to-error`} className="field-error">
            {fieldErrors.to}
          </p>
        )}
      </div>
      <div className="date-filter-buttons">
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <button type="button" className="button" onClick={clear} disabled={!isFiltered && from === '' && to === ''}>
          Clear
        </button>
        {actions}
      </div>
    </form>
  );
}
