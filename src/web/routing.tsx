/**
 * Client-side routing on the History API. Every screen has an address, so a reload, a bookmark or a
 * sign-in after an expired session lands on the same screen with the same filters.
 *
 * To add a screen: add a variant to `Route`, a branch to `parseRoute`, an `href` helper, and a case in
 * app.tsx's `renderPage`.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  | { name: 'sign-in'; next: string }
  | { name: 'patients'; query: string }
  | { name: 'patient-chart'; patientId: string; from: string; to: string }
  | { name: 'patient-plans'; patientId: string }
  | { name: 'treatment-plan'; patientId: string; planId: string }
  | { name: 'faxes'; filters: FaxHistoryFilters }
  | { name: 'fax'; faxId: string }
  | { name: 'usage'; month: string }
  | { name: 'settings'; section: SettingsSection }
  | { name: 'not-found' };

/** Pages under Settings; '' is the Settings index (the first page the person may open). */
export const SETTINGS_SECTIONS = ['', 'address-book', 'integrations', 'numbers', 'cover-templates', 'fax', 'api', 'disclosures'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

function isSettingsSection(value: string): value is SettingsSection {
  return (SETTINGS_SECTIONS as readonly string[]).includes(value);
}

/** Filters of the fax history, kept in the address (?status=&from=&to=&staffId=&patientId=&recipient=). */
export interface FaxHistoryFilters {
  status: string;
  from: string;
  to: string;
  staffId: string;
  patientId: string;
  recipient: string;
}

const FAX_FILTER_KEYS = ['status', 'from', 'to', 'staffId', 'patientId', 'recipient'] as const;

const ROUTE_CHANGE = 'chartfax:navigate';

function segment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const parts = pathname.split('/').filter(Boolean).map(segment);
  if (parts.length === 0) return { name: 'patients', query: params.get('q') ?? '' };
  if (parts[0] === 'sign-in' && parts.length === 1) return { name: 'sign-in', next: safeNext(params.get('next')) };
  if (parts[0] === 'patients' && parts[1] !== undefined) {
    const patientId = parts[1];
    if (parts.length === 2) return { name: 'patient-chart', patientId, from: params.get('from') ?? '', to: params.get('to') ?? '' };
    if (parts.length === 3 && parts[2] === 'plans') return { name: 'patient-plans', patientId };
    if (parts.length === 4 && parts[2] === 'plans') return { name: 'treatment-plan', patientId, planId: parts[3]! };
  }
  if (parts[0] === 'faxes' && parts.length === 1) {
    const filters = Object.fromEntries(FAX_FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as unknown as FaxHistoryFilters;
    return { name: 'faxes', filters };
  }
  if (parts[0] === 'faxes' && parts.length === 2) return { name: 'fax', faxId: parts[1]! };
  if (parts[0] === 'usage' && parts.length === 1) return { name: 'usage', month: params.get('month') ?? '' };
  if (parts[0] === 'settings' && parts.length <= 2 && isSettingsSection(parts[1] ?? ''))
    return { name: 'settings', section: (parts[1] ?? '') as SettingsSection };
  return { name: 'not-found' };
}

/** Only same-site paths are followed after signing in; anything else goes to the start page. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  return next;
}

function withQuery(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
  return search === '' ? path : `${path}?${search}`;
}

/** Addresses of every screen, so links never build URLs by hand. */
export const href = {
  patients: (query = '') => withQuery('/', { q: query }),
  signIn: (next: string) => withQuery('/sign-in', { next: safeNext(next) }),
  patientChart: (patientId: string, range: { from?: string; to?: string } = {}) =>
    withQuery(`/patients/${encodeURIComponent(patientId)}`, { from: range.from ?? '', to: range.to ?? '' }),
  patientPlans: (patientId: string) => `/patients/${encodeURIComponent(patientId)}/plans`,
  treatmentPlan: (patientId: string, planId: string) => `/patients/${encodeURIComponent(patientId)}/plans/${encodeURIComponent(planId)}`,
  usage: (month = '') => withQuery('/usage', { month }),
  settings: (section: SettingsSection = '') => (section === '' ? '/settings' : `/settings/${section}`),
  faxes: (filters: Partial<FaxHistoryFilters> = {}) =>
    withQuery('/faxes', Object.fromEntries(FAX_FILTER_KEYS.map((key) => [key, filters[key] ?? '']))),
  fax: (faxId: string) => `/faxes/${encodeURIComponent(faxId)}`,
};

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentPath()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(ROUTE_CHANGE));
}

/** The address of the current screen, path and query (what a sign-in returns to). */
export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(ROUTE_CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(ROUTE_CHANGE, onChange);
  };
}

/** The current address; components re-render when it changes. */
export function useCurrentPath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** An ordinary link that changes screen without reloading; modified clicks (new tab) behave as usual. */
export function Link({ href: to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
