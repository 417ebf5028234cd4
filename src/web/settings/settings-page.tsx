/**
 * Settings: one page per concern, each shown only to people whose permissions let them use it
 * (GET /api/me's `permissions`). /settings opens the first page the person may see.
 */
import { useEffect, type ReactNode } from 'react';
import { AddressBookPage } from '../pages/address-book-page';
import { href, Link, navigate, type SettingsSection } from '../routing';
import { useMe } from '../session';
import { ApiSection } from './api-section';
import { CoverTemplatesSection } from './cover-templates-section';
import { DisclosuresSection } from './disclosures-section';
import { FaxSettingsSection } from './fax-settings-section';
import { IntegrationsSection } from './integrations-section';
import { NumbersSection } from './numbers-section';
import '../styles/settings.css';

type Page = Exclude<SettingsSection, ''>;

const PAGES: readonly { section: Page; label: string; permission: string }[] = [
  { section: 'address-book', label: 'Address book', permission: 'contacts:read' },
  { section: 'integrations', label: 'Integrations', permission: 'integrations:manage' },
  { section: 'numbers', label: 'Fax numbers', permission: 'integrations:manage' },
  { section: 'cover-templates', label: 'Cover templates', permission: 'templates:manage' },
  { section: 'fax', label: 'Fax settings', permission: 'settings:manage' },
  { section: 'api', label: 'API keys & webhooks', permission: 'api-keys:manage' },
  { section: 'disclosures', label: 'Disclosures', permission: 'disclosures:read' },
];

function renderSection(section: Page): ReactNode {
  switch (section) {
    case 'address-book':
      return <AddressBookPage />;
    case 'integrations':
      return <IntegrationsSection />;
    case 'numbers':
      return <NumbersSection />;
    case 'cover-templates':
      return <CoverTemplatesSection />;
    case 'fax':
      return <FaxSettingsSection />;
    case 'api':
      return <ApiSection />;
    case 'disclosures':
      return <DisclosuresSection />;
  }
}

export function SettingsPage({ section }: { section: SettingsSection }) {
  const me = useMe();
  const pages = PAGES.filter((p) => me.permissions[p.permission]);
  const first = pages[0]?.section;

  useEffect(() => {
    if (section === '' && first) navigate(href.settings(first), { replace: true });
  }, [section, first]);

  const current = pages.find((p) => p.section === section);
  return (
    <div className="settings-layout">
      <nav aria-label="Settings" className="settings-nav">
        <h1 className="settings-title">Settings</h1>
        <ul>
          {pages.map((p) => (
            <li key={p.section}>
              <Link href={href.settings(p.section)} aria-current={p.section === section ? 'page' : undefined}>
                {p.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-content">
        {current ? (
          renderSection(current.section)
        ) : section === '' ? null : (
          <div className="notice notice-info">
            <p>This settings page is for owners and admins. Ask one of them if something here needs changing.</p>
          </div>
        )}
      </div>
    </div>
  );
}
