/**
 * The permission matrix: the one place that says who may do what. Every route names the permission it
 * needs; the README's table is generated from PERMISSION_MATRIX (test/core/permissions.test.ts checks it).
 */

export const STAFF_ROLES = ['owner', 'admin', 'front-desk', 'practitioner', 'practitioner-limited', 'no-access'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Host systems authenticate with API keys and act as this principal. */
export type PrincipalRole = StaffRole | 'api-key';

export const ROLE_LABELS: Readonly<Record<PrincipalRole, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  'front-desk': 'Front desk',
  practitioner: 'Practitioner',
  'practitioner-limited': 'Practitioner (limited)',
  'no-access': 'No access',
  'api-key': 'API key (host system)',
};

export const PERMISSIONS = {
  'patients:read': 'read patient demographics',
  'patients:write': 'create and update patients',
  'charts:read': 'read chart entries and treatment plans',
  'charts:write': 'create and update chart entries and treatment plans',
  'faxes:send': 'send, cancel and resend faxes',
  'faxes:read': 'read the fax history',
  'contacts:read': 'read the address book',
  'contacts:write': 'change the address book',
  'usage:read': 'read fax usage',
  'disclosures:read': 'read the accounting of disclosures',
  'settings:manage': 'change fax settings',
  'integrations:manage': 'connect and disconnect fax providers',
  'templates:manage': 'manage cover page templates',
  'api-keys:manage': 'manage API keys and webhooks',
} as const;
export type Permission = keyof typeof PERMISSIONS;

/** 'all': the whole clinic; 'own': only patients the practitioner treats; false: refused. */
export type Grant = 'all' | 'own' | false;

const ALL: Grant = 'all';
const OWN: Grant = 'own';
const NO: Grant = false;

type Row = Readonly<Record<PrincipalRole, Grant>>;
const row = (owner: Grant, admin: Grant, frontDesk: Grant, practitioner: Grant, limited: Grant, apiKey: Grant): Row => ({
  owner,
  admin,
  'front-desk': frontDesk,
  practitioner,
  'practitioner-limited': limited,
  'no-access': NO,
  'api-key': apiKey,
});

//                                              owner admin desk  pract limited api-key
export const PERMISSION_MATRIX: Readonly<Record<Permission, Row>> = Object.freeze({
  'patients:read': row(ALL, ALL, ALL, ALL, OWN, ALL),
  'patients:write': row(ALL, ALL, ALL, NO, NO, ALL),
  'charts:read': row(ALL, ALL, ALL, ALL, OWN, ALL),
  'charts:write': row(ALL, ALL, NO, ALL, OWN, ALL),
  'faxes:send': row(ALL, ALL, ALL, ALL, NO, ALL),
  'faxes:read': row(ALL, ALL, ALL, ALL, NO, ALL),
  'contacts:read': row(ALL, ALL, ALL, ALL, NO, ALL),
  'contacts:write': row(ALL, ALL, ALL, ALL, NO, ALL),
  'usage:read': row(ALL, ALL, NO, NO, NO, ALL),
  'disclosures:read': row(ALL, ALL, NO, NO, NO, NO),
  'settings:manage': row(ALL, ALL, NO, NO, NO, NO),
  'integrations:manage': row(ALL, ALL, NO, NO, NO, NO),
  'templates:manage': row(ALL, ALL, NO, NO, NO, NO),
  'api-keys:manage': row(ALL, ALL, NO, NO, NO, NO),
});

export function grantFor(role: PrincipalRole, permission: Permission): Grant {
  return PERMISSION_MATRIX[permission][role];
}

/** The sentence a 403 carries: which permission is missing, in words. */
export function describeMissingPermission(role: PrincipalRole, permission: Permission): string {
  return `Your role (${ROLE_LABELS[role]}) does not have the "${permission}" permission: it cannot ${PERMISSIONS[permission]}.`;
}

/** Markdown table of the matrix, for the README. */
export function renderPermissionTable(): string {
  const roles: PrincipalRole[] = ['owner', 'admin', 'front-desk', 'practitioner', 'practitioner-limited', 'no-access', 'api-key'];
  const cell = (g: Grant) => (g === 'all' ? 'yes' : g === 'own' ? 'own patients' : '—');
  const header = `| permission | ${roles.map((r) => ROLE_LABELS[r]).join(' | ')} |`;
  const sep = `| --- | ${roles.map(() => '---').join(' | ')} |`;
  const rows = (Object.keys(PERMISSION_MATRIX) as Permission[]).map(
    (p) => `| \`${p}\` (${PERMISSIONS[p]}) | ${roles.map((r) => cell(PERMISSION_MATRIX[p][r])).join(' | ')} |`,
  );
  return [header, sep, ...rows].join('\n');
}
