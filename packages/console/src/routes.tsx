import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PageLoader } from './components/PageLoader';
import { paths } from './session/paths';
import { SessionGate } from './session/SessionGate';

// Every page is its own chunk: the first load carries only the providers, the router and the gate.
const AppShellLayout = lazy(() =>
  import('./layouts/AppShellLayout').then((module) => ({ default: module.AppShellLayout })),
);
const SignInPage = lazy(() =>
  import('./pages/SignIn').then((module) => ({ default: module.SignInPage })),
);
const SelectProfilePage = lazy(() =>
  import('./pages/SelectProfile').then((module) => ({ default: module.SelectProfilePage })),
);
const HomePage = lazy(() =>
  import('./pages/Home').then((module) => ({ default: module.HomePage })),
);
const TwoFactorSetupPage = lazy(() =>
  import('./pages/TwoFactorSetup').then((module) => ({ default: module.TwoFactorSetupPage })),
);
const TwoFactorVerifyPage = lazy(() =>
  import('./pages/TwoFactorVerify').then((module) => ({ default: module.TwoFactorVerifyPage })),
);

const relative = (path: string) => path.slice(1);

/** The console's single route table; each page sits behind the gate of the sessions it serves. */
export const routes: RouteObject[] = [
  {
    element: (
      <Suspense fallback={<PageLoader />}>
        <AppShellLayout />
      </Suspense>
    ),
    children: [
      {
        element: <SessionGate signedOut />,
        children: [{ path: relative(paths.signIn), element: <SignInPage /> }],
      },
      {
        element: <SessionGate stages={['PROFILE_SELECTION']} />,
        children: [{ path: relative(paths.selectProfile), element: <SelectProfilePage /> }],
      },
      {
        element: <SessionGate stages={['ENROLLMENT']} />,
        children: [{ path: relative(paths.twoFactorSetup), element: <TwoFactorSetupPage /> }],
      },
      {
        element: <SessionGate stages={['SECOND_FACTOR']} />,
        children: [{ path: relative(paths.twoFactorVerify), element: <TwoFactorVerifyPage /> }],
      },
      {
        element: <SessionGate stages={['ACTIVE']} />,
        children: [{ index: true, element: <HomePage /> }],
      },
      // Unknown paths: the gate lets nobody in, so everyone lands where their session belongs.
      { path: '*', element: <SessionGate stages={[]} /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
