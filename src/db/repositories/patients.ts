import { sql } from 'kysely';
import type { Executor } from '../connection';
import type { NewPatient, Patient, PatientUpdate } from '../schema';

export async function searchPatients(
  db: Executor,
  params: { clinicId: string; query: string; treatedBy: string | null; limit: number; offset: number },
): Promise<{ rows: Patient[]; total: number }> {
  let q = db.selectFrom('patients').where('patients.clinic_id', '=', params.clinicId);
  const treatedBy = params.treatedBy;
  if (treatedBy) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('patient_practitioners as pp')
          .select('pp.patient_id')
          .whereRef('pp.patient_id', '=', 'patients.id')
          .where('pp.staff_id', '=', treatedBy),
      ),
    );
  }
  const terms = params.query.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  for (const term of terms) {
    const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['patients.first_name']), 'like', like),
        eb(eb.fn('lower', ['patients.last_name']), 'like', like),
        eb(sql<string>`to_char(patients.date_of_birth, 'YYYY-MM-DD')`, 'like', like),
        eb(sql<string>`lower(patients.identifiers::text)`, 'like', like),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll('patients')
      .orderBy(sql`lower(patients.last_name)`)
      .orderBy(sql`lower(patients.first_name)`)
      .orderBy('patients.id')
      .limit(params.limit)
      .offset(params.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findPatient(
  db: Executor,
  clinicId: string,
  patientId: string,
  treatedBy: string | null,
): Promise<Patient | undefined> {
  let q = db.selectFrom('patients').selectAll('patients').where('patients.clinic_id', '=', clinicId).where('patients.id', '=', patientId);
  if (treatedBy) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('patient_practitioners as pp')
          .select('pp.patient_id')
          .whereRef('pp.patient_id', '=', 'patients.id')
          .where('pp.staff_id', '=', treatedBy),
      ),
    );
  }
  return q.executeTakeFirst();
}

export async function findPatientPractitionerIds(db: Executor, patientId: string): Promise<string[]> {
  const rows = await db.selectFrom('patient_practitioners').select('staff_id').where('patient_id', '=', patientId).execute();
  return rows.map((r) => r.staff_id);
}

export async function insertPatient(db: Executor, patient: NewPatient): Promise<Patient> {
  return db.insertInto('patients').values(patient).returningAll().executeTakeFirstOrThrow();
}

export async function updatePatient(
  db: Executor,
  clinicId: string,
  patientId: string,
  changes: PatientUpdate,
): Promise<Patient | undefined> {
  return db
    .updateTable('patients')
    .set({ ...changes, updated_at: new Date() })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', patientId)
    .returningAll()
    .executeTakeFirst();
}

export async function setPatientPractitioners(db: Executor, clinicId: string, patientId: string, staffIds: string[]): Promise<void> {
  await db.deleteFrom('patient_practitioners').where('patient_id', '=', patientId).execute();
  if (staffIds.length > 0) {
    await db
      .insertInto('patient_practitioners')
      .values(staffIds.map((staffId) => ({ clinic_id: clinicId, patient_id: patientId, staff_id: staffId })))
      .execute();
  }
}
