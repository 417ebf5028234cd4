import type { ReactNode } from 'react';
import type { TreatmentPlan } from '../api/types';
import { formatDate, planStatusLabel, withCredentials } from '../format';

/** A treatment plan's title and facts. `actions` sit beside the title (e.g. an "Actions" menu with "Fax"). */
export function PlanSummary({ plan, actions }: { plan: TreatmentPlan; actions?: ReactNode }) {
  return (
    <div className="plan-summary">
      <div className="plan-summary-header">
        <h2>{plan.title}</h2>
        <span className={`badge badge-status-${plan.status}`}>{planStatusLabel(plan.status)}</span>
        {actions && <div className="plan-actions">{actions}</div>}
      </div>
      <dl className="facts">
        <div>
          <dt>Condition</dt>
          <dd>{plan.condition || '—'}</dd>
        </div>
        <div>
          <dt>Practitioner</dt>
          <dd>{withCredentials(plan.practitioner)}</dd>
        </div>
        <div>
          <dt>Start date</dt>
          <dd>{formatDate(plan.startDate)}</dd>
        </div>
        <div>
          <dt>End date</dt>
          <dd>{plan.endDate ? formatDate(plan.endDate) : 'Ongoing'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{planStatusLabel(plan.status)}</dd>
        </div>
        <div className="facts-wide">
          <dt>Goals</dt>
          <dd>
            {plan.goals.length === 0 ? (
              'No goals recorded.'
            ) : (
              <ul className="goals">
                {plan.goals.map((goal, index) => (
                  <li key={index}>{goal}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
