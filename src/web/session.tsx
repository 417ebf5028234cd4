/**
 * Who is signed in, and the API client that acts for them. The session cookie is http-only, so the
 * page learns about the session from GET /api/me and keeps only the CSRF token it returns.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from './api/client';
import type { Me, PermissionGrant } from './api/types';
import { navigate } from './routing';

export type SessionState = { status: 'loading' } | { status: 'signed-out'; notice: string | null } | { status: 'signed-in'; me: Me };

interface SessionContextValue {
  state: SessionState;
  api: ApiClient;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export const SESSION_ENDED_NOTICE = 'Your session has ended. Sign in again to continue where you were.';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const csrfToken = useRef<string | null>(null);

  const api = useMemo(
    () =>
      createApiClient({
        csrfToken: () => csrfToken.current,
        onUnauthorized: () => {
          csrfToken.current = null;
          setState((previous) => (previous.status === 'signed-in' ? { status: 'signed-out', notice: SESSION_ENDED_NOTICE } : previous));
        },
      }),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    api.get('/api/me', { signal: controller.signal }).then(
      (me) => {
        csrfToken.current = me.csrfToken;
        setState({ status: 'signed-in', me });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // 401 is the usual answer when nobody is signed in; anything else is worth saying.
        const status = (error as { status?: number }).status;
        setState({ status: 'signed-out', notice: status === 401 ? null : (error as Error).message });
      },
    );
    return () => controller.abort();
  }, [api]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const me = await api.post('/api/session', { body: { email, password } });
      csrfToken.current = me.csrfToken;
      setState({ status: 'signed-in', me });
    },
    [api],
  );

  const signOut = useCallback(async () => {
    try {
      await api.delete('/api/session');
    } finally {
      csrfToken.current = null;
      // A deliberate sign-out starts the next person afresh instead of returning to this screen.
      navigate('/sign-in');
      setState({ status: 'signed-out', notice: 'You have signed out.' });
    }
  }, [api]);

  const value = useMemo(() => ({ state, api, signIn, signOut }), [state, api, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession is used outside SessionProvider.');
  return value;
}

/** The API client; only meaningful below SessionProvider. */
export function useApi(): ApiClient {
  return useSession().api;
}

/** The signed-in staff member; pages below the app shell only render while someone is signed in. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe is used while nobody is signed in.');
  return state.me;
}

/** What the signed-in person may do with a permission (e.g. 'faxes:send'): 'all', 'own' or false. */
export function usePermission(permission: string): PermissionGrant {
  return useMe().permissions[permission] ?? false;
}
