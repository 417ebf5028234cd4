import type { Patient } from '../api/types';
import { ChartEntryList } from '../components/chart-entry-list';
import { ErrorMessage, isNotFound, Loading } from '../components/messages';
import { PlanSummary } from '../components/plan-summary';
import { useFaxDialog } from '../fax/fax-launcher';
import { treatmentPlanSource } from '../fax/fax-sources';
import { MenuButton } from '../fax/menu-button';
import { countLabel } from '../format';
import { href, Link } from '../routing';
import { useApi, usePermission } from '../session';
import { useApiData } from '../use-api-data';

/** One treatment plan: its summary and the chart entries written under it, newest first. */
export function TreatmentPlanPage({ patient, planId }: { patient: Patient; planId: string }) {
  const api = useApi();
  const plan = useApiData(
    async (signal) => {
      // The plan response has no time zone; the chart listing names it (limit 0 fetches no entries).
      const [body, chart] = await Promise.all([
        api.get('/api/treatment-plans/{id}', { path: { id: planId }, signal }),
        api.get('/api/patients/{id}/chart-entries', { path: { id: patient.id }, query: { limit: '0' }, signal }),
      ]);
      return { ...body, timeZone: chart.timeZone };
    },
    [api, planId, patient.id],
  );
  const canFax = usePermission('faxes:send') !== false;
  const fax = useFaxDialog();

  return (
    <section aria-label="Treatment plan" className="panel">
      <p className="back-link">
        <Link href={href.patientPlans(patient.id)}>All treatment plans</Link>
      </p>
      {plan.status === 'loading' && <Loading label="Loading the treatment plan…" />}
      {plan.status === 'error' &&
        (isNotFound(plan.error) ? (
          <>
            <h2>Treatment plan not found</h2>
            <p>This patient has no treatment plan at this address that you can see.</p>
          </>
        ) : (
          <ErrorMessage error={plan.error} />
        ))}
      {plan.status === 'ready' && plan.data.patientId !== patient.id && (
        <>
          <h2>Treatment plan not found</h2>
          <p>This treatment plan belongs to another patient.</p>
        </>
      )}
      {plan.status === 'ready' && plan.data.patientId === patient.id && (
        <>
          <PlanSummary
            plan={plan.data}
            actions={
              canFax ? (
                <MenuButton
                  label="Actions"
                  accessibleLabel={`Actions for treatment plan ${plan.data.title}`}
                  items={[{ label: 'Fax', onSelect: () => fax.open(treatmentPlanSource(plan.data, plan.data.chartEntries.length)) }]}
                />
              ) : null
            }
          />
          <section aria-labelledby="plan-entries-heading" className="plan-entries">
            <h3 id="plan-entries-heading">Entries in this plan</h3>
            {plan.data.chartEntries.length === 0 ? (
              <p className="empty">No chart entries have been written under this plan yet.</p>
            ) : (
              <>
                <p className="result-count">
                  {countLabel(plan.data.chartEntries.length, 'entry', 'entries')}. Times are in the clinic’s time zone ({plan.data.timeZone}
                  ).
                </p>
                <ChartEntryList
                  entries={[...plan.data.chartEntries].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))}
                  timeZone={plan.data.timeZone}
                  label="Entries in this plan"
                  headingLevel={4}
                />
              </>
            )}
          </section>
        </>
      )}
      {fax.element}
    </section>
  );
}
