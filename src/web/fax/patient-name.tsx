import { useEffect, useState } from 'react';
import { useApi } from '../session';

const names = new Map<string, Promise<string>>();

/** A patient's name for a fax row (the fax list names the patient by id); looked up once per page load. */
export function PatientName({ patientId }: { patientId: string }) {
  const api = useApi();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let lookup = names.get(patientId);
    if (!lookup) {
      lookup = api.get('/api/patients/{id}', { path: { id: patientId } }).then(
        (p) => `${p.lastName}, ${p.firstName}`,
        () => {
          names.delete(patientId);
          return 'Patient';
        },
      );
      names.set(patientId, lookup);
    }
    void lookup.then((n) => {
      if (!cancelled) setName(n);
    });
    return () => {
      cancelled = true;
    };
  }, [api, patientId]);
  return <>{name ?? '…'}</>;
}
