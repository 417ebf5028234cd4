import type { FastifyInstance } from 'fastify';

/** Address book, cover templates, fax settings, usage, disclosures, notifications and outgoing webhooks. */
export async function faxRecordsRoutes(_app: FastifyInstance, _opts: Record<string, never>): Promise<void> {}
