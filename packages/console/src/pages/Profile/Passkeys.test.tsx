import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  BeginPasskeyAuthenticationDocument,
  BeginPasskeyRegistrationDocument,
  FinishPasskeyRegistrationDocument,
  LoginAssuredDocument,
  ProfileDocument,
  ProfileSecurityDocument,
  type ProfileSecurityQuery,
  RegenerateBackupCodesDocument,
  RemovePasskeyDocument,
  RenamePasskeyDocument,
} from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { mockOf } from '../../../test/mock';
import { makeSession } from '../../../test/sessions';
import {
  answerPrompts,
  assertionAnswer,
  closedPrompt,
  creationOptions,
  registrationAnswer,
  requestOptions,
  webauthn,
} from '../../../test/webauthn';

jest.mock('@simplewebauthn/browser');

type Passkey = NonNullable<NonNullable<ProfileSecurityQuery['viewer']>['passkeys']>[number];

const laptop: Passkey = {
  __typename: 'Passkey',
  id: 'pk-1',
  name: 'Work laptop',
  createdAt: '2026-11-20T10:00:00.000Z',
  lastUsedAt: '2026-12-01T08:00:00.000Z',
  transports: ['internal'],
  backedUp: false,
  multiDevice: false,
};

const phone: Passkey = {
  __typename: 'Passkey',
  id: 'pk-2',
  name: 'Phone',
  createdAt: '2026-11-25T10:00:00.000Z',
  lastUsedAt: null,
  transports: ['hybrid', 'internal'],
  backedUp: true,
  multiDevice: true,
};

function security(passkeys: Passkey[]) {
  return mockOf(ProfileSecurityDocument, {
    result: {
      data: {
        viewer: { __typename: 'User', id: 'user-1', passkeys, rememberedBrowsers: [] },
        mySessions: [],
        login: {
          __typename: 'Login',
          securityEvents: { __typename: 'AuditEventConnection', totalCount: 0, nodes: [] },
        },
      },
    },
    maxUsageCount: 5,
  });
}

function profile(twoFactorMethods: ('PASSKEY' | 'AUTHENTICATOR_APP')[] = ['PASSKEY']) {
  return mockOf(ProfileDocument, {
    result: {
      data: {
        viewer: {
          __typename: 'User',
          id: 'user-1',
          displayName: 'Ada Admin',
          email: 'ada@acme.test',
          twoFactorStatus: 'ENROLLED',
          twoFactorMethods,
          allowedTwoFactorMethods: ['AUTHENTICATOR_APP', 'PASSKEY'],
          hasPossessionFactor: true,
          maskedPhoneNumber: null,
          backupCodesRemaining: 10,
          twoFactorRequired: false,
        },
      },
    },
    maxUsageCount: 5,
  });
}

const assured = mockOf(LoginAssuredDocument, {
  result: { data: { session: { __typename: 'Session', loginAssured: true } } },
  maxUsageCount: 5,
});

const challenge = mockOf(BeginPasskeyAuthenticationDocument, {
  result: { data: { beginPasskeyAuthentication: requestOptions } },
  maxUsageCount: 5,
});

const page = (passkeys: Passkey[], more: Parameters<typeof renderApp>[1] = []) =>
  renderApp('/profile', [
    sessionMock(makeSession('ACTIVE')),
    profile(),
    security(passkeys),
    assured,
    ...more,
  ]);

const section = async () => within(await screen.findByRole('region', { name: 'Passkeys' }));

describe('passkeys on the profile', () => {
  beforeEach(answerPrompts);
  afterEach(() => jest.resetAllMocks());

  it('lists each passkey with when it was added and used, synced or on one device', async () => {
    page([laptop, phone]);
    const passkeys = await section();
    const rows = within(passkeys.getByRole('list', { name: 'Your passkeys' })).getAllByRole(
      'listitem',
    );
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Work laptop')).toBeVisible();
    expect(within(rows[0]!).getByText('This device only')).toBeVisible();
    expect(within(rows[0]!).getByText(/^Added .* · last used /)).toBeVisible();
    expect(within(rows[1]!).getByText('Synced')).toBeVisible();
    expect(within(rows[1]!).getByText(/· not used yet$/)).toBeVisible();
    // the profile holds a factor: another passkey is added right here, not on the setup page
    expect(passkeys.getByRole('button', { name: 'Add a passkey' })).toBeVisible();
    expect(screen.queryByRole('list', { name: 'Add a method' })).not.toHaveTextContent(/Passkey/);
  });

  it('renames a passkey', async () => {
    const renamed = jest.fn(() => ({
      data: { renamePasskey: { __typename: 'Passkey' as const, id: 'pk-1', name: 'Old laptop' } },
    }));
    page(
      [laptop],
      [
        mockOf(RenamePasskeyDocument, {
          variables: { id: 'pk-1', name: 'Old laptop' },
          result: renamed,
        }),
      ],
    );
    fireEvent.click((await section()).getByRole('button', { name: 'Rename Work laptop' }));
    const form = within(screen.getByRole('form', { name: 'Rename Work laptop' }));
    fireEvent.change(form.getByLabelText('New name'), { target: { value: 'Old laptop' } });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(renamed).toHaveBeenCalledTimes(1));
  });

  it('adds another passkey in place', async () => {
    const finished = jest.fn(() => ({
      data: {
        finishPasskeyRegistration: {
          __typename: 'EnrollmentResult' as const,
          backupCodes: [],
          session: makeSession('ACTIVE'),
        },
      },
    }));
    page(
      [laptop],
      [
        mockOf(BeginPasskeyRegistrationDocument, {
          result: { data: { beginPasskeyRegistration: creationOptions } },
        }),
        mockOf(FinishPasskeyRegistrationDocument, {
          variables: { name: 'Security key', response: JSON.stringify(registrationAnswer) },
          result: finished,
        }),
      ],
    );
    const passkeys = await section();
    fireEvent.click(passkeys.getByRole('button', { name: 'Add a passkey' }));
    fireEvent.change(passkeys.getByLabelText(/^Passkey name/), {
      target: { value: 'Security key' },
    });
    fireEvent.click(passkeys.getByRole('button', { name: 'Add passkey' }));
    await waitFor(() => expect(finished).toHaveBeenCalledTimes(1));
    expect(await passkeys.findByRole('button', { name: 'Add a passkey' })).toBeVisible();
  });

  it('removes a passkey confirmed by a passkey instead of a code', async () => {
    const removed = jest.fn(() => ({
      data: { removePasskey: { __typename: 'User' as const, id: 'user-1' } },
    }));
    page(
      [laptop, phone],
      [
        challenge,
        mockOf(RemovePasskeyDocument, {
          variables: { id: 'pk-2', code: JSON.stringify(assertionAnswer) },
          result: removed,
        }),
      ],
    );
    fireEvent.click((await section()).getByRole('button', { name: 'Remove Phone' }));
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Remove the passkey “Phone”?' }),
    );
    fireEvent.click(dialog.getByRole('button', { name: 'Use a passkey instead' }));
    await waitFor(() => expect(removed).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('removes a passkey confirmed by a typed code, and says a wrong one is wrong', async () => {
    page(
      [laptop],
      [
        mockOf(RemovePasskeyDocument, {
          variables: { id: 'pk-1', code: '000000' },
          result: {
            errors: [
              {
                message: 'wrong',
                extensions: { code: 'INVALID_CODE', attemptsRemaining: 4 },
              },
            ],
          },
        }),
      ],
    );
    fireEvent.click((await section()).getByRole('button', { name: 'Remove Work laptop' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('This is your only passkey.')).toBeInTheDocument();
    fireEvent.change(dialog.getByLabelText(/^Current code/), { target: { value: '000000' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Remove passkey' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'That code is not right. Check it and try again. You have 4 tries left before a lockout.',
    );
  });

  it('offers a passkey for new backup codes, and says so when its prompt was closed', async () => {
    webauthn.startAuthentication.mockRejectedValue(closedPrompt());
    const regenerated = jest.fn();
    page(
      [laptop],
      [
        challenge,
        mockOf(RegenerateBackupCodesDocument, { variables: () => true, result: regenerated }),
      ],
    );
    const form = within(await screen.findByRole('form', { name: 'New backup codes' }));
    fireEvent.click(form.getByRole('button', { name: 'Use a passkey instead' }));
    expect(await form.findByRole('alert')).toHaveTextContent(
      'The passkey prompt was closed — try again.',
    );
    expect(regenerated).not.toHaveBeenCalled();
  });
});
