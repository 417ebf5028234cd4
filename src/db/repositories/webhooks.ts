import type { Selectable } from 'kysely';
import type { Executor } from '../connection';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../schema';

export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;

export async function insertWebhookEndpoint(
  db: Executor,
  e: { clinicId: string; url: string; secretSealed: string; description: string; createdAt: Date },
): Promise<WebhookEndpoint> {
  return db
    .insertInto('webhook_endpoints')
    .values({ clinic_id: e.clinicId, url: e.url, secret_encrypted: e.secretSealed, description: e.description, created_at: e.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Endpoints that receive events (not removed). */
export async function findActiveWebhookEndpoints(db: Executor, clinicId: string): Promise<WebhookEndpoint[]> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findWebhookEndpoint(db: Executor, clinicId: string, id: string): Promise<WebhookEndpoint | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('clinic_id', '=', clinicId).where('id', '=', id).executeTakeFirst();
}

/** Stop sending to an endpoint; its delivery log stays readable. */
export async function disableWebhookEndpoint(db: Executor, clinicId: string, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('webhook_endpoints')
    .set({ disabled_at: now })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertWebhookDelivery(
  db: Executor,
  d: { id: string; clinicId: string; endpointId: string; faxId: string | null; event: string; payload: unknown; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('webhook_deliveries')
    .values({
      id: d.id,
      clinic_id: d.clinicId,
      endpoint_id: d.endpointId,
      fax_id: d.faxId,
      event: d.event,
      payload: JSON.stringify(d.payload),
      status: 'pending',
      created_at: d.createdAt,
    })
    .execute();
}

/** A delivery with what is needed to send it. */
export async function findWebhookDeliveryForSending(db: Executor, deliveryId: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .selectAll('d')
    .select(['e.url', 'e.secret_encrypted', 'e.disabled_at'])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
}

export async function recordWebhookAttempt(
  db: Executor,
  deliveryId: string,
  result: {
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    deliveredAt: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: result.status,
      attempts: result.attempts,
      last_status_code: result.lastStatusCode,
      last_error: result.lastError,
      delivered_at: result.deliveredAt,
    })
    .where('id', '=', deliveryId)
    .execute();
}

export async function findWebhookDeliveries(db: Executor, clinicId: string, endpointId: string, limit: number): Promise<WebhookDelivery[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
