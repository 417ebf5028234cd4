import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../connection';
import type { TreatmentPlan, TreatmentPlansTable } from '../schema';

export type TreatmentPlanWithPractitioner = TreatmentPlan & {
  practitioner_first_name: string;
  practitioner_last_name: string;
  practitioner_credentials: string | null;
  entry_count: number;
};

function planQuery(db: Executor) {
  return db
    .selectFrom('treatment_plans')
    .innerJoin('staff', 'staff.id', 'treatment_plans.practitioner_id')
    .selectAll('treatment_plans')
    .select((eb) => [
      'staff.first_name as practitioner_first_name',
      'staff.last_name as practitioner_last_name',
      'staff.credentials as practitioner_credentials',
      eb
        .selectFrom('chart_entries')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('chart_entries.treatment_plan_id', '=', 'treatment_plans.id')
        .where('chart_entries.deleted_at', 'is', null)
        .as('entry_count'),
    ]);
}

export async function findPatientTreatmentPlans(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<TreatmentPlanWithPractitioner[]> {
  const rows = await planQuery(db)
    .where('treatment_plans.clinic_id', '=', clinicId)
    .where('treatment_plans.patient_id', '=', patientId)
    .orderBy('treatment_plans.start_date', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, entry_count: Number(r.entry_count ?? 0) }));
}

export async function findTreatmentPlan(
  db: Executor,
  clinicId: string,
  planId: string,
): Promise<TreatmentPlanWithPractitioner | undefined> {
  const row = await planQuery(db)
    .where('treatment_plans.clinic_id', '=', clinicId)
    .where('treatment_plans.id', '=', planId)
    .executeTakeFirst();
  return row ? { ...row, entry_count: Number(row.entry_count ?? 0) } : undefined;
}

export async function insertTreatmentPlan(db: Executor, plan: Insertable<TreatmentPlansTable>): Promise<TreatmentPlan> {
  return db.insertInto('treatment_plans').values(plan).returningAll().executeTakeFirstOrThrow();
}

export async function updateTreatmentPlan(
  db: Executor,
  clinicId: string,
  planId: string,
  changes: Updateable<TreatmentPlansTable>,
): Promise<TreatmentPlan | undefined> {
  return db
    .updateTable('treatment_plans')
    .set({ ...changes, updated_at: new Date() })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', planId)
    .returningAll()
    .executeTakeFirst();
}
