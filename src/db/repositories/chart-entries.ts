import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../connection';
import type { ChartEntriesTable, ChartEntry } from '../schema';

const ENTRY_COLUMNS = [
  'chart_entries.id',
  'chart_entries.clinic_id',
  'chart_entries.patient_id',
  'chart_entries.author_id',
  'chart_entries.occurred_at',
  'chart_entries.template_name',
  'chart_entries.sections',
  'chart_entries.signed',
  'chart_entries.treatment_plan_id',
  'chart_entries.deleted_at',
  'chart_entries.created_at',
  'chart_entries.updated_at',
] as const;

export type ChartEntryWithAuthor = ChartEntry & {
  author_first_name: string;
  author_last_name: string;
  author_credentials: string | null;
};

function withAuthor(db: Executor) {
  return db
    .selectFrom('chart_entries')
    .innerJoin('staff', 'staff.id', 'chart_entries.author_id')
    .select([
      ...ENTRY_COLUMNS,
      'staff.first_name as author_first_name',
      'staff.last_name as author_last_name',
      'staff.credentials as author_credentials',
    ])
    .where('chart_entries.deleted_at', 'is', null);
}

/** Entries of one patient in [start, end), newest or oldest first. Deleted entries never appear. */
export async function findChartEntries(
  db: Executor,
  params: { clinicId: string; patientId: string; start?: Date; end?: Date; order: 'newest' | 'oldest'; limit: number; offset?: number },
): Promise<ChartEntryWithAuthor[]> {
  let q = withAuthor(db).where('chart_entries.clinic_id', '=', params.clinicId).where('chart_entries.patient_id', '=', params.patientId);
  if (params.start) q = q.where('chart_entries.occurred_at', '>=', params.start);
  if (params.end) q = q.where('chart_entries.occurred_at', '<', params.end);
  const dir = params.order === 'newest' ? 'desc' : 'asc';
  return q
    .orderBy('chart_entries.occurred_at', dir)
    .orderBy('chart_entries.id', dir)
    .limit(params.limit)
    .offset(params.offset ?? 0)
    .execute();
}

export async function countChartEntries(
  db: Executor,
  params: { clinicId: string; patientId: string; start?: Date; end?: Date },
): Promise<number> {
  let q = db
    .selectFrom('chart_entries')
    .where('clinic_id', '=', params.clinicId)
    .where('patient_id', '=', params.patientId)
    .where('deleted_at', 'is', null);
  if (params.start) q = q.where('occurred_at', '>=', params.start);
  if (params.end) q = q.where('occurred_at', '<', params.end);
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findChartEntry(db: Executor, clinicId: string, entryId: string): Promise<ChartEntryWithAuthor | undefined> {
  return withAuthor(db).where('chart_entries.clinic_id', '=', clinicId).where('chart_entries.id', '=', entryId).executeTakeFirst();
}

export async function findPlanChartEntries(db: Executor, clinicId: string, planId: string): Promise<ChartEntryWithAuthor[]> {
  return withAuthor(db)
    .where('chart_entries.clinic_id', '=', clinicId)
    .where('chart_entries.treatment_plan_id', '=', planId)
    .orderBy('chart_entries.occurred_at', 'asc')
    .orderBy('chart_entries.id', 'asc')
    .execute();
}

export async function insertChartEntry(db: Executor, entry: Insertable<ChartEntriesTable>): Promise<ChartEntry> {
  return db.insertInto('chart_entries').values(entry).returningAll().executeTakeFirstOrThrow();
}

export async function updateChartEntry(
  db: Executor,
  clinicId: string,
  entryId: string,
  changes: Updateable<ChartEntriesTable>,
): Promise<ChartEntry | undefined> {
  return db
    .updateTable('chart_entries')
    .set({ ...changes, updated_at: new Date() })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', entryId)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
