import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { ErrorCode, ErrorReason } from '@twofold/shared';
import {
  CreateUserDocument,
  type CreateUserInput,
  RemoveUserDocument,
  ResendEnrollmentDocument,
  ResetTwoFactorDocument,
  SetUserAppsDocument,
  UpdateUserDocument,
  type UpdateUserInput,
  UserAppChoicesDocument,
  type UserRowFragment,
  UsersDocument,
} from '@twofold/shared/graphql';
import { useCallback } from 'react';
import type { ApiError, ErrorWording } from '../../lib/api-error';
import { type ApiResult, useApiCall } from '../../lib/use-api-mutation';

/** Where the server tells cases of one code apart, the sentence says which one it was. */
const reasonMessages: Partial<Record<ErrorReason, string>> = {
  [ErrorReason.SELF]:
    'You cannot do this to a profile of your own login here: use your profile page instead.',
  [ErrorReason.OWNER]: 'Only an owner can change, reset or remove an owner.',
  [ErrorReason.LAST_OWNER]:
    'The account must keep an active owner: make someone else an owner first.',
  [ErrorReason.INVITATION_PENDING]:
    'This user has not accepted the invitation yet: they become active by accepting it.',
  [ErrorReason.DUPLICATE_PROFILE]:
    'This email already has a profile of this user type in the account.',
  [ErrorReason.FACTOR_DISABLED]:
    'Too many wrong codes: your own two-factor verification is disabled until another owner or administrator resets it.',
  [ErrorReason.NOT_ENROLLED]:
    'You no longer have a second factor set up. Reload the page and try again.',
};

function explained(error: ApiError): ApiError {
  // a wait in minutes (TOO_MANY_ATTEMPTS) is already the most useful sentence
  if (error.retryAfterSeconds !== undefined) return error;
  const message = error.reason ? reasonMessages[error.reason] : undefined;
  return message ? { ...error, message } : error;
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

/** `useApiCall` with the users page's reasons turned into sentences. */
function useUserCall<Args extends unknown[], T>(
  run: (...args: Args) => Promise<T>,
  wording: ErrorWording,
) {
  const client = useApolloClient();
  const { call, loading } = useApiCall(run, wording);
  const explainedCall = useCallback(
    async (...args: Args): Promise<ApiResult<T>> => {
      const result = await call(...args);
      if (result.ok) return result;
      // someone else removed the user meanwhile: the table should stop offering them
      if (result.error.code === ErrorCode.NOT_FOUND) {
        await client.refetchQueries({ include: [UsersDocument] });
      }
      return { ok: false, error: explained(result.error) };
    },
    [call, client],
  );
  return { call: explainedCall, loading };
}

// Every change reloads the shown page of the table: totals, order and the filters it was narrowed
// by (a reset user may leave a "LOCKED" view) are the server's to decide.
const refreshList = { refetchQueries: [UsersDocument], awaitRefetchQueries: true };

function noAnswer(): never {
  throw new Error('The server sent no answer.');
}

/** The apps a user can be assigned to, for the invite and edit dialogs. */
export function useAppChoices() {
  return useQuery(UserAppChoicesDocument, { fetchPolicy: 'cache-and-network' });
}

function done(title: string, message: string) {
  notifications.show({ color: 'green', title, message });
}

export function useCreateUser() {
  const [mutate] = useMutation(CreateUserDocument, refreshList);
  const run = useCallback(
    async (input: CreateUserInput): Promise<UserRowFragment> => {
      const { data } = await mutate({ variables: { input } });
      const created = data?.createUser ?? noAnswer();
      if (input.sendInvitation === false) {
        done('User created', `${created.displayName} was added to the account.`);
      } else {
        done(
          'Invitation sent',
          `${created.displayName} was emailed a link to join, valid 72 hours.`,
        );
      }
      return created;
    },
    [mutate],
  );
  return useUserCall(run, createWording);
}

/** The edit dialog: the profile's fields, then its apps when they changed. */
export function useEditUser() {
  const [update] = useMutation(UpdateUserDocument, refreshList);
  const [setApps] = useMutation(SetUserAppsDocument, refreshList);
  const run = useCallback(
    async (user: UserRowFragment, input: UpdateUserInput, appIds: string[] | null) => {
      if (Object.keys(input).length > 0) await update({ variables: { id: user.id, input } });
      if (appIds !== null) await setApps({ variables: { userId: user.id, appIds } });
      done('Saved', `${user.displayName} was updated.`);
    },
    [update, setApps],
  );
  return useUserCall(run, userWording);
}

/** Suspends (sessions end at once) or reactivates a user. */
export function useSetUserStatus() {
  const [mutate] = useMutation(UpdateUserDocument, refreshList);
  const run = useCallback(
    async (user: UserRowFragment, status: 'ACTIVE' | 'SUSPENDED') => {
      await mutate({ variables: { id: user.id, input: { status } } });
      if (status === 'SUSPENDED') {
        done('User suspended', `${user.displayName} was signed out everywhere.`);
      } else {
        done('User reactivated', `${user.displayName} can sign in again.`);
      }
    },
    [mutate],
  );
  return useUserCall(run, userWording);
}

export function useRemoveUser() {
  const [mutate] = useMutation(RemoveUserDocument, refreshList);
  const run = useCallback(
    async (user: UserRowFragment) => {
      await mutate({ variables: { id: user.id } });
      done('User removed', `${user.displayName} is no longer in the account.`);
    },
    [mutate],
  );
  return useUserCall(run, userWording);
}

/** `code`: the administrator's own current second factor; null when they have none. */
export function useResetTwoFactor() {
  const [mutate] = useMutation(ResetTwoFactorDocument, refreshList);
  const run = useCallback(
    async (user: UserRowFragment, reason: string, code: string | null) => {
      await mutate({ variables: { userId: user.id, reason, code } });
      done(
        'Authenticator reset',
        `${user.displayName} was signed out and emailed; they set up two-factor authentication again at their next sign-in.`,
      );
    },
    [mutate],
  );
  return useUserCall(run, codeWording);
}

export function useResendEnrollment() {
  const [mutate] = useMutation(ResendEnrollmentDocument);
  const run = useCallback(
    async (user: UserRowFragment) => {
      await mutate({ variables: { userId: user.id } });
      done('Enrollment link sent', `${user.displayName} was emailed a new link, valid 72 hours.`);
    },
    [mutate],
  );
  return useUserCall(run, userWording);
}
