import type { Updateable } from 'kysely';
import type { Executor } from '../connection';
import type { ClinicFaxSettings, ClinicFaxSettingsTable } from '../schema';

export async function findFaxSettings(db: Executor, clinicId: string): Promise<ClinicFaxSettings | undefined> {
  return db.selectFrom('clinic_fax_settings').selectAll().where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** The clinic's settings row, created with the defaults (see migration 0002) the first time it is asked for. */
export async function ensureFaxSettings(db: Executor, clinicId: string): Promise<ClinicFaxSettings> {
  await db
    .insertInto('clinic_fax_settings')
    .values({ clinic_id: clinicId })
    .onConflict((oc) => oc.column('clinic_id').doNothing())
    .execute();
  return db.selectFrom('clinic_fax_settings').selectAll().where('clinic_id', '=', clinicId).executeTakeFirstOrThrow();
}

export async function updateFaxSettings(
  db: Executor,
  clinicId: string,
  changes: Updateable<ClinicFaxSettingsTable>,
  now: Date,
): Promise<ClinicFaxSettings> {
  await ensureFaxSettings(db, clinicId);
  return db
    .updateTable('clinic_fax_settings')
    .set({ ...changes, updated_at: now })
    .where('clinic_id', '=', clinicId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
