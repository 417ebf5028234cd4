import type { FastifyInstance } from 'fastify';
import type { WebhookEndpointsDeps } from '../../services/webhook-endpoints-service';
import { contactRoutes } from './contact-routes';
import { coverTemplateRoutes } from './cover-template-routes';
import { disclosureRoutes } from './disclosure-routes';
import { notificationRoutes } from './notification-routes';
import { settingsRoutes } from './settings-routes';
import { usageRoutes } from './usage-routes';
import { webhookEndpointRoutes } from './webhook-endpoint-routes';

/** What the record routes need: the database, the clock and the secret box (webhook signing secrets). */
export type FaxRecordsDeps = WebhookEndpointsDeps;

/** Address book, cover templates, fax settings, usage, disclosures, notifications and outgoing webhooks. */
export async function faxRecordsRoutes(app: FastifyInstance, opts: { deps: FaxRecordsDeps }): Promise<void> {
  const deps: FaxRecordsDeps = { db: opts.deps.db, clock: opts.deps.clock, secrets: opts.deps.secrets };
  await app.register(contactRoutes, { deps });
  await app.register(coverTemplateRoutes, { deps });
  await app.register(settingsRoutes, { deps });
  await app.register(usageRoutes, { deps });
  await app.register(disclosureRoutes, { deps });
  await app.register(notificationRoutes, { deps });
  await app.register(webhookEndpointRoutes, { deps });
}
