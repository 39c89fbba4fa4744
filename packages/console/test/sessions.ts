import type { SessionFieldsFragment, SessionStage } from '@twofold/shared/graphql';

/** A session as the API returns it, at `stage`, with the fields each stage fills. */
export function makeSession(
  stage: SessionStage,
  overrides: Partial<SessionFieldsFragment> = {},
): SessionFieldsFragment {
  const profileSelected = stage !== 'PROFILE_SELECTION';
  return {
    __typename: 'Session',
    stage,
    expiresAt: '2030-01-01T12:00:00.000Z',
    identityProviderName: null,
    profiles: profileSelected
      ? []
      : [
          {
            __typename: 'Profile',
            userId: 'user-1',
            accountName: 'Acme',
            displayName: 'Ada Admin',
            userType: 'ADMINISTRATOR',
          },
          {
            __typename: 'Profile',
            userId: 'user-2',
            accountName: 'Globex',
            displayName: 'Ada Reviewer',
            userType: 'APP_REVIEWER',
          },
        ],
    user: profileSelected
      ? {
          __typename: 'User',
          id: 'user-1',
          displayName: 'Ada Admin',
          userType: 'ADMINISTRATOR',
          account: { __typename: 'Account', name: 'Acme' },
        }
      : null,
    availableSecondFactors: stage === 'SECOND_FACTOR' ? ['AUTHENTICATOR_APP', 'BACKUP_CODE'] : [],
    rememberBrowserDays: 0,
    enrollment:
      stage === 'ENROLLMENT'
        ? {
            __typename: 'EnrollmentRequirement',
            allowedMethods: ['AUTHENTICATOR_APP', 'SMS'],
            deadline: '2026-03-01T09:00:00.000Z',
            deadlineMissed: true,
          }
        : null,
    ...overrides,
  };
}
