import type { SessionQuery } from '@twofold/shared/graphql';
import { isValidElement } from 'react';
import { createBrowserRouter, type DataRouter, type RouteObject } from 'react-router';
import { AppShellLayout } from './layouts/AppShellLayout';
import { lazyPage, preloadElement } from './lib/lazy-page';
import { SignInPage } from './pages/SignIn';
import { paths } from './session/paths';
import { CapabilityGate } from './session/CapabilityGate';
import { admits, SessionGate, type SessionGateProps } from './session/SessionGate';

// Every page is a chunk of its own, one `lazyPage` each, except the sign-in page: most visits
// start there, so it comes with the first load (the providers, the router, the shell and the
// gates). The page a signed-in visit opens on starts loading as soon as the session is known
// (`preloadFirstPage`), beside the gates' own questions. The shell's `Suspense` shows
// `PageLoader` while a page loads.
const AnotherLoginPage = lazyPage(() =>
  import('./pages/AnotherLogin').then((module) => module.AnotherLoginPage),
);
const SelectProfilePage = lazyPage(() =>
  import('./pages/SelectProfile').then((module) => module.SelectProfilePage),
);
const HomePage = lazyPage(() => import('./pages/Home').then((module) => module.HomePage));
const TwoFactorSetupPage = lazyPage(() =>
  import('./pages/TwoFactorSetup').then((module) => module.TwoFactorSetupPage),
);
const TwoFactorVerifyPage = lazyPage(() =>
  import('./pages/TwoFactorVerify').then((module) => module.TwoFactorVerifyPage),
);

const InvitationPage = lazyPage(() =>
  import('./pages/Invitation').then((module) => module.InvitationPage),
);
const ResetPasswordPage = lazyPage(() =>
  import('./pages/ResetPassword').then((module) => module.ResetPasswordPage),
);
const ForgotPasswordPage = lazyPage(() =>
  import('./pages/ForgotPassword').then((module) => module.ForgotPasswordPage),
);
const ProfilePage = lazyPage(() => import('./pages/Profile').then((module) => module.ProfilePage));
const EnrollLinkPage = lazyPage(() =>
  import('./pages/EnrollLink').then((module) => module.EnrollLinkPage),
);

const UsersPage = lazyPage(() => import('./pages/Users').then((module) => module.UsersPage));
const UserDetailPage = lazyPage(() =>
  import('./pages/UserDetail').then((module) => module.UserDetailPage),
);
const AppsPage = lazyPage(() => import('./pages/Apps').then((module) => module.AppsPage));
const AppPage = lazyPage(() => import('./pages/App').then((module) => module.AppPage));
const SecurityPage = lazyPage(() =>
  import('./pages/Security').then((module) => module.SecurityPage),
);
const CompliancePage = lazyPage(() =>
  import('./pages/Compliance').then((module) => module.CompliancePage),
);
const AuditPage = lazyPage(() => import('./pages/Audit').then((module) => module.AuditPage));
// GraphiQL and its editor are large: only the API page loads them
const ApiPage = lazyPage(() => import('./pages/Api').then((module) => module.ApiPage));

const relative = (path: string) => path.slice(1);

/** The console's single route table; each page sits behind the gate of the sessions it serves. */
export const routes: RouteObject[] = [
  {
    element: <AppShellLayout />,
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
            children: [
              { path: relative(paths.users), element: <UsersPage /> },
              { path: relative(paths.user), element: <UserDetailPage /> },
            ],
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

/**
 * Starts loading the code of the page the router opened on, once the session is known and only
 * when the gates on its way let this session through: a signed-out visit to /users loads the
 * sign-in page only, not the users page as well.
 */
export function preloadFirstPage(router: DataRouter, session: SessionQuery['session']): void {
  for (const { route } of router.state.matches) {
    const element = route.element;
    if (isValidElement<SessionGateProps>(element) && element.type === SessionGate) {
      if (!admits(element.props, session)) return;
    }
    preloadElement(element);
  }
}
