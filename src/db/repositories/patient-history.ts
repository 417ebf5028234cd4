import type { Executor } from '../connection';

/** Add the chart-history line of a fax; one per fax (a second call changes nothing). */
export async function insertFaxHistoryLine(
  db: Executor,
  line: { clinicId: string; patientId: string; faxId: string; occurredAt: Date; text: string },
): Promise<void> {
  await db
    .insertInto('patient_history')
    .values({ clinic_id: line.clinicId, patient_id: line.patientId, fax_id: line.faxId, occurred_at: line.occurredAt, text: line.text })
    .onConflict((oc) => oc.column('fax_id').doNothing())
    .execute();
}

export async function findPatientHistory(db: Executor, clinicId: string, patientId: string, limit: number) {
  return db
    .selectFrom('patient_history')
    .select(['id', 'fax_id', 'occurred_at', 'text'])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .orderBy('occurred_at', 'desc')
    .limit(limit)
    .execute();
}
