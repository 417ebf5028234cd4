import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../connection';
import type { CoverTemplatesTable } from '../schema';
import type { Selectable } from 'kysely';

export type CoverTemplate = Selectable<CoverTemplatesTable>;

/** The clinic's cover templates that are not archived, the default first. */
export async function findCoverTemplates(db: Executor, clinicId: string): Promise<CoverTemplate[]> {
  return db
    .selectFrom('cover_templates')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('archived_at', 'is', null)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findCoverTemplate(db: Executor, clinicId: string, id: string): Promise<CoverTemplate | undefined> {
  return db
    .selectFrom('cover_templates')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

export async function insertCoverTemplate(db: Executor, template: Insertable<CoverTemplatesTable>): Promise<CoverTemplate> {
  return db.insertInto('cover_templates').values(template).returningAll().executeTakeFirstOrThrow();
}

export async function updateCoverTemplate(
  db: Executor,
  clinicId: string,
  id: string,
  changes: Updateable<CoverTemplatesTable>,
  now: Date,
): Promise<CoverTemplate | undefined> {
  return db
    .updateTable('cover_templates')
    .set({ ...changes, updated_at: now })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Clear the clinic's default (before another template becomes the default). */
export async function clearDefaultCoverTemplate(db: Executor, clinicId: string, now: Date): Promise<void> {
  await db
    .updateTable('cover_templates')
    .set({ is_default: false, updated_at: now })
    .where('clinic_id', '=', clinicId)
    .where('is_default', '=', true)
    .execute();
}
