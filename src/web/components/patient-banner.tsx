import type { Patient } from '../api/types';
import { chartNumber, formatDate } from '../format';
import { href, Link } from '../routing';

export type PatientSection = 'chart' | 'plans';

/**
 * The patient's name and identifying details above every patient screen (staff confirm they have the
 * right chart before acting on it), and the links between the record's sections.
 */
export function PatientBanner({ patient, section }: { patient: Patient; section: PatientSection }) {
  const number = chartNumber(patient.identifiers);
  return (
    <div className="patient-banner">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={href.patients()}>Patients</Link>
      </nav>
      <h1 className="patient-name">
        {patient.lastName}, {patient.firstName}
      </h1>
      <dl className="patient-facts">
        <div>
          <dt>Date of birth</dt>
          <dd>{formatDate(patient.dateOfBirth)}</dd>
        </div>
        {number && (
          <div>
            <dt>Chart number</dt>
            <dd>{number}</dd>
          </div>
        )}
        <div>
          <dt>Sex</dt>
          <dd className="capitalize">{patient.sex}</dd>
        </div>
      </dl>
      <nav aria-label="Patient record" className="tabs">
        <ul>
          <li>
            <Link href={href.patientChart(patient.id)} aria-current={section === 'chart' ? 'page' : undefined}>
              Chart
            </Link>
          </li>
          <li>
            <Link href={href.patientPlans(patient.id)} aria-current={section === 'plans' ? 'page' : undefined}>
              Treatment plans
            </Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}
