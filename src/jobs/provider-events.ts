import type { TransportReport } from '../core/transport';
import { applyProviderReport, type EngineDeps } from './fax-engine';

interface StoredEvent {
  providerFaxId: string;
  reference: string | null;
  report: TransportReport & { completedAt?: string | null };
}

/**
 * Apply one stored provider webhook event to its fax. Events about faxes Chartfax does not know are
 * kept (for the record) and otherwise ignored; late or repeated ones change nothing.
 */
export async function handleProviderEvent(deps: EngineDeps, payload: { provider: string; eventId: string }): Promise<void> {
  const row = await deps.db
    .selectFrom('provider_webhook_events')
    .selectAll()
    .where('provider', '=', payload.provider)
    .where('event_id', '=', payload.eventId)
    .executeTakeFirst();
  if (!row || row.processed_at) return;
  const event = row.payload as StoredEvent;
  const report: TransportReport = { ...event.report, completedAt: event.report.completedAt ? new Date(event.report.completedAt) : null };
  const outcome = await applyProviderReport(deps, payload.provider, report);
  const attempt = await deps.db
    .selectFrom('fax_attempts')
    .select('fax_id')
    .where('transport', '=', payload.provider)
    .where('provider_fax_id', '=', report.providerFaxId)
    .executeTakeFirst();
  await deps.db
    .updateTable('provider_webhook_events')
    .set({ processed_at: deps.clock.now(), outcome, fax_id: attempt?.fax_id ?? null })
    .where('provider', '=', payload.provider)
    .where('event_id', '=', payload.eventId)
    .execute();
}
