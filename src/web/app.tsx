/**
 * The app shell: decides between the sign-in page and the signed-in screens, and which screen the
 * address names. Signing in (first time or after the session ended) returns to `?next=`.
 */
import { useEffect, type ReactNode } from 'react';
import { AppHeader } from './components/app-header';
import { Loading } from './components/messages';
import { FaxDetailPage } from './pages/fax-detail-page';
import { FaxHistoryPage } from './pages/fax-history-page';
import { NotFoundPage } from './pages/not-found-page';
import { PatientChartPage } from './pages/patient-chart-page';
import { PatientLayout } from './pages/patient-layout';
import { PatientPlansPage } from './pages/patient-plans-page';
import { PatientSearchPage } from './pages/patient-search-page';
import { SignInPage } from './pages/sign-in-page';
import { TreatmentPlanPage } from './pages/treatment-plan-page';
import { UsagePage } from './pages/usage-page';
import { SettingsPage } from './settings/settings-page';
import { href, navigate, parseRoute, useCurrentPath, type Route } from './routing';
import { SessionProvider, useSession } from './session';

export function App() {
  return (
    <SessionProvider>
      <Screens />
    </SessionProvider>
  );
}

const TITLES: Record<Route['name'], string> = {
  'sign-in': 'Sign in',
  patients: 'Patients',
  'patient-chart': 'Chart',
  'patient-plans': 'Treatment plans',
  'treatment-plan': 'Treatment plan',
  faxes: 'Fax history',
  fax: 'Fax',
  usage: 'Usage',
  settings: 'Settings',
  'not-found': 'Page not found',
};

function Screens() {
  const { state } = useSession();
  const path = useCurrentPath();
  const url = new URL(path, window.location.origin);
  const route = parseRoute(url.pathname, url.search);

  useEffect(() => {
    document.title = `${TITLES[route.name]} · Chartfax`;
  }, [route.name]);

  // A new screen starts at the top; filters within a screen keep the scroll position.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [url.pathname]);

  const next = route.name === 'sign-in' ? route.next : null;
  useEffect(() => {
    if (state.status === 'signed-out' && next === null) navigate(href.signIn(path), { replace: true });
    if (state.status === 'signed-in' && next !== null) navigate(next, { replace: true });
  }, [state.status, next, path]);

  if (state.status === 'loading') {
    return (
      <main className="page" id="main">
        <Loading label="Loading Chartfax…" />
      </main>
    );
  }
  if (state.status === 'signed-out') return route.name === 'sign-in' ? <SignInPage notice={state.notice} /> : null;
  if (route.name === 'sign-in') return null;

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppHeader currentPath={path} />
      <main className="page" id="main">
        {renderPage(route)}
      </main>
    </>
  );
}

/** One case per signed-in screen. */
function renderPage(route: Exclude<Route, { name: 'sign-in' }>): ReactNode {
  switch (route.name) {
    case 'patients':
      return <PatientSearchPage query={route.query} />;
    case 'patient-chart':
      return (
        <PatientLayout key={route.patientId} patientId={route.patientId} section="chart">
          {(patient) => <PatientChartPage patient={patient} range={{ from: route.from, to: route.to }} />}
        </PatientLayout>
      );
    case 'patient-plans':
      return (
        <PatientLayout key={route.patientId} patientId={route.patientId} section="plans">
          {(patient) => <PatientPlansPage patient={patient} />}
        </PatientLayout>
      );
    case 'treatment-plan':
      return (
        <PatientLayout key={route.patientId} patientId={route.patientId} section="plans">
          {(patient) => <TreatmentPlanPage patient={patient} planId={route.planId} />}
        </PatientLayout>
      );
    case 'faxes':
      return <FaxHistoryPage filters={route.filters} />;
    case 'fax':
      return <FaxDetailPage key={route.faxId} faxId={route.faxId} />;
    case 'usage':
      return <UsagePage month={route.month} />;
    case 'settings':
      return <SettingsPage section={route.section} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
