import {
  EndUserSessionsDocument,
  ForgetUserRememberedBrowsersDocument,
  UnlockTwoFactorDocument,
  type UserRowFragment,
} from '@twofold/shared/graphql';
import { createMutationHook } from '../../lib/create-mutation-hook';
import { refreshList, userFailures } from '../Users/useUsers';

/** Lifts a user's second-factor lockout; their factors stay. */
export const useUnlockTwoFactor = createMutationHook(UnlockTwoFactorDocument, {
  variables: (user: UserRowFragment) => ({ userId: user.id }),
  notify: (_data, user) => ({
    title: 'Unlocked',
    message: `${user.displayName} can enter codes again; their second factors were kept.`,
  }),
  ...refreshList,
  ...userFailures,
});

/** Ends every session of a user; they sign in again. */
export const useEndUserSessions = createMutationHook(EndUserSessionsDocument, {
  variables: (user: UserRowFragment) => ({ userId: user.id }),
  notify: ({ endUserSessions: ended }, user) => ({
    title: 'Sessions ended',
    message:
      ended === 0
        ? `${user.displayName} had no open session any more.`
        : `${ended === 1 ? '1 session' : `${ended} sessions`} of ${user.displayName} ended; they sign in again.`,
  }),
  ...refreshList,
  ...userFailures,
});

/** Forgets every remembered browser of a user: each asks for their second factor again. */
export const useForgetUserRememberedBrowsers = createMutationHook(
  ForgetUserRememberedBrowsersDocument,
  {
    variables: (user: UserRowFragment) => ({ userId: user.id }),
    notify: ({ forgetUserRememberedBrowsers: forgotten }, user) => ({
      title: 'Browsers forgotten',
      message:
        forgotten === 0
          ? `${user.displayName} had no remembered browser any more.`
          : `${forgotten === 1 ? '1 browser' : `${forgotten} browsers`} of ${user.displayName} will ask for their second factor again.`,
    }),
    ...refreshList,
    ...userFailures,
  },
);
