import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock';
import type { Database } from '../../db/schema';
import type { SecretBox } from '../../db/secret-box';
import { contactRoutes } from './contact-routes';
import { coverTemplateRoutes } from './cover-template-routes';
import { disclosureRoutes } from './disclosure-routes';
import { notificationRoutes } from './notification-routes';
import { settingsRoutes } from './settings-routes';
import { usageRoutes } from './usage-routes';
import { webhookEndpointRoutes } from './webhook-endpoint-routes';

/** What the record routes need: the database (not a transaction: imports open their own), clock and secrets. */
export interface FaxRecordsDeps {
  db: Kysely<Database>;
  clock: Clock;
  secrets: SecretBox;
}

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
