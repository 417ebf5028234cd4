import type { Executor } from '../connection';

export async function insertApiKey(
  db: Executor,
  key: { clinicId: string; name: string; prefix: string; keyHash: string; createdBy: string | null },
) {
  return db
    .insertInto('api_keys')
    .values({ clinic_id: key.clinicId, name: key.name, prefix: key.prefix, key_hash: key.keyHash, created_by: key.createdBy })
    .returning(['id', 'name', 'prefix', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function findApiKeyByPrefix(db: Executor, prefix: string) {
  return db.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).executeTakeFirst();
}

export async function findApiKeys(db: Executor, clinicId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiKey(db: Executor, clinicId: string, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function touchApiKey(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}
