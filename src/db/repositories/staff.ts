import type { Executor } from '../connection';
import type { Staff } from '../schema';

export async function findStaffByEmail(db: Executor, email: string): Promise<Staff | undefined> {
  return db
    .selectFrom('staff')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function findStaff(db: Executor, clinicId: string, staffId: string): Promise<Staff | undefined> {
  return db.selectFrom('staff').selectAll().where('clinic_id', '=', clinicId).where('id', '=', staffId).executeTakeFirst();
}

export async function findStaffList(db: Executor, clinicId: string): Promise<Staff[]> {
  return db.selectFrom('staff').selectAll().where('clinic_id', '=', clinicId).orderBy('last_name').orderBy('first_name').execute();
}

export async function findStaffEmailsByRoles(db: Executor, clinicId: string, roles: Staff['role'][]): Promise<Staff[]> {
  return db.selectFrom('staff').selectAll().where('clinic_id', '=', clinicId).where('role', 'in', roles).execute();
}
