import { useState } from 'react';
import { href, Link } from '../routing';
import { useMe, useSession } from '../session';
import { roleLabel } from '../format';
import { NotificationsMenu } from '../settings/notifications-menu';

/**
 * Main navigation. Later screens (fax history, settings) add an item here, with `permission` naming
 * what the signed-in person needs to see it (as in GET /api/me's `permissions`).
 */
interface NavItem {
  label: string;
  href: string;
  /** True when the current address belongs to this item. */
  matches: (path: string) => boolean;
  permission: string;
}

/** Usage, and Settings for anyone who may read the address book (its own tabs hide what they may not change). */
const ADMIN_NAV_ITEMS: readonly NavItem[] = [
  { label: 'Usage', href: href.usage(), matches: (p) => p === '/usage' || p.startsWith('/usage?'), permission: 'usage:read' },
  {
    label: 'Settings',
    href: href.settings(),
    matches: (p) => p === '/settings' || p.startsWith('/settings/'),
    permission: 'contacts:read',
  },
];

const NAV_ITEMS: readonly NavItem[] = [
  {
    label: 'Patients',
    href: href.patients(),
    matches: (p) => p === '/' || p.startsWith('/?') || p.startsWith('/patients'),
    permission: 'patients:read',
  },
  {
    label: 'Fax history',
    href: href.faxes(),
    matches: (p) => p === '/faxes' || p.startsWith('/faxes?') || p.startsWith('/faxes/'),
    permission: 'faxes:read',
  },
];

export function AppHeader({ currentPath }: { currentPath: string }) {
  const me = useMe();
  const { signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const items = [...NAV_ITEMS, ...ADMIN_NAV_ITEMS].filter((item) => me.permissions[item.permission]);

  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link href={href.patients()} className="brand">
          <span className="brand-mark" aria-hidden="true">
            CF
          </span>
          Chartfax
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={item.matches(currentPath) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user-menu">
          <NotificationsMenu />
          <p className="user-name">
            <span>{me.displayName}</span>
            <span className="user-role">{roleLabel(me.role)}</span>
          </p>
          <button
            type="button"
            className="button button-quiet"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              signOut().catch(() => setSigningOut(false));
            }}
          >
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
