import type { ApolloClient, ObservableQuery } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { ErrorCode, ErrorReason } from '@twofold/shared';
import {
  CreateUserDocument,
  type CreateUserInput,
  type InvitationStateFragment,
  RemoveUserDocument,
  ResendEnrollmentDocument,
  ResendInvitationDocument,
  ResetTwoFactorDocument,
  RevokeInvitationDocument,
  SetUserAppsDocument,
  UpdateUserDocument,
  type UpdateUserInput,
  UserAppChoicesDocument,
  type UserRowFragment,
} from '@twofold/shared/graphql';
import { useCallback } from 'react';
import type { ApiError, ErrorWording } from '../../lib/api-error';
import { createMutationHook, showNotice } from '../../lib/create-mutation-hook';
import { explainPasskeyError } from '../../lib/passkey-errors';
import { type FailureWording, useApiCall } from '../../lib/use-api-call';

/** Where the server tells cases of one code apart, the sentence says which one it was. */
const reasonMessages: Partial<Record<ErrorReason, string>> = {
  [ErrorReason.SELF]:
    'You cannot do this to a profile of your own login here: use your profile page instead.',
  [ErrorReason.OWNER]: 'Only an owner can change, reset or remove an owner.',
  [ErrorReason.LAST_OWNER]:
    'The account must keep an active owner: make someone else an owner first.',
  [ErrorReason.INVITATION_PENDING]:
    'This user has not accepted the invitation yet: they become active by accepting it.',
  [ErrorReason.NOT_INVITED]:
    'This user is no longer waiting for an invitation: they have accepted it or were suspended. The list has been refreshed.',
  [ErrorReason.NO_PENDING_INVITATION]:
    'This user has no pending invitation any more: it was accepted or revoked meanwhile. The list has been refreshed.',
  [ErrorReason.DUPLICATE_PROFILE]:
    'This email already has a profile of this user type in the account.',
  [ErrorReason.FACTOR_DISABLED]:
    'Too many wrong codes: your own two-factor authentication is disabled until another owner or administrator resets it.',
  [ErrorReason.NOT_ENROLLED]:
    'You no longer have a second factor set up. Reload the page and try again.',
  [ErrorReason.NOT_LOCKED]:
    'This user is not locked out any more: the lock ran out, or someone else unlocked them.',
};

function explained(error: ApiError): ApiError {
  // a wait in minutes (TOO_MANY_ATTEMPTS) is already the most useful sentence
  if (error.retryAfterSeconds !== undefined) return error;
  const message = error.reason ? reasonMessages[error.reason] : undefined;
  // the administrator's own code may be a passkey's answer: a refused one says why
  return message ? { ...error, message } : explainPasskeyError(error);
}

const userWording: ErrorWording = {
  [ErrorCode.NOT_FOUND]: 'This user is no longer in the account. The list has been refreshed.',
  [ErrorCode.CONFLICT]: 'This change conflicts with the account’s current state.',
};

const codeWording: ErrorWording = {
  ...userWording,
  [ErrorCode.INVALID_CODE]: 'That code is not right. Check it and try again.',
};

const createWording: ErrorWording = {
  [ErrorCode.NOT_FOUND]: 'One of the chosen apps no longer exists. Choose the apps again.',
};

/** The queries that show users: the table and a user's page (both its documents). */
const userQueries: ReadonlySet<string> = new Set(['Users', 'UserDetail', 'UserOversight']);

/**
 * Refetches the open queries that show users, whichever page is open (the table, or one user's
 * page); naming the documents instead would warn about the page that is not open. Other queries
 * are left to the cache.
 */
const refetchUserQueries = (query: ObservableQuery) =>
  userQueries.has(query.queryName ?? '') ? query.refetch() : false;

/**
 * The users pages' failures: reasons in sentences, and what is shown refreshed when the user is
 * gone (someone else removed them meanwhile: the table should stop offering them, their page
 * should say so).
 */
async function explainUserError(error: ApiError, client: ApolloClient): Promise<ApiError> {
  if (error.code === ErrorCode.NOT_FOUND) {
    await client.refetchQueries({ include: 'active', onQueryUpdated: refetchUserQueries });
  }
  return explained(error);
}

export const userFailures: FailureWording = { wording: userWording, explain: explainUserError };

// Every change reloads what shows the user: the table's totals, order and the filters it was
// narrowed by (a reset user may leave a "LOCKED" view) are the server's to decide, and so are a
// user page's factors, sessions and activity.
export const refreshList = {
  refetchQueries: 'active',
  onQueryUpdated: refetchUserQueries,
  awaitRefetchQueries: true,
} as const;

/** Removing a user reloads the table only: their own page has nothing left to show. */
const refreshTable = {
  refetchQueries: 'active',
  onQueryUpdated: (query: ObservableQuery) =>
    query.queryName === 'Users' ? query.refetch() : false,
  awaitRefetchQueries: true,
} as const;

/** The apps a user can be assigned to, for the invite and edit dialogs. */
export function useAppChoices() {
  return useQuery(UserAppChoicesDocument, { fetchPolicy: 'cache-and-network' });
}

export const useCreateUser = createMutationHook(CreateUserDocument, {
  variables: (input: CreateUserInput) => ({ input }),
  result: (data): UserRowFragment => data.createUser,
  notify: ({ createUser: created }, input) =>
    input.sendInvitation === false
      ? { title: 'User created', message: `${created.displayName} was added to the account.` }
      : {
          title: 'Invitation sent',
          message: `${created.displayName} was emailed a link to join, valid 72 hours.`,
        },
  ...refreshList,
  ...userFailures,
  wording: createWording,
});

/** The edit dialog: the profile's fields, then its apps when they changed. */
export function useEditUser() {
  const [update] = useMutation(UpdateUserDocument, refreshList);
  const [setApps] = useMutation(SetUserAppsDocument, refreshList);
  const run = useCallback(
    async (user: UserRowFragment, input: UpdateUserInput, appIds: string[] | null) => {
      if (Object.keys(input).length > 0) await update({ variables: { id: user.id, input } });
      if (appIds !== null) await setApps({ variables: { userId: user.id, appIds } });
      showNotice({ title: 'Saved', message: `${user.displayName} was updated.` });
    },
    [update, setApps],
  );
  return useApiCall(run, userFailures);
}

/** Suspends (sessions end at once) or reactivates a user. */
export const useSetUserStatus = createMutationHook(UpdateUserDocument, {
  variables: (user: UserRowFragment, status: 'ACTIVE' | 'SUSPENDED') => ({
    id: user.id,
    input: { status },
  }),
  notify: (_data, user, status) =>
    status === 'SUSPENDED'
      ? { title: 'User suspended', message: `${user.displayName} was signed out everywhere.` }
      : { title: 'User reactivated', message: `${user.displayName} can sign in again.` },
  ...refreshList,
  ...userFailures,
});

export const useRemoveUser = createMutationHook(RemoveUserDocument, {
  variables: (user: UserRowFragment) => ({ id: user.id }),
  notify: (_data, user) => ({
    title: 'User removed',
    message: `${user.displayName} is no longer in the account.`,
  }),
  ...refreshTable,
  ...userFailures,
});

/** One factor to remove, as the user's page lists it (`User.secondFactors`). */
export interface FactorChoice {
  id: string;
  /** What it is in words: "the text message number +44 •••• ••3456". */
  name: string;
}

/**
 * `code`: the administrator's own current second factor; null when they have none. `factor`:
 * only that factor; all of them when null.
 */
export const useResetTwoFactor = createMutationHook(ResetTwoFactorDocument, {
  variables: (
    user: UserRowFragment,
    reason: string,
    code: string | null,
    factor: FactorChoice | null = null,
  ) => ({
    userId: user.id,
    reason,
    code,
    ...(factor ? { factorIds: [factor.id] } : {}),
  }),
  notify: (_data, user, _reason, _code, factor) =>
    factor
      ? {
          title: 'Factor removed',
          message: `${user.displayName} was signed out and emailed that ${factor.name} was removed.`,
        }
      : {
          title: 'Authenticator reset',
          message: `${user.displayName} was signed out and emailed; they set up two-factor authentication again at their next sign-in.`,
        },
  ...refreshList,
  ...userFailures,
  wording: codeWording,
});

export const useResendEnrollment = createMutationHook(ResendEnrollmentDocument, {
  variables: (user: UserRowFragment) => ({ userId: user.id }),
  notify: (_data, user) => ({
    title: 'Enrollment link sent',
    message: `${user.displayName} was emailed a new link, valid 72 hours.`,
  }),
  ...userFailures,
});

/**
 * Invitation failures: what a conflict means in words, and every shown query refreshed when the
 * user moved on meanwhile (accepted, revoked by someone else, removed), on whichever page
 * offered the action.
 */
async function explainInvitationError(error: ApiError, client: ApolloClient): Promise<ApiError> {
  if (error.code === ErrorCode.NOT_FOUND || error.code === ErrorCode.CONFLICT) {
    try {
      await client.refetchQueries({ include: 'active' });
    } catch {
      // a refresh that fails shows its own error where its query is shown; the reason stays
    }
  }
  return explained(error);
}

const invitationFailures: FailureWording = {
  wording: {
    ...userWording,
    [ErrorCode.UNAVAILABLE]:
      'The invitation could not be emailed just now, and a link sent before may no longer work. Try again in a moment.',
  },
  explain: explainInvitationError,
};

function expiryOf(data: { invitation: { expiresAt: string } | null }): string {
  return data.invitation
    ? new Date(data.invitation.expiresAt).toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
      })
    : 'in 72 hours';
}

/**
 * Sends an invited user a new invitation link (their first, or one that voids the last). The
 * answer is the user's row, so the table and the user page follow without a refetch.
 */
export const useResendInvitation = createMutationHook(ResendInvitationDocument, {
  variables: (user: InvitationStateFragment) => ({ userId: user.id }),
  result: (data): UserRowFragment => data.resendInvitation,
  notify: ({ resendInvitation: sent }, user) => ({
    title: user.invitedAt ? 'Invitation sent again' : 'Invitation sent',
    message:
      `${sent.displayName} was emailed a link to join, valid until ${expiryOf(sent)}.` +
      (user.invitedAt ? ' The link sent before no longer works.' : ''),
  }),
  ...invitationFailures,
});

/** Voids an invited user's pending invitation link; the user stays in the list as invited. */
export const useRevokeInvitation = createMutationHook(RevokeInvitationDocument, {
  variables: (user: InvitationStateFragment) => ({ userId: user.id }),
  result: (data): UserRowFragment => data.revokeInvitation,
  notify: ({ revokeInvitation: revoked }) => ({
    title: 'Invitation revoked',
    message: `The link sent to ${revoked.displayName} no longer works. They stay in the list as invited; you can send a new invitation at any time.`,
  }),
  ...invitationFailures,
});
