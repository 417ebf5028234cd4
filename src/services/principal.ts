import type { PrincipalRole } from '../core/permissions';

/** Who is making a request: a signed-in staff member or a host system's API key. */
export interface Principal {
  kind: 'staff' | 'api-key';
  clinicId: string;
  /** Staff id for staff; null for API keys. */
  staffId: string | null;
  apiKeyId: string | null;
  role: PrincipalRole;
  displayName: string;
}
