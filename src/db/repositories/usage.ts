import { sql } from 'kysely';
import type { Executor } from '../connection';

/** Count a fax's pages once; a second call for the same fax changes nothing. Returns true when inserted. */
export async function insertUsageRecord(
  db: Executor,
  record: {
    faxId: string;
    clinicId: string;
    countedAt: Date;
    month: string;
    day: string;
    pages: number;
    staffId: string | null;
    locationId: string | null;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('usage_records')
    .values({
      fax_id: record.faxId,
      clinic_id: record.clinicId,
      counted_at: record.countedAt,
      month: record.month,
      day: record.day,
      pages: record.pages,
      staff_id: record.staffId,
      location_id: record.locationId,
    })
    .onConflict((oc) => oc.column('fax_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Serialise usage counting per clinic for the rest of the transaction, so two faxes finishing at the
 * same moment both see each other's pages when deciding on allowance notices.
 */
export async function lockClinicUsage(db: Executor, clinicId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`usage:${clinicId}`}))`.execute(db);
}

export async function sumMonthPages(db: Executor, clinicId: string, month: string): Promise<number> {
  const row = await db
    .selectFrom('usage_records')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('pages'), sql<number>`0`).as('pages'))
    .where('clinic_id', '=', clinicId)
    .where('month', '=', month)
    .executeTakeFirstOrThrow();
  return Number(row.pages);
}

export async function sumPagesByDay(db: Executor, clinicId: string, month: string): Promise<{ day: string; pages: number }[]> {
  const rows = await db
    .selectFrom('usage_records')
    .select(['day', (eb) => eb.fn.sum<number>('pages').as('pages')])
    .where('clinic_id', '=', clinicId)
    .where('month', '=', month)
    .groupBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, pages: Number(r.pages) }));
}

export async function sumPagesByStaff(
  db: Executor,
  clinicId: string,
  month: string,
): Promise<{ staffId: string | null; firstName: string | null; lastName: string | null; pages: number }[]> {
  const rows = await db
    .selectFrom('usage_records as u')
    .leftJoin('staff as s', 's.id', 'u.staff_id')
    .select(['u.staff_id', 's.first_name', 's.last_name', (eb) => eb.fn.sum<number>('u.pages').as('pages')])
    .where('u.clinic_id', '=', clinicId)
    .where('u.month', '=', month)
    .groupBy(['u.staff_id', 's.first_name', 's.last_name'])
    .orderBy('pages', 'desc')
    .execute();
  return rows.map((r) => ({ staffId: r.staff_id, firstName: r.first_name, lastName: r.last_name, pages: Number(r.pages) }));
}

export async function sumPagesByLocation(
  db: Executor,
  clinicId: string,
  month: string,
): Promise<{ locationId: string | null; name: string | null; pages: number }[]> {
  const rows = await db
    .selectFrom('usage_records as u')
    .leftJoin('locations as l', 'l.id', 'u.location_id')
    .select(['u.location_id', 'l.name', (eb) => eb.fn.sum<number>('u.pages').as('pages')])
    .where('u.clinic_id', '=', clinicId)
    .where('u.month', '=', month)
    .groupBy(['u.location_id', 'l.name'])
    .orderBy('pages', 'desc')
    .execute();
  return rows.map((r) => ({ locationId: r.location_id, name: r.name, pages: Number(r.pages) }));
}

export async function sumPagesByMonth(db: Executor, clinicId: string, months: string[]): Promise<Map<string, number>> {
  if (months.length === 0) return new Map();
  const rows = await db
    .selectFrom('usage_records')
    .select(['month', (eb) => eb.fn.sum<number>('pages').as('pages')])
    .where('clinic_id', '=', clinicId)
    .where('month', 'in', months)
    .groupBy('month')
    .execute();
  return new Map(rows.map((r) => [r.month, Number(r.pages)]));
}
