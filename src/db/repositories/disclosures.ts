import type { Insertable } from 'kysely';
import type { Executor } from '../connection';
import type { DisclosuresTable } from '../schema';

/** Append a disclosure record; one per fax (a second call for the same fax changes nothing). */
export async function insertDisclosure(db: Executor, disclosure: Insertable<DisclosuresTable>): Promise<void> {
  await db
    .insertInto('disclosures')
    .values(disclosure)
    .onConflict((oc) => oc.column('fax_id').doNothing())
    .execute();
}

/** Disclosures in [start, end), oldest first, with the patient's name and date of birth. */
export async function findDisclosures(
  db: Executor,
  params: { clinicId: string; patientId?: string; start?: Date; end?: Date; limit: number },
) {
  let q = db
    .selectFrom('disclosures as d')
    .innerJoin('patients as p', (join) => join.onRef('p.id', '=', 'd.patient_id').onRef('p.clinic_id', '=', 'd.clinic_id'))
    .selectAll('d')
    .select(['p.first_name as patient_first_name', 'p.last_name as patient_last_name', 'p.date_of_birth as patient_date_of_birth'])
    .where('d.clinic_id', '=', params.clinicId);
  if (params.patientId) q = q.where('d.patient_id', '=', params.patientId);
  if (params.start) q = q.where('d.disclosed_at', '>=', params.start);
  if (params.end) q = q.where('d.disclosed_at', '<', params.end);
  return q.orderBy('d.disclosed_at').orderBy('d.id').limit(params.limit).execute();
}
