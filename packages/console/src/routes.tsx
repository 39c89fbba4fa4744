import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PageLoader } from './components/PageLoader';
import { paths } from './session/paths';
import { CapabilityGate } from './session/CapabilityGate';
import { SessionGate } from './session/SessionGate';

// Every page is its own chunk: the first load carries only the providers, the router and the gate.
const AppShellLayout = lazy(() =>
  import('./layouts/AppShellLayout').then((module) => ({ default: module.AppShellLayout })),
);
const SignInPage = lazy(() =>
  import('./pages/SignIn').then((module) => ({ default: module.SignInPage })),
);
const AnotherLoginPage = lazy(() =>
  import('./pages/AnotherLogin').then((module) => ({ default: module.AnotherLoginPage })),
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

const InvitationPage = lazy(() =>
  import('./pages/Invitation').then((module) => ({ default: module.InvitationPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./pages/ResetPassword').then((module) => ({ default: module.ResetPasswordPage })),
);
const ForgotPasswordPage = lazy(() =>
  import('./pages/ForgotPassword').then((module) => ({ default: module.ForgotPasswordPage })),
);
const ProfilePage = lazy(() =>
  import('./pages/Profile').then((module) => ({ default: module.ProfilePage })),
);
const EnrollLinkPage = lazy(() =>
  import('./pages/EnrollLink').then((module) => ({ default: module.EnrollLinkPage })),
);

const UsersPage = lazy(() =>
  import('./pages/Users').then((module) => ({ default: module.UsersPage })),
);
const AppsPage = lazy(() =>
  import('./pages/Apps').then((module) => ({ default: module.AppsPage })),
);
const AppPage = lazy(() => import('./pages/App').then((module) => ({ default: module.AppPage })));
const SecurityPage = lazy(() =>
  import('./pages/Security').then((module) => ({ default: module.SecurityPage })),
);
const CompliancePage = lazy(() =>
  import('./pages/Compliance').then((module) => ({ default: module.CompliancePage })),
);
const AuditPage = lazy(() =>
  import('./pages/Audit').then((module) => ({ default: module.AuditPage })),
);
// GraphiQL and its editor are large: only the API page loads them
const ApiPage = lazy(() => import('./pages/Api').then((module) => ({ default: module.ApiPage })));

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
        children: [
          { path: relative(paths.signIn), element: <SignInPage /> },
          { path: relative(paths.accountSignIn), element: <SignInPage /> },
          { path: relative(paths.forgotPassword), element: <ForgotPasswordPage /> },
        ],
      },
      // signed in or not: the page says which, and asks before signing out
      { path: relative(paths.anotherLogin), element: <AnotherLoginPage /> },
      // emailed one-time links that need no session: the token is the proof
      { path: relative(paths.invitation), element: <InvitationPage /> },
      { path: relative(paths.resetPassword), element: <ResetPasswordPage /> },
      {
        element: <SessionGate stages={['SECOND_FACTOR', 'ENROLLMENT', 'ACTIVE']} />,
        children: [{ path: relative(paths.enrollLink), element: <EnrollLinkPage /> }],
      },
      {
        element: <SessionGate stages={['PROFILE_SELECTION']} />,
        children: [{ path: relative(paths.selectProfile), element: <SelectProfilePage /> }],
      },
      {
        // required now (ENROLLMENT), or chosen during a grace period or where 2FA is optional;
        // at ENROLLMENT the profile is the one other page (restricted mode, docs/design.md, Sign-in stages)
        element: <SessionGate stages={['ENROLLMENT', 'ACTIVE']} />,
        children: [
          { path: relative(paths.twoFactorSetup), element: <TwoFactorSetupPage /> },
          { path: relative(paths.profile), element: <ProfilePage /> },
        ],
      },
      {
        element: <SessionGate stages={['SECOND_FACTOR']} />,
        children: [{ path: relative(paths.twoFactorVerify), element: <TwoFactorVerifyPage /> }],
      },
      {
        element: <SessionGate stages={['ACTIVE']} />,
        children: [
          { index: true, element: <HomePage /> },
          { path: relative(paths.apps), element: <AppsPage /> },
          { path: relative(paths.app), element: <AppPage /> },
          { path: relative(paths.api), element: <ApiPage /> },
          {
            element: <CapabilityGate needs="manageUsers" />,
            children: [{ path: relative(paths.users), element: <UsersPage /> }],
          },
          {
            element: <CapabilityGate needs="readPolicies" />,
            children: [
              { path: relative(paths.security), element: <SecurityPage /> },
              { path: relative(paths.compliance), element: <CompliancePage /> },
            ],
          },
          {
            element: <CapabilityGate needs="readAudit" />,
            children: [{ path: relative(paths.audit), element: <AuditPage /> }],
          },
        ],
      },
      // Unknown paths: the gate lets nobody in, so everyone lands where their session belongs.
      { path: '*', element: <SessionGate stages={[]} /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
