import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { PageLoader } from './components/PageLoader';

// Every page is its own chunk: the first load carries only the providers and the router.
const AppShellLayout = lazy(() =>
  import('./layouts/AppShellLayout').then((module) => ({ default: module.AppShellLayout })),
);
const SignInPage = lazy(() =>
  import('./pages/SignIn').then((module) => ({ default: module.SignInPage })),
);

const signInPath = '/sign-in';

/** The console's single route table. */
export const routes: RouteObject[] = [
  {
    element: (
      <Suspense fallback={<PageLoader />}>
        <AppShellLayout />
      </Suspense>
    ),
    children: [
      // Nobody is signed in yet, so the start page and unknown paths lead to sign-in.
      { index: true, element: <Navigate to={signInPath} replace /> },
      { path: signInPath.slice(1), element: <SignInPage /> },
      { path: '*', element: <Navigate to={signInPath} replace /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
