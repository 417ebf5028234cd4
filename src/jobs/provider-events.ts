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
  if (event.reference) await adoptProviderId(deps, payload.provider, event.reference, report.providerFaxId);
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

/**
 * A webhook can arrive before Chartfax learned the provider's id for an attempt: the provider took
 * the fax but its answer was lost (timeout, 5xx), so the attempt is of unknown outcome. The event
 * echoes our reference; give that open attempt the provider's id so the event (and later polling)
 * applies to it instead of being filed as about an unknown fax.
 */
async function adoptProviderId(deps: EngineDeps, provider: string, reference: string, providerFaxId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const known = await trx
      .selectFrom('fax_attempts')
      .select('id')
      .where('transport', '=', provider)
      .where('provider_fax_id', '=', providerFaxId)
      .executeTakeFirst();
    if (known) return;
    const fax = await trx
      .selectFrom('faxes')
      .select('id')
      .where('reference', '=', reference)
      .where('transport', '=', provider)
      .forUpdate()
      .executeTakeFirst();
    if (!fax) return;
    await trx
      .updateTable('fax_attempts')
      .set({ provider_fax_id: providerFaxId })
      .where('fax_id', '=', fax.id)
      .where('provider_fax_id', 'is', null)
      .where('status', 'in', ['unknown', 'sending'])
      .execute();
  });
}
