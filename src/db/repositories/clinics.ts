import type { Executor } from '../connection';
import type { Clinic } from '../schema';

export async function findClinic(db: Executor, clinicId: string): Promise<Clinic | undefined> {
  return db.selectFrom('clinics').selectAll().where('id', '=', clinicId).executeTakeFirst();
}

export async function countClinics(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('clinics')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findLocations(db: Executor, clinicId: string) {
  return db.selectFrom('locations').selectAll().where('clinic_id', '=', clinicId).orderBy('name').execute();
}
