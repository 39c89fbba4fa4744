import type { MockLink } from '@apollo/client/testing';
import { notifications } from '@mantine/notifications';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  EndUserSessionsDocument,
  RemoveUserDocument,
  ResetTwoFactorDocument,
  type TwoFactorMethod,
  UnlockTwoFactorDocument,
  type UserDetailQuery,
  UserDetailDocument,
  type UserOversightQuery,
  BeginPasskeyAuthenticationDocument,
  ForgetUserRememberedBrowsersDocument,
  UserOversightDocument,
  UsersViewerDocument,
} from '@twofold/shared/graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { mockOf } from '../../../test/mock';
import { answerPrompts, assertionAnswer, requestOptions, webauthn } from '../../../test/webauthn';
import { renderWithProviders } from '../../../test/render';
import { UserDetailPage } from '.';

type Detail = NonNullable<UserDetailQuery['user']>;
type Oversight = NonNullable<UserOversightQuery['user']>;

jest.mock('@simplewebauthn/browser');

function viewerMock(
  overrides: { id?: string; email?: string; isOwner?: boolean } = {},
  twoFactorMethods: TwoFactorMethod[] = [],
) {
  return mockOf(UsersViewerDocument, {
    result: {
      data: {
        viewer: {
          __typename: 'User',
          id: 'user-ada',
          email: 'ada@acme.test',
          displayName: 'Ada Admin',
          userType: 'ADMINISTRATOR',
          isOwner: false,
          twoFactorMethods,
          ...overrides,
        },
      },
    },
    maxUsageCount: 20,
  });
}

const rita: Detail = {
  __typename: 'User',
  id: 'user-rita',
  displayName: 'Rita Reviewer',
  email: 'rita@acme.test',
  userType: 'APP_REVIEWER',
  isOwner: false,
  status: 'ACTIVE',
  lastSignInAt: '2026-12-07T09:30:00.000Z',
  apps: [{ __typename: 'App', id: 'app-1', name: 'Shop iOS' }],
  requireTwoFactor: true,
  twoFactorStatus: 'LOCKED',
  twoFactorMethods: ['AUTHENTICATOR_APP', 'SMS'],
  invitedAt: '2026-11-01T08:00:00.000Z',
  invitation: null,
  createdAt: '2026-11-01T08:00:00.000Z',
  twoFactorRequired: true,
  enrollmentDeadline: null,
  backupCodesRemaining: 7,
};

const oversight: Oversight = {
  __typename: 'User',
  id: 'user-rita',
  secondFactors: [
    {
      __typename: 'SecondFactorInfo',
      id: 'app:a1',
      kind: 'AUTHENTICATOR_APP',
      label: null,
      addedAt: '2026-11-02T10:00:00.000Z',
      lastUsedAt: '2026-12-06T08:00:00.000Z',
      unusedCodes: null,
    },
    {
      __typename: 'SecondFactorInfo',
      id: 'sms:s1',
      kind: 'SMS',
      label: '+44 •••• ••3456',
      addedAt: '2026-11-03T10:00:00.000Z',
      lastUsedAt: null,
      unusedCodes: null,
    },
    {
      __typename: 'SecondFactorInfo',
      id: 'passkey:p1',
      kind: 'PASSKEY',
      label: 'YubiKey 5',
      addedAt: '2026-11-04T10:00:00.000Z',
      lastUsedAt: '2026-12-05T10:00:00.000Z',
      unusedCodes: null,
    },
    {
      __typename: 'SecondFactorInfo',
      id: 'backup-codes:user-rita',
      kind: 'BACKUP_CODE',
      label: null,
      addedAt: '2026-11-02T10:00:00.000Z',
      lastUsedAt: '2026-11-20T10:00:00.000Z',
      unusedCodes: 7,
    },
  ],
  secondFactorLockout: {
    __typename: 'SecondFactorLockout',
    lockedUntil: '2026-12-07T10:15:00.000Z',
    disabled: false,
    failedAttempts: 5,
  },
  sessions: [
    {
      __typename: 'UserSession',
      id: 'session-1',
      browser: 'Chrome on Linux',
      transport: 'COOKIE',
      createdAt: '2026-12-07T09:30:00.000Z',
      lastSeenAt: '2026-12-07T09:45:00.000Z',
      ip: '203.0.113.7',
    },
    {
      __typename: 'UserSession',
      id: 'session-2',
      browser: 'Safari on iOS',
      transport: 'COOKIE',
      createdAt: '2026-12-06T09:30:00.000Z',
      lastSeenAt: '2026-12-06T09:45:00.000Z',
      ip: null,
    },
  ],
  rememberedBrowsers: [
    {
      __typename: 'RememberedBrowser',
      id: 'rb-1',
      browser: 'Firefox on Windows',
      createdAt: '2026-12-01T09:30:00.000Z',
      lastUsedAt: null,
      expiresAt: '2026-12-31T09:30:00.000Z',
    },
  ],
  securityActivity: [
    {
      __typename: 'AuditEvent',
      id: 'e2',
      action: 'auth.second_factor_failed',
      actorUserId: 'user-rita',
      actorName: 'Rita Reviewer',
      targetType: 'User',
      targetId: 'user-rita',
      targetName: 'Rita Reviewer',
      ip: '203.0.113.7',
      details: { kind: 'AUTHENTICATOR_APP' },
      createdAt: '2026-12-07T09:44:00.000Z',
    },
    {
      __typename: 'AuditEvent',
      id: 'e1',
      action: 'two_factor.reset',
      actorUserId: 'user-ada',
      actorName: 'Ada Admin',
      targetType: 'User',
      targetId: 'user-rita',
      targetName: 'Rita Reviewer',
      ip: null,
      details: { reason: 'New phone', factors: ['PIN'] },
      createdAt: '2026-12-01T09:00:00.000Z',
    },
  ],
};

function detailMock(user: Detail = rita) {
  return mockOf(UserDetailDocument, {
    variables: { id: user.id },
    result: { data: { user } },
    maxUsageCount: 20,
  });
}

/** Answers the page's oversight query; `asked` counts how often it was sent. */
function oversightMock(value: Oversight = oversight, asked = { count: 0 }) {
  return mockOf(UserOversightDocument, {
    variables: { id: value.id },
    result: () => {
      asked.count += 1;
      return { data: { user: value } };
    },
    maxUsageCount: 20,
  });
}

function renderPage(path: string, mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const router = createMemoryRouter(
    [
      { path: '/users/:id', element: <UserDetailPage /> },
      { path: '/users', element: <p>The users table</p> },
      { path: '/profile', element: <p>Your profile</p> },
    ],
    { initialEntries: [path] },
  );
  renderWithProviders(<RouterProvider router={router} />, mocks);
  return { router };
}

const section = async (name: string) => within(await screen.findByRole('region', { name }));

/** The green notices the page showed, as "title: message". */
function notices(): string[] {
  return jest
    .mocked(notifications.show)
    .mock.calls.map(([notice]) =>
      [notice.title, notice.message].filter((part) => typeof part === 'string').join(': '),
    );
}

describe('a user’s page', () => {
  beforeEach(() => {
    jest.spyOn(notifications, 'show').mockImplementation(() => 'notice');
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows the profile, 2FA with each factor, sessions in words and activity in words', async () => {
    renderPage('/users/user-rita', [viewerMock(), detailMock(), oversightMock()]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Rita Reviewer' })).toBeVisible();
    const profile = await section('Profile');
    expect(profile.getByText('rita@acme.test')).toBeVisible();
    expect(profile.getByText('App reviewer')).toBeVisible();
    expect(profile.getByText('Shop iOS')).toBeVisible();
    expect(profile.getByText('Active')).toBeVisible();

    const twoFactor = await section('Two-factor authentication');
    expect(twoFactor.getByText('Locked')).toBeVisible();
    expect(twoFactor.getByText('Required for this user')).toBeVisible();
    expect(
      await twoFactor.findByText(/5 wrong codes in a row: codes are refused until/),
    ).toBeVisible();
    expect(twoFactor.getByText('Authenticator app')).toBeVisible();
    expect(twoFactor.getAllByText(/^Last used /)).toHaveLength(3);
    expect(twoFactor.getByText('Passkey “YubiKey 5”')).toBeVisible();
    expect(twoFactor.getByText('Text message (SMS) +44 •••• ••3456')).toBeVisible();
    expect(twoFactor.getByText('No use recorded')).toBeVisible();
    expect(twoFactor.getByText('Backup codes — 7 left')).toBeVisible();
    expect(twoFactor.getAllByRole('button', { name: 'Remove' })).toHaveLength(4);

    const sessions = await section('Open sessions');
    expect(sessions.getByText('Chrome on Linux')).toBeVisible();
    expect(sessions.getByText('Safari on iOS')).toBeVisible();
    expect(sessions.getByText(/IP 203\.0\.113\.7/)).toBeVisible();
    expect(sessions.queryByText(/Mozilla/)).toBeNull();

    const browsers = await section('Remembered browsers');
    expect(browsers.getByText('Firefox on Windows')).toBeVisible();
    expect(browsers.getByText(/· last used not yet · expires /)).toBeVisible();

    const activity = await section('Recent security activity');
    expect(activity.getByText('Rita Reviewer entered a wrong second-factor code')).toBeVisible();
    expect(
      activity.getByText('Ada Admin removed the PIN code of Rita Reviewer — reason: “New phone”'),
    ).toBeVisible();
    expect(
      activity.getByRole('link', { name: 'All their events in the audit log' }),
    ).toHaveAttribute('href', '/audit?user=user-rita');
  });

  it('says so when the user does not exist in the account', async () => {
    renderPage('/users/user-gone', [
      viewerMock(),
      mockOf(UserDetailDocument, {
        variables: { id: 'user-gone' },
        result: {
          errors: [{ message: 'User not found', extensions: { code: 'NOT_FOUND', field: 'id' } }],
        },
      }),
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'User not found' })).toBeVisible();
    expect(screen.getByText(/There is no such user in this account/)).toBeVisible();
    fireEvent.click(screen.getByRole('link', { name: '← All users' }));
    expect(await screen.findByText('The users table')).toBeVisible();
  });

  it('shows the viewer’s own profile without actions, and asks nothing it would be refused', async () => {
    const asked = { count: 0 };
    renderPage('/users/user-ada', [
      // one profile in two queries: both answers agree, as the server's would (one cache entry)
      viewerMock({}, ['AUTHENTICATOR_APP', 'SMS']),
      detailMock({
        ...rita,
        id: 'user-ada',
        displayName: 'Ada Admin',
        email: 'ada@acme.test',
        userType: 'ADMINISTRATOR',
      }),
      oversightMock({ ...oversight, id: 'user-ada' }, asked),
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Admin' })).toBeVisible();
    expect(screen.getByText('This is you')).toBeVisible();
    expect(screen.getByRole('link', { name: 'your profile page' })).toHaveAttribute(
      'href',
      '/profile',
    );
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Open sessions' })).toBeNull();
    // the status and methods the table shows, the rest not asked for
    const twoFactor = await section('Two-factor authentication');
    expect(twoFactor.getByText('Authenticator app, Text message (SMS)')).toBeVisible();
    expect(twoFactor.getByText('7 left')).toBeVisible();
    expect(asked.count).toBe(0);
  });

  it('shows an owner to an administrator without actions', async () => {
    const asked = { count: 0 };
    renderPage('/users/user-olga', [
      viewerMock(),
      detailMock({ ...rita, id: 'user-olga', displayName: 'Olga Owner', isOwner: true }),
      oversightMock({ ...oversight, id: 'user-olga' }, asked),
    ]);
    expect(await screen.findByText('Only an owner changes an owner')).toBeVisible();
    expect(screen.queryByRole('button')).toBeNull();
    expect(asked.count).toBe(0);
  });

  it('unlocks a locked user after saying what it does, then reloads the page', async () => {
    const asked = { count: 0 };
    const unlock = jest.fn(() => ({
      data: { unlockTwoFactor: { ...rita, twoFactorStatus: 'ENROLLED' as const } },
    }));
    renderPage('/users/user-rita', [
      viewerMock(),
      detailMock(),
      oversightMock(oversight, asked),
      mockOf(UnlockTwoFactorDocument, { variables: { userId: 'user-rita' }, result: unlock }),
    ]);
    const twoFactor = await section('Two-factor authentication');
    fireEvent.click(await twoFactor.findByRole('button', { name: 'Unlock' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Unlock Rita Reviewer?' }));
    expect(dialog.getByText(/Their second factors and sessions stay as they are/)).toBeVisible();
    const before = asked.count;
    fireEvent.click(dialog.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(unlock).toHaveBeenCalledTimes(1);
    expect(notices()).toEqual([
      'Unlocked: Rita Reviewer can enter codes again; their second factors were kept.',
    ]);
    await waitFor(() => expect(asked.count).toBeGreaterThan(before));
  });

  it('keeps the unlock dialog open with the reason when nothing was locked any more', async () => {
    renderPage('/users/user-rita', [
      viewerMock(),
      detailMock(),
      oversightMock(),
      mockOf(UnlockTwoFactorDocument, {
        variables: { userId: 'user-rita' },
        result: {
          errors: [
            {
              message: 'not locked',
              extensions: { code: 'CONFLICT', reason: 'NOT_LOCKED', field: 'userId' },
            },
          ],
        },
      }),
    ]);
    fireEvent.click(
      await (await section('Two-factor authentication')).findByRole('button', { name: 'Unlock' }),
    );
    const dialog = within(await screen.findByRole('dialog', { name: 'Unlock Rita Reviewer?' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Unlock' }));
    expect(await dialog.findByText(/not locked out any more/)).toBeVisible();
  });

  it('removes one factor with a reason, naming it, and keeps the others', async () => {
    const reset = jest.fn(() => ({
      data: { resetTwoFactor: { ...rita, twoFactorMethods: ['AUTHENTICATOR_APP' as const] } },
    }));
    renderPage('/users/user-rita', [
      viewerMock(),
      detailMock(),
      oversightMock(),
      mockOf(ResetTwoFactorDocument, {
        variables: {
          userId: 'user-rita',
          reason: 'Lost the phone',
          code: null,
          factorIds: ['sms:s1'],
        },
        result: reset,
      }),
    ]);
    const twoFactor = await section('Two-factor authentication');
    const smsRow = (await twoFactor.findAllByRole('listitem')).find((row) =>
      row.textContent?.includes('Text message (SMS) +44 •••• ••3456'),
    );
    fireEvent.click(within(smsRow!).getByRole('button', { name: 'Remove' }));
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Remove the text message number +44 •••• ••3456 of Rita Reviewer',
      }),
    );
    expect(dialog.getByText(/keep their other second factors/)).toBeVisible();
    expect(dialog.getByText(/A lockout stays until you unlock it/)).toBeVisible();
    fireEvent.change(dialog.getByLabelText(/^Reason/), { target: { value: 'Lost the phone' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Remove factor' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(reset).toHaveBeenCalledTimes(1);
    expect(notices()).toEqual([
      'Factor removed: Rita Reviewer was signed out and emailed that the text message number +44 •••• ••3456 was removed.',
    ]);
  });

  it('resets every factor from the same dialog the table uses', async () => {
    const reset = jest.fn(() => ({
      data: { resetTwoFactor: { ...rita, twoFactorMethods: [] } },
    }));
    renderPage('/users/user-rita', [
      viewerMock(),
      detailMock(),
      oversightMock(),
      mockOf(ResetTwoFactorDocument, {
        variables: { userId: 'user-rita', reason: 'Starting over', code: null },
        result: reset,
      }),
    ]);
    fireEvent.click(
      await (
        await section('Two-factor authentication')
      ).findByRole('button', { name: 'Reset all second factors' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Reset authenticator of Rita Reviewer' }),
    );
    fireEvent.change(dialog.getByLabelText(/^Reason/), { target: { value: 'Starting over' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Reset authenticator' }));
    await waitFor(() => expect(reset).toHaveBeenCalledTimes(1));
  });

  it('ends every session after saying how many', async () => {
    const end = jest.fn(() => ({ data: { endUserSessions: 2 } }));
    renderPage('/users/user-rita', [
      viewerMock(),
      detailMock(),
      oversightMock(),
      mockOf(EndUserSessionsDocument, { variables: { userId: 'user-rita' }, result: end }),
    ]);
    fireEvent.click(
      await (await section('Open sessions')).findByRole('button', { name: 'End all sessions' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'End all sessions of Rita Reviewer?' }),
    );
    expect(dialog.getByText(/Their 2 open sessions end at once/)).toBeVisible();
    fireEvent.click(dialog.getByRole('button', { name: 'End all sessions' }));
    await waitFor(() => expect(end).toHaveBeenCalledTimes(1));
    await waitFor(() =>
      expect(notices()).toEqual([
        'Sessions ended: 2 sessions of Rita Reviewer ended; they sign in again.',
      ]),
    );
  });

  it('removes one passkey by its name with the per-factor reset', async () => {
    const reset = jest.fn(() => ({ data: { resetTwoFactor: rita } }));
    renderPage('/users/user-rita', [
      viewerMock(),
      detailMock(),
      oversightMock(),
      mockOf(ResetTwoFactorDocument, {
        variables: {
          userId: 'user-rita',
          reason: 'Key lost',
          code: null,
          factorIds: ['passkey:p1'],
        },
        result: reset,
      }),
    ]);
    const twoFactor = await section('Two-factor authentication');
    const row = (await twoFactor.findAllByRole('listitem')).find((item) =>
      item.textContent?.includes('Passkey “YubiKey 5”'),
    );
    fireEvent.click(within(row!).getByRole('button', { name: 'Remove' }));
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Remove the passkey “YubiKey 5” of Rita Reviewer',
      }),
    );
    fireEvent.change(dialog.getByLabelText(/^Reason/), { target: { value: 'Key lost' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Remove factor' }));
    await waitFor(() => expect(reset).toHaveBeenCalledTimes(1));
  });

  it('confirms a reset with the administrator’s passkey instead of a code', async () => {
    answerPrompts();
    const reset = jest.fn(() => ({ data: { resetTwoFactor: { ...rita, twoFactorMethods: [] } } }));
    renderPage('/users/user-rita', [
      viewerMock({}, ['PASSKEY']),
      detailMock(),
      oversightMock(),
      mockOf(BeginPasskeyAuthenticationDocument, {
        result: { data: { beginPasskeyAuthentication: requestOptions } },
      }),
      mockOf(ResetTwoFactorDocument, {
        variables: {
          userId: 'user-rita',
          reason: 'Starting over',
          code: JSON.stringify(assertionAnswer),
        },
        result: reset,
      }),
    ]);
    fireEvent.click(
      await (
        await section('Two-factor authentication')
      ).findByRole('button', { name: 'Reset all second factors' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Reset authenticator of Rita Reviewer' }),
    );
    // nothing to type from a passkey: the field takes a backup code
    expect(dialog.getByLabelText(/^Your backup code/)).toBeVisible();
    // the reason first, as on submit
    fireEvent.click(dialog.getByRole('button', { name: 'Use a passkey instead' }));
    expect(await dialog.findByText('Give a reason')).toBeVisible();
    expect(webauthn.startAuthentication).not.toHaveBeenCalled();
    fireEvent.change(dialog.getByLabelText(/^Reason/), { target: { value: 'Starting over' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Use a passkey instead' }));
    await waitFor(() => expect(reset).toHaveBeenCalledTimes(1));
  });

  it('forgets every remembered browser after saying how many', async () => {
    const forget = jest.fn(() => ({ data: { forgetUserRememberedBrowsers: 1 } }));
    renderPage('/users/user-rita', [
      viewerMock(),
      detailMock(),
      oversightMock(),
      mockOf(ForgetUserRememberedBrowsersDocument, {
        variables: { userId: 'user-rita' },
        result: forget,
      }),
    ]);
    fireEvent.click(
      await (await section('Remembered browsers')).findByRole('button', { name: 'Forget all' }),
    );
    const dialog = within(
      await screen.findByRole('dialog', {
        name: 'Forget the remembered browsers of Rita Reviewer?',
      }),
    );
    expect(dialog.getByText(/Their remembered browser asks for their second factor/)).toBeVisible();
    expect(forget).not.toHaveBeenCalled();
    fireEvent.click(dialog.getByRole('button', { name: 'Forget all' }));
    await waitFor(() => expect(forget).toHaveBeenCalledTimes(1));
    await waitFor(() =>
      expect(notices()).toEqual([
        'Browsers forgotten: 1 browser of Rita Reviewer will ask for their second factor again.',
      ]),
    );
  });

  it('says when no browser is remembered and offers nothing to forget', async () => {
    renderPage('/users/user-rita', [
      viewerMock(),
      detailMock(),
      oversightMock({ ...oversight, rememberedBrowsers: [] }),
    ]);
    const browsers = await section('Remembered browsers');
    expect(browsers.getByText('No browser skips their second factor.')).toBeVisible();
    expect(browsers.queryByRole('button', { name: 'Forget all' })).toBeNull();
  });

  it('goes back to the users table once the user is removed', async () => {
    const { router } = renderPage('/users/user-rita', [
      viewerMock(),
      detailMock(),
      oversightMock(),
      mockOf(RemoveUserDocument, {
        variables: { id: 'user-rita' },
        result: { data: { removeUser: true } },
      }),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove user' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Remove Rita Reviewer?' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Remove user' }));
    expect(await screen.findByText('The users table')).toBeVisible();
    expect(router.state.location.pathname).toBe('/users');
  });

  it('offers suspend for an active user and reactivate for a suspended one', async () => {
    renderPage('/users/user-rita', [
      viewerMock(),
      detailMock({ ...rita, status: 'SUSPENDED' }),
      oversightMock(),
    ]);
    expect(await screen.findByRole('button', { name: 'Reactivate' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Suspend' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Re-send enrollment link' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeVisible();
  });
});
