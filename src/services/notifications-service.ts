/** In-app notifications: a staff member's own, plus the admins' ones for owners and admins. */
import { FaxError } from '../core/errors';
import { findNotification, findNotificationsFor, markNotificationRead, type Notification } from '../db/repositories/notifications';
import type { Principal } from './principal';
import type { ServiceDeps } from './service-deps';

export type NotificationsDeps = ServiceDeps;

export function toNotificationDto(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    audience: n.audience,
    title: n.title,
    body: n.body,
    createdAt: n.created_at.toISOString(),
    read: n.read_at !== null,
    readAt: n.read_at?.toISOString() ?? null,
    emailed: n.emailed_at !== null,
  };
}

function requireStaff(principal: Principal): string {
  if (principal.kind !== 'staff' || !principal.staffId)
    throw new FaxError('forbidden', 'Notifications are for signed-in staff; API keys have none.');
  return principal.staffId;
}

const isAdmin = (principal: Principal) => principal.role === 'owner' || principal.role === 'admin';

function visibleTo(principal: Principal, staffId: string, n: Notification): boolean {
  if (n.clinic_id !== principal.clinicId) return false;
  return n.audience === 'admins' ? isAdmin(principal) : n.staff_id === staffId;
}

export async function listNotifications(deps: NotificationsDeps, principal: Principal, params: { unreadOnly: boolean; limit: number }) {
  const staffId = requireStaff(principal);
  const rows = await findNotificationsFor(deps.db, { clinicId: principal.clinicId, staffId, isAdmin: isAdmin(principal), ...params });
  return { notifications: rows.map(toNotificationDto), unread: rows.filter((n) => n.read_at === null).length };
}

/**
 * Mark read. Admin notifications are shared by the clinic's owners and admins, so one of them reading
 * it marks it read for all (they act on it as a team).
 */
export async function readNotification(deps: NotificationsDeps, principal: Principal, notificationId: string) {
  const staffId = requireStaff(principal);
  const n = await findNotification(deps.db, notificationId);
  if (!n || !visibleTo(principal, staffId, n)) throw new FaxError('not-found', 'No notification with this id for you.');
  await markNotificationRead(deps.db, n.id, deps.clock.now());
  return toNotificationDto((await findNotification(deps.db, n.id))!);
}
