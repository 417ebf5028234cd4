import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../connection';
import type { Fax, FaxAttempt, FaxAttemptsTable, FaxDocumentsTable, FaxesTable, FaxStatusColumn } from '../schema';

export async function insertFax(db: Executor, fax: Insertable<FaxesTable>): Promise<Fax> {
  return db.insertInto('faxes').values(fax).returningAll().executeTakeFirstOrThrow();
}

/** Insert unless a fax with the same idempotency key exists; returns null on that conflict. */
export async function insertFaxUnlessDuplicate(db: Executor, fax: Insertable<FaxesTable>): Promise<Fax | null> {
  const row = await db
    .insertInto('faxes')
    .values(fax)
    .onConflict((oc) => oc.columns(['clinic_id', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function findFaxByIdempotencyKey(db: Executor, clinicId: string, key: string): Promise<Fax | undefined> {
  return db.selectFrom('faxes').selectAll().where('clinic_id', '=', clinicId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function findFax(db: Executor, clinicId: string, faxId: string): Promise<Fax | undefined> {
  return db.selectFrom('faxes').selectAll().where('clinic_id', '=', clinicId).where('id', '=', faxId).executeTakeFirst();
}

/** The fax row, locked for the rest of the transaction: one worker at a time decides its next step. */
export async function lockFax(db: Executor, faxId: string): Promise<Fax | undefined> {
  return db.selectFrom('faxes').selectAll().where('id', '=', faxId).forUpdate().executeTakeFirst();
}

export async function findFaxById(db: Executor, faxId: string): Promise<Fax | undefined> {
  return db.selectFrom('faxes').selectAll().where('id', '=', faxId).executeTakeFirst();
}

export async function updateFax(db: Executor, faxId: string, changes: Updateable<FaxesTable>): Promise<void> {
  await db
    .updateTable('faxes')
    .set({ ...changes, updated_at: sql`now()` })
    .where('id', '=', faxId)
    .execute();
}

export async function insertFaxDocument(db: Executor, doc: Insertable<FaxDocumentsTable>): Promise<void> {
  await db.insertInto('fax_documents').values(doc).execute();
}

export async function findFaxDocument(db: Executor, faxId: string) {
  return db.selectFrom('fax_documents').selectAll().where('fax_id', '=', faxId).executeTakeFirst();
}

export async function insertFaxPages(db: Executor, faxId: string, pngs: Uint8Array[]): Promise<void> {
  if (pngs.length === 0) return;
  await db
    .insertInto('fax_pages')
    .values(pngs.map((png, i) => ({ fax_id: faxId, page_number: i + 1, png: Buffer.from(png) })))
    .execute();
}

export async function findFaxPage(db: Executor, faxId: string, pageNumber: number): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('fax_pages')
    .select('png')
    .where('fax_id', '=', faxId)
    .where('page_number', '=', pageNumber)
    .executeTakeFirst();
  return row?.png;
}

export async function insertAttempt(db: Executor, attempt: Insertable<FaxAttemptsTable>): Promise<FaxAttempt> {
  return db.insertInto('fax_attempts').values(attempt).returningAll().executeTakeFirstOrThrow();
}

export async function updateAttempt(db: Executor, attemptId: string, changes: Updateable<FaxAttemptsTable>): Promise<void> {
  await db.updateTable('fax_attempts').set(changes).where('id', '=', attemptId).execute();
}

/** The attempt still in progress (being sent, with the provider, or of unknown outcome), if any. */
export async function findOpenAttempt(db: Executor, faxId: string): Promise<FaxAttempt | undefined> {
  return db
    .selectFrom('fax_attempts')
    .selectAll()
    .where('fax_id', '=', faxId)
    .where('status', 'in', ['sending', 'submitted', 'unknown'])
    .orderBy('attempt_number', 'desc')
    .executeTakeFirst();
}

export async function findAttempts(db: Executor, faxId: string): Promise<FaxAttempt[]> {
  return db.selectFrom('fax_attempts').selectAll().where('fax_id', '=', faxId).orderBy('attempt_number').execute();
}

export async function findAttemptsOfFaxes(db: Executor, faxIds: string[]): Promise<FaxAttempt[]> {
  if (faxIds.length === 0) return [];
  return db.selectFrom('fax_attempts').selectAll().where('fax_id', 'in', faxIds).orderBy('attempt_number').execute();
}

export async function findAttemptByProviderFaxId(db: Executor, transport: string, providerFaxId: string): Promise<FaxAttempt | undefined> {
  return db
    .selectFrom('fax_attempts')
    .selectAll()
    .where('transport', '=', transport)
    .where('provider_fax_id', '=', providerFaxId)
    .executeTakeFirst();
}

export interface FaxSearch {
  clinicId: string;
  status?: FaxStatusColumn[];
  patientId?: string;
  staffId?: string;
  /** Matches the recipient's name or fax number digits. */
  recipient?: string;
  createdFrom?: Date;
  createdBefore?: Date;
  limit: number;
  offset: number;
}

export async function searchFaxes(db: Executor, search: FaxSearch): Promise<{ rows: (Fax & { patient_name: string })[]; total: number }> {
  let q = db.selectFrom('faxes').where('clinic_id', '=', search.clinicId);
  if (search.status && search.status.length > 0) q = q.where('status', 'in', search.status);
  if (search.patientId) q = q.where('patient_id', '=', search.patientId);
  if (search.staffId) q = q.where('sender_staff_id', '=', search.staffId);
  if (search.createdFrom) q = q.where('created_at', '>=', search.createdFrom);
  if (search.createdBefore) q = q.where('created_at', '<', search.createdBefore);
  if (search.recipient && search.recipient.trim() !== '') {
    const text = `%${search.recipient
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = search.recipient.replace(/\D/g, '');
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['recipient_name']), 'like', text),
        ...(digits.length >= 3 ? [eb('recipient_fax_number', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .select((eb) =>
        eb
          .selectFrom('patients')
          .select(sql<string>`first_name || ' ' || last_name`.as('n'))
          .whereRef('patients.id', '=', 'faxes.patient_id')
          .as('patient_name'),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(search.limit)
      .offset(search.offset)
      .execute() as Promise<(Fax & { patient_name: string })[]>,
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Faxes a watchdog should look at: work that should have moved by now. */
export async function findStalledFaxes(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom('faxes')
    .leftJoin('fax_attempts as a', (join) =>
      join.onRef('a.fax_id', '=', 'faxes.id').on('a.status', 'in', ['sending', 'submitted', 'unknown']),
    )
    .select([
      'faxes.id',
      'faxes.status',
      'faxes.next_attempt_at',
      'faxes.give_up_at',
      'faxes.updated_at',
      'a.status as attempt_status',
      'a.lease_expires_at',
      'a.started_at',
    ])
    .where('faxes.status', 'in', ['queued', 'rendering', 'sending', 'waiting-to-retry'])
    .where((eb) =>
      eb.or([
        eb('a.lease_expires_at', '<', now),
        eb.and([eb('a.id', 'is', null), eb('faxes.next_attempt_at', '<', new Date(now.getTime() - 60_000))]),
        eb.and([
          eb('a.id', 'is', null),
          eb('faxes.next_attempt_at', 'is', null),
          eb('faxes.updated_at', '<', new Date(now.getTime() - 60_000)),
        ]),
        eb.and([eb('a.status', '=', 'submitted'), eb('a.started_at', '<', new Date(now.getTime() - 15 * 60_000))]),
      ]),
    )
    .orderBy('faxes.updated_at')
    .limit(limit)
    .execute();
}

/** Numbers this clinic has faxed before (any outcome): a first-time number asks staff to confirm. */
export async function hasFaxedNumberBefore(db: Executor, clinicId: string, e164: string): Promise<boolean> {
  const row = await db
    .selectFrom('faxes')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('recipient_fax_number', '=', e164)
    .where('status', 'in', ['delivered', 'partially-delivered'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
