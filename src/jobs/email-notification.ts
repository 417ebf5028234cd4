/**
 * E-mail an in-app notification to the people it is for. Notifications never hold patient data
 * (allowance and account notices carry counts and settings only), so they may travel by e-mail.
 * Without SMTP configured (mailer null) notifications stay in-app only.
 */
import { findNotification, markNotificationEmailed } from '../db/repositories/notifications';
import { findStaff, findStaffEmailsByRoles } from '../db/repositories/staff';
import type { JobDeps } from './job-deps';

export const NOTIFICATION_EMAIL_FOOTER =
  'Sign in to Chartfax to see the details. You receive this e-mail because you are an owner or admin of the clinic.';

export async function handleEmailNotification(deps: JobDeps, payload: { notificationId: string }): Promise<void> {
  if (!deps.mailer) return;
  const notification = await findNotification(deps.db, payload.notificationId);
  if (!notification || notification.emailed_at) return;
  let to: string[];
  if (notification.audience === 'admins') {
    to = (await findStaffEmailsByRoles(deps.db, notification.clinic_id, ['owner', 'admin'])).map((s) => s.email);
  } else {
    const staff = notification.staff_id ? await findStaff(deps.db, notification.clinic_id, notification.staff_id) : undefined;
    to = staff ? [staff.email] : [];
  }
  if (to.length > 0) {
    await deps.mailer.send({
      to,
      subject: `Chartfax: ${notification.title}`,
      text: `${notification.body}\n\n${NOTIFICATION_EMAIL_FOOTER}\n`,
    });
  }
  await markNotificationEmailed(deps.db, notification.id, deps.clock.now());
}
