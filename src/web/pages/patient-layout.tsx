import type { ReactNode } from 'react';
import type { Patient } from '../api/types';
import { ErrorMessage, isNotFound, Loading } from '../components/messages';
import { PatientBanner, type PatientSection } from '../components/patient-banner';
import { PatientFaxLog } from '../fax/patient-fax-log';
import { PatientChartHistory } from '../components/patient-chart-history';
import { href, Link } from '../routing';
import { useApi, usePermission } from '../session';
import { useApiData } from '../use-api-data';

/** Loads a patient once for every screen of their record and shows the banner above the section. */
export function PatientLayout({
  patientId,
  section,
  children,
}: {
  patientId: string;
  section: PatientSection;
  children: (patient: Patient) => ReactNode;
}) {
  const api = useApi();
  const patient = useApiData((signal) => api.get('/api/patients/{id}', { path: { id: patientId }, signal }), [api, patientId]);
  const canReadFaxes = usePermission('faxes:read') !== false;

  if (patient.status === 'loading') return <Loading label="Loading the patient…" />;
  if (patient.status === 'error') {
    if (isNotFound(patient.error)) return <PatientNotFound />;
    return (
      <>
        <h1>Patient</h1>
        <ErrorMessage error={patient.error} />
      </>
    );
  }
  return (
    <>
      <PatientBanner patient={patient.data} section={section} />
      {children(patient.data)}
      {section === 'chart' && canReadFaxes && <PatientFaxLog patientId={patient.data.id} />}
      {section === 'chart' && <PatientChartHistory patientId={patient.data.id} />}
    </>
  );
}

/** Shown for an unknown id and for a patient the signed-in practitioner does not treat alike. */
function PatientNotFound() {
  return (
    <div className="not-found">
      <h1>Patient not found</h1>
      <p>
        There is no patient at this address that you can see. The link may be wrong, or the patient may be cared for by another
        practitioner.
      </p>
      <p>
        <Link href={href.patients()}>Search for a patient</Link>
      </p>
    </div>
  );
}
