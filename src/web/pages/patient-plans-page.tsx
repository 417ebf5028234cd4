import type { Patient } from '../api/types';
import { ErrorMessage, Loading } from '../components/messages';
import { countLabel, formatDate, planStatusLabel, withCredentials } from '../format';
import { href, Link } from '../routing';
import { useApi } from '../session';
import { useApiData } from '../use-api-data';

/** The Treatment plans section: every plan of the patient, each opening its own page. */
export function PatientPlansPage({ patient }: { patient: Patient }) {
  const api = useApi();
  const plans = useApiData(
    (signal) => api.get('/api/patients/{id}/treatment-plans', { path: { id: patient.id }, signal }),
    [api, patient.id],
  );

  return (
    <section aria-labelledby="plans-heading" className="panel">
      <h2 id="plans-heading">Treatment plans</h2>
      {plans.status === 'loading' && <Loading label="Loading treatment plans…" />}
      {plans.status === 'error' && <ErrorMessage error={plans.error} />}
      {plans.status === 'ready' &&
        (plans.data.treatmentPlans.length === 0 ? (
          <p className="empty">This patient has no treatment plans.</p>
        ) : (
          <ul className="plan-list" aria-label="Treatment plans">
            {plans.data.treatmentPlans.map((plan) => (
              <li key={plan.id} className="plan-card">
                <div className="plan-card-header">
                  <h3>
                    <Link href={href.treatmentPlan(patient.id, plan.id)}>{plan.title}</Link>
                  </h3>
                  <span className={`badge badge-status-${plan.status}`}>{planStatusLabel(plan.status)}</span>
                </div>
                <p className="plan-condition">{plan.condition}</p>
                <p className="plan-meta">
                  <span>
                    {formatDate(plan.startDate)} – {plan.endDate ? formatDate(plan.endDate) : 'ongoing'}
                  </span>
                  <span>{withCredentials(plan.practitioner)}</span>
                  <span>{countLabel(plan.entryCount, 'entry', 'entries')}</span>
                </p>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
