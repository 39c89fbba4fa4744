import type { SessionStage } from '@twofold/shared/graphql';

export const paths = {
  signIn: '/sign-in',
  selectProfile: '/select-profile',
  home: '/',
  twoFactorSetup: '/two-factor/setup',
  twoFactorVerify: '/two-factor/verify',
} as const;

/** Where a session at each stage belongs; the gate sends it there from anywhere else. */
export const stagePaths: Record<SessionStage, string> = {
  PROFILE_SELECTION: paths.selectProfile,
  SECOND_FACTOR: paths.twoFactorVerify,
  ENROLLMENT: paths.twoFactorSetup,
  ACTIVE: paths.home,
};
