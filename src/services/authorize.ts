import { FaxError } from '../core/errors';
import { describeMissingPermission, grantFor, type Permission } from '../core/permissions';
import type { Principal } from './principal';

/**
 * Refuse with a 403 that names the missing permission, or return the grant's scope. 'own' means the
 * caller may act only on patients they treat; callers pass `treatedBy` on to queries.
 */
export function requirePermission(principal: Principal, permission: Permission): { treatedBy: string | null } {
  const grant = grantFor(principal.role, permission);
  if (grant === false) throw new FaxError('forbidden', describeMissingPermission(principal.role, permission));
  return { treatedBy: grant === 'own' ? principal.staffId : null };
}
