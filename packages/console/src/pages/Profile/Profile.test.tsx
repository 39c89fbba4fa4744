import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  BeginSmsEnrollmentDocument,
  ChangePasswordDocument,
  ChangePinDocument,
  LoginAssuredDocument,
  ConfirmSmsEnrollmentDocument,
  ProfileDocument,
  ForgetRememberedBrowserDocument,
  ForgetRememberedBrowsersDocument,
  ProfileSecurityDocument,
  type ProfileSecurityQuery,
  RegenerateBackupCodesDocument,
  RequestPasswordResetDocument,
} from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { makeSession } from '../../../test/sessions';
import { mockOf } from '../../../test/mock';

type RememberedBrowser = NonNullable<
  NonNullable<ProfileSecurityQuery['viewer']>['rememberedBrowsers']
>[number];

const rememberedHere: RememberedBrowser = {
  __typename: 'RememberedBrowser',
  id: 'rb-1',
  browser: 'Chrome on Linux',
  createdAt: '2026-11-20T10:00:00.000Z',
  lastUsedAt: '2026-11-29T08:00:00.000Z',
  expiresAt: '2026-12-20T10:00:00.000Z',
  current: true,
};

const rememberedElsewhere: RememberedBrowser = {
  __typename: 'RememberedBrowser',
  id: 'rb-2',
  browser: 'Safari on iOS',
  createdAt: '2026-11-25T10:00:00.000Z',
  lastUsedAt: null,
  expiresAt: '2026-12-25T10:00:00.000Z',
  current: false,
};

function security(rememberedBrowsers: RememberedBrowser[] = []) {
  return mockOf(ProfileSecurityDocument, {
    result: {
      data: {
        viewer: { __typename: 'User', id: 'user-1', passkeys: [], rememberedBrowsers },
        mySessions: [
          {
            __typename: 'SessionSummary',
            id: 's1',
            current: true,
            transport: 'COOKIE',
            createdAt: '2026-11-30T10:00:00.000Z',
            lastSeenAt: '2026-11-30T10:05:00.000Z',
            ip: '203.0.113.7',
            browser: 'Firefox on Windows',
          },
          {
            __typename: 'SessionSummary',
            id: 's2',
            current: false,
            transport: 'BEARER',
            createdAt: '2026-11-29T10:00:00.000Z',
            lastSeenAt: '2026-11-29T10:05:00.000Z',
            ip: null,
            browser: 'Unknown browser',
          },
        ],
        login: {
          __typename: 'Login',
          securityEvents: {
            __typename: 'AuditEventConnection',
            totalCount: 1,
            nodes: [
              {
                __typename: 'AuditEvent',
                id: 'e1',
                action: 'auth.sign_in_failed',
                ip: '198.51.100.9',
                createdAt: '2026-11-30T09:00:00.000Z',
              },
            ],
          },
        },
      },
    },
    maxUsageCount: 5,
  });
}

function assurance(loginAssured = true) {
  return mockOf(LoginAssuredDocument, {
    result: { data: { session: { __typename: 'Session', loginAssured } } },
    maxUsageCount: 5,
  });
}

function profile(overrides: Record<string, unknown> = {}) {
  return mockOf(ProfileDocument, {
    result: {
      data: {
        viewer: {
          __typename: 'User',
          id: 'user-1',
          displayName: 'Ada Admin',
          email: 'ada@acme.test',
          twoFactorStatus: 'ENROLLED',
          twoFactorMethods: ['PIN'],
          allowedTwoFactorMethods: ['AUTHENTICATOR_APP', 'SMS', 'PIN'],
          hasPossessionFactor: false,
          maskedPhoneNumber: null,
          backupCodesRemaining: 2,
          twoFactorRequired: false,
          ...overrides,
        },
      },
    },
    maxUsageCount: 5,
  });
}

describe('remembered browsers on the profile', () => {
  it('lists each with when it was remembered, last used and expires, and marks this browser', async () => {
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile(),
      security([rememberedHere, rememberedElsewhere]),
      assurance(),
    ]);
    const section = within(await screen.findByRole('region', { name: 'Remembered browsers' }));
    const rows = section.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Chrome on Linux')).toBeVisible();
    expect(within(rows[0]!).getByText('This browser')).toBeVisible();
    expect(within(rows[0]!).getByText(/^Remembered /)).toBeVisible();
    expect(within(rows[1]!).getByText('Not yet')).toBeInTheDocument();
    expect(within(rows[1]!).queryByText('This browser')).toBeNull();
  });

  it('says when no browser is remembered and offers no "Forget all"', async () => {
    renderApp('/profile', [sessionMock(makeSession('ACTIVE')), profile(), security(), assurance()]);
    const section = within(await screen.findByRole('region', { name: 'Remembered browsers' }));
    expect(section.getByText(/No browser skips your second factor/)).toBeVisible();
    expect(section.queryByRole('button', { name: 'Forget all' })).toBeNull();
  });

  it('forgets one browser', async () => {
    const forgotten = jest.fn(() => ({ data: { forgetRememberedBrowser: true } }));
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile(),
      security([rememberedHere, rememberedElsewhere]),
      assurance(),
      mockOf(ForgetRememberedBrowserDocument, { variables: { id: 'rb-2' }, result: forgotten }),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Forget Safari on iOS' }));
    await waitFor(() => expect(forgotten).toHaveBeenCalledTimes(1));
  });

  it('says why a browser could not be forgotten', async () => {
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile(),
      security([rememberedElsewhere]),
      assurance(),
      mockOf(ForgetRememberedBrowserDocument, {
        variables: { id: 'rb-2' },
        result: { errors: [{ message: 'gone', extensions: { code: 'NOT_FOUND' } }] },
      }),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Forget Safari on iOS' }));
    expect(await screen.findByText('That browser is no longer remembered.')).toBeVisible();
  });

  it('forgets every browser only once confirmed', async () => {
    const forgotten = jest.fn(() => ({ data: { forgetRememberedBrowsers: 2 } }));
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile(),
      security([rememberedHere, rememberedElsewhere]),
      assurance(),
      mockOf(ForgetRememberedBrowsersDocument, { result: forgotten }),
    ]);
    const section = within(await screen.findByRole('region', { name: 'Remembered browsers' }));
    fireEvent.click(section.getByRole('button', { name: 'Forget all' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText(/this one included/)).toBeInTheDocument();
    expect(forgotten).not.toHaveBeenCalled();
    fireEvent.click(dialog.getByRole('button', { name: 'Forget all' }));
    await waitFor(() => expect(forgotten).toHaveBeenCalledTimes(1));
  });
});

describe('the profile page', () => {
  it('shows details, methods, backup codes left, sessions and the login’s security activity', async () => {
    renderApp('/profile', [sessionMock(makeSession('ACTIVE')), profile(), security(), assurance()]);
    expect(await screen.findByRole('heading', { name: 'Your profile' })).toBeVisible();
    expect(screen.getByDisplayValue('ada@acme.test')).toBeVisible();
    expect(screen.getByText('PIN code (additional verification)')).toBeVisible();
    expect(screen.getByText(/A PIN is something you know/)).toBeVisible();
    expect(screen.getByText('2 left')).toBeVisible();
    const add = screen.getByRole('list', { name: 'Add a method' });
    expect(
      within(add)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Authenticator app', 'Text message (SMS)']);
    expect(within(add).getByRole('link', { name: 'Text message (SMS)' })).toHaveAttribute(
      'href',
      '/two-factor/setup?method=SMS',
    );
    expect(await screen.findByText('This session')).toBeVisible();
    expect(screen.getByText('Firefox on Windows')).toBeVisible();
    expect(screen.getByText('API client')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Sign out this session' })).toBeVisible();
    expect(screen.getByText(/Failed sign-in — .* from 198\.51\.100\.9/)).toBeVisible();
  });

  it.each([
    [false, 'offers to turn 2FA off where it is optional'],
    [true, 'does not offer to turn 2FA off where it is required, and says why'],
  ])('required %s: %s', async (required) => {
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile({ twoFactorRequired: required }),
      security(),
      assurance(),
    ]);
    expect(await screen.findByRole('heading', { name: 'Your profile' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Turn off' }) !== null).toBe(!required);
    expect(screen.queryByText(/required for you: it cannot be turned off/) !== null).toBe(required);
  });

  it('opens the setup on the method an add link names', async () => {
    const { router } = renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile(),
      security(),
      assurance(),
    ]);
    const add = await screen.findByRole('list', { name: 'Add a method' });
    fireEvent.click(within(add).getByRole('link', { name: 'Text message (SMS)' }));
    expect(
      await screen.findByRole('heading', { name: 'Set up two-factor authentication' }),
    ).toBeVisible();
    expect(router.state.location.search).toBe('?method=SMS');
    expect(await screen.findByRole('radio', { name: 'Text message (SMS)' })).toBeChecked();
  });

  it('shows new backup codes once after a current code', async () => {
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile(),
      security(),
      assurance(),
      mockOf(RegenerateBackupCodesDocument, {
        variables: { code: '2580' },
        result: { data: { regenerateBackupCodes: ['AAAAA-22222', 'BBBBB-33333'] } },
      }),
    ]);
    const [backupCode] = await screen.findAllByLabelText(/^Current code/);
    fireEvent.change(backupCode!, { target: { value: '2580' } });
    fireEvent.click(screen.getByRole('button', { name: 'New backup codes' }));
    expect(await screen.findByText('AAAAA-22222')).toBeVisible();
  });

  it('says a wrong current PIN is wrong', async () => {
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile(),
      security(),
      assurance(),
      mockOf(ChangePinDocument, {
        variables: { currentPin: '1470', newPin: '3691', newPinConfirmation: '3691' },
        result: {
          errors: [{ message: 'The code is not valid', extensions: { code: 'INVALID_CODE' } }],
        },
      }),
    ]);
    fireEvent.change(await screen.findByLabelText('Current PIN'), { target: { value: '1470' } });
    fireEvent.change(screen.getByLabelText('New PIN'), { target: { value: '3691' } });
    fireEvent.change(screen.getByLabelText('New PIN again'), { target: { value: '3691' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change PIN' }));
    expect(await screen.findByText('That is not your current PIN.')).toBeVisible();
  });

  it('shows only the profile itself while 2FA must still be set up (ENROLLMENT)', async () => {
    renderApp('/profile', [
      sessionMock(makeSession('ENROLLMENT')),
      profile({ twoFactorMethods: [], twoFactorStatus: 'OVERDUE', backupCodesRemaining: 0 }),
    ]);
    expect(await screen.findByRole('heading', { name: 'Your profile' })).toBeVisible();
    expect(screen.getByText('No second factor is set up.')).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Active sessions' })).toBeNull();
  });

  it('changes the phone number with a current code, then the new number’s code', async () => {
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile({
        twoFactorMethods: ['SMS'],
        hasPossessionFactor: true,
        maskedPhoneNumber: '+44 •••• ••3456',
      }),
      security(),
      assurance(),
      mockOf(BeginSmsEnrollmentDocument, {
        variables: { countryCode: 'GB', phoneNumber: '07400 999888', code: '123456' },
        result: { data: { beginSmsEnrollment: true } },
      }),
      mockOf(ConfirmSmsEnrollmentDocument, {
        variables: { code: '654321' },
        result: {
          data: {
            confirmSmsEnrollment: {
              __typename: 'EnrollmentResult',
              backupCodes: [],
              session: makeSession('ACTIVE'),
            },
          },
        },
      }),
    ]);
    expect(await screen.findByText(/Text message \(SMS\) — \+44 •••• ••3456/)).toBeVisible();
    // a picker or a field, depending on whether the account's countries have loaded yet
    fireEvent.change(screen.getByLabelText('Country'), { target: { value: 'GB' } });
    fireEvent.change(screen.getByLabelText('Mobile number'), { target: { value: '07400 999888' } });
    const [current] = screen.getAllByLabelText(/^Current code/);
    fireEvent.change(current!, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Code' }), {
      target: { value: '654321' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText(/Your new number is linked/)).toBeVisible();
  });

  it('says why a password change was refused', async () => {
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile(),
      security(),
      assurance(),
      mockOf(ChangePasswordDocument, {
        variables: { currentPassword: 'not it', newPassword: 'a brand new secret' },
        result: {
          errors: [
            {
              message: 'currentPassword: This is not your current password',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [
                  { field: 'currentPassword', message: 'This is not your current password' },
                ],
              },
            },
          ],
        },
      }),
    ]);
    fireEvent.change(await screen.findByLabelText('Current password'), {
      target: { value: 'not it' },
    });
    fireEvent.change(screen.getByLabelText('New password'), {
      target: { value: 'a brand new secret' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('This is not your current password')).toBeVisible();
  });

  it('offers the emailed reset instead of the password form without login assurance', async () => {
    renderApp('/profile', [
      sessionMock(makeSession('ACTIVE')),
      profile(),
      assurance(false),
      security(),
      assurance(),
      mockOf(RequestPasswordResetDocument, {
        variables: { email: 'ada@acme.test' },
        result: { data: { requestPasswordReset: true } },
      }),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Email me a password reset link' }));
    expect(await screen.findByText(/We sent a link to ada@acme.test/)).toBeVisible();
    expect(screen.queryByLabelText('Current password')).toBeNull();
  });
});
