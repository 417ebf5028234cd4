import type { Selectable } from 'kysely';
import type { Executor } from '../connection';
import type { NotificationsTable } from '../schema';

export type Notification = Selectable<NotificationsTable>;

/** Insert a notification unless one with the same dedupe key exists; returns its id when inserted. */
export async function insertNotificationOnce(
  db: Executor,
  n: {
    clinicId: string;
    audience: 'admins' | 'staff';
    staffId: string | null;
    kind: string;
    dedupeKey: string;
    title: string;
    body: string;
    createdAt: Date;
  },
): Promise<string | null> {
  const row = await db
    .insertInto('notifications')
    .values({
      clinic_id: n.clinicId,
      audience: n.audience,
      staff_id: n.staffId,
      kind: n.kind,
      dedupe_key: n.dedupeKey,
      title: n.title,
      body: n.body,
      created_at: n.createdAt,
    })
    .onConflict((oc) => oc.columns(['clinic_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A staff member's notifications (and the admins' ones when they are an owner or admin), newest first. */
export async function findNotificationsFor(
  db: Executor,
  params: { clinicId: string; staffId: string; isAdmin: boolean; unreadOnly: boolean; limit: number },
): Promise<Notification[]> {
  let q = db
    .selectFrom('notifications')
    .selectAll()
    .where('clinic_id', '=', params.clinicId)
    .where((eb) => {
      const mine = eb.and([eb('audience', '=', 'staff'), eb('staff_id', '=', params.staffId)]);
      return params.isAdmin ? eb.or([mine, eb('audience', '=', 'admins')]) : mine;
    });
  if (params.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(params.limit).execute();
}

export async function findNotification(db: Executor, notificationId: string): Promise<Notification | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', notificationId).executeTakeFirst();
}

export async function markNotificationRead(db: Executor, notificationId: string, now: Date): Promise<void> {
  await db.updateTable('notifications').set({ read_at: now }).where('id', '=', notificationId).where('read_at', 'is', null).execute();
}

export async function markNotificationEmailed(db: Executor, notificationId: string, now: Date): Promise<void> {
  await db.updateTable('notifications').set({ emailed_at: now }).where('id', '=', notificationId).execute();
}
