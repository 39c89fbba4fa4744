import type { SessionStage } from '@twofold/shared/graphql';

export const paths = {
  signIn: '/sign-in',
  /** The sign-in page of one account, offering its identity providers at once. */
  accountSignIn: '/a/:slug',
  /** An identity provider answered for another login than the one signed in: ask first. */
  anotherLogin: '/sign-in/another-login',
  selectProfile: '/select-profile',
  home: '/',
  twoFactorSetup: '/two-factor/setup',
  twoFactorVerify: '/two-factor/verify',
  profile: '/profile',
  forgotPassword: '/forgot-password',
  invitation: '/invitation/:token',
  resetPassword: '/reset-password/:token',
  enrollLink: '/enroll/:token',
  users: '/users',
  /** One user's page: profile, 2FA, sessions, activity and every action on them. */
  user: '/users/:id',
  apps: '/apps',
  app: '/apps/:id',
  security: '/security',
  compliance: '/compliance',
  audit: '/audit',
  api: '/api',
} as const;

/** The page of the user `id`. */
export function userPath(id: string): string {
  return paths.user.replace(':id', encodeURIComponent(id));
}

/** Pages a session past its password may be sent back to after signing in (links it opened). */
export function isLinkPage(path: string): boolean {
  return path.startsWith('/enroll/');
}

/** Where a session at each stage belongs; the gate sends it there from anywhere else. */
export const stagePaths: Record<SessionStage, string> = {
  PROFILE_SELECTION: paths.selectProfile,
  SECOND_FACTOR: paths.twoFactorVerify,
  ENROLLMENT: paths.twoFactorSetup,
  ACTIVE: paths.home,
};
