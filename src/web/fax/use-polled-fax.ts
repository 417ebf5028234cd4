import { useEffect, useState } from 'react';
import { isAbort } from '../api/client';
import { useApi } from '../session';
import type { Loadable } from '../use-api-data';
import { isFinalStatus, type FaxDetail } from './fax-types';

/** How often a fax that is still on its way is read again. */
export const FAX_POLL_INTERVAL_MS = 2000;

/**
 * One fax, read again every 2 s while it is not final (queued, rendering, sending, waiting to retry).
 * Polling stops when the fax is final or the view goes away. `replace` shows the answer of an action
 * (cancel) at once and resumes polling from there.
 */
export function usePolledFax(faxId: string): { state: Loadable<FaxDetail>; replace: (fax: FaxDetail) => void } {
  const api = useApi();
  const [state, setState] = useState<Loadable<FaxDetail>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const load = () => {
      api.get('/api/faxes/{id}', { path: { id: faxId }, signal: controller.signal }).then(
        (fax) => {
          if (controller.signal.aborted) return;
          setState({ status: 'ready', data: fax });
          if (!isFinalStatus(fax.status)) timer = window.setTimeout(load, FAX_POLL_INTERVAL_MS);
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          setState((previous) => (previous.status === 'ready' ? previous : { status: 'error', error: error as Error }));
          // A passing network error should not freeze a fax that is still moving.
          if ((error as { status?: number }).status === 0) timer = window.setTimeout(load, FAX_POLL_INTERVAL_MS * 2);
        },
      );
    };
    load();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [api, faxId, generation]);

  return {
    state,
    replace: (fax) => {
      setState({ status: 'ready', data: fax });
      setGeneration((g) => g + 1);
    },
  };
}
