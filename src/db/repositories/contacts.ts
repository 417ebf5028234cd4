import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../connection';
import type { Contact, ContactsTable } from '../schema';

export type NewContact = Insertable<ContactsTable>;
export type ContactChanges = Updateable<ContactsTable>;

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Contacts matching every term of `query` (a term matches a first or last name, the organization or,
 * when it holds digits, the fax number's digits). Archived contacts only with `includeArchived`.
 */
export async function searchContacts(
  db: Executor,
  params: { clinicId: string; query: string; includeArchived: boolean; limit: number; offset: number },
): Promise<{ rows: Contact[]; total: number }> {
  let q = db.selectFrom('contacts').where('clinic_id', '=', params.clinicId);
  if (!params.includeArchived) q = q.where('archived_at', 'is', null);
  const terms = params.query.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  for (const term of terms) {
    const like = `%${escapeLike(term)}%`;
    const digits = term.replace(/\D/g, '');
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['first_name']), 'like', like),
        eb(eb.fn('lower', ['last_name']), 'like', like),
        eb(eb.fn('lower', ['organization']), 'like', like),
        ...(digits.length >= 3 ? [eb('fax_number', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy(sql`lower(coalesce(last_name, organization))`)
      .orderBy(sql`lower(coalesce(first_name, ''))`)
      .orderBy('id')
      .limit(params.limit)
      .offset(params.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface RecentRecipient {
  recipient_name: string;
  recipient_fax_number: string;
  last_faxed_at: Date;
}

/**
 * Recipients the clinic faxed since `since` who are not in the address book (typed in, and no
 * active contact has the number), newest first, matching every term of `query`.
 */
export async function findRecentRecipients(
  db: Executor,
  params: { clinicId: string; query: string; since: Date; limit: number },
): Promise<RecentRecipient[]> {
  let q = db
    .selectFrom('faxes as f')
    .where('f.clinic_id', '=', params.clinicId)
    .where('f.created_at', '>=', params.since)
    .where('f.contact_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('contacts as c')
            .select('c.id')
            .whereRef('c.clinic_id', '=', 'f.clinic_id')
            .whereRef('c.fax_number', '=', 'f.recipient_fax_number')
            .where('c.archived_at', 'is', null),
        ),
      ),
    );
  const terms = params.query.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  for (const term of terms) {
    const digits = term.replace(/\D/g, '');
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['f.recipient_name']), 'like', `%${escapeLike(term)}%`),
        ...(digits.length >= 3 ? [eb('f.recipient_fax_number', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  return q
    .select(['f.recipient_name', 'f.recipient_fax_number', (eb) => eb.fn.max('f.created_at').as('last_faxed_at')])
    .groupBy(['f.recipient_name', 'f.recipient_fax_number'])
    .orderBy('last_faxed_at', 'desc')
    .limit(params.limit)
    .execute() as Promise<RecentRecipient[]>;
}

export async function findContact(db: Executor, clinicId: string, contactId: string): Promise<Contact | undefined> {
  return db.selectFrom('contacts').selectAll().where('clinic_id', '=', clinicId).where('id', '=', contactId).executeTakeFirst();
}

/** Every contact of the clinic (for export and duplicate checks), archived ones only when asked. */
export async function findAllContacts(db: Executor, clinicId: string, options: { includeArchived: boolean }): Promise<Contact[]> {
  let q = db.selectFrom('contacts').selectAll().where('clinic_id', '=', clinicId);
  if (!options.includeArchived) q = q.where('archived_at', 'is', null);
  return q
    .orderBy(sql`lower(coalesce(last_name, organization))`)
    .orderBy('id')
    .execute();
}

export async function insertContact(db: Executor, contact: NewContact): Promise<Contact> {
  return db.insertInto('contacts').values(contact).returningAll().executeTakeFirstOrThrow();
}

export async function insertContacts(db: Executor, contacts: NewContact[]): Promise<number> {
  if (contacts.length === 0) return 0;
  let inserted = 0;
  // Batches keep each statement's parameter count well below PostgreSQL's limit.
  for (let i = 0; i < contacts.length; i += 500) {
    const result = await db
      .insertInto('contacts')
      .values(contacts.slice(i, i + 500))
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function updateContact(
  db: Executor,
  clinicId: string,
  contactId: string,
  changes: ContactChanges,
  now: Date,
): Promise<Contact | undefined> {
  return db
    .updateTable('contacts')
    .set({ ...changes, updated_at: now })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', contactId)
    .returningAll()
    .executeTakeFirst();
}
