import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  BeginPasskeyRegistrationDocument,
  FinishPasskeyRegistrationDocument,
} from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { mockOf } from '../../../test/mock';
import { makeSession } from '../../../test/sessions';
import {
  answerPrompts,
  closedPrompt,
  creationOptions,
  registrationAnswer,
  webauthn,
} from '../../../test/webauthn';

jest.mock('@simplewebauthn/browser');

const enrolling = makeSession('ENROLLMENT', {
  enrollment: {
    __typename: 'EnrollmentRequirement',
    allowedMethods: ['PASSKEY', 'AUTHENTICATOR_APP'],
    deadline: null,
    deadlineMissed: false,
  },
});

const begun = mockOf(BeginPasskeyRegistrationDocument, {
  result: { data: { beginPasskeyRegistration: creationOptions } },
  maxUsageCount: 5,
});

const codes = Array.from({ length: 10 }, (_, i) => `ABCDE-2345${i}`);

const linux =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('setting up a passkey', () => {
  const userAgent = Object.getOwnPropertyDescriptor(window.navigator, 'userAgent');
  beforeEach(() => {
    answerPrompts();
    Object.defineProperty(window.navigator, 'userAgent', { value: linux, configurable: true });
  });
  afterEach(() => {
    jest.resetAllMocks();
    if (userAgent) Object.defineProperty(window.navigator, 'userAgent', userAgent);
    else Reflect.deleteProperty(window.navigator, 'userAgent');
  });

  it('offers a passkey named after the browser, then shows the backup codes', async () => {
    const finished = jest.fn(() => ({
      data: {
        finishPasskeyRegistration: {
          __typename: 'EnrollmentResult' as const,
          backupCodes: codes,
          session: makeSession('ACTIVE'),
        },
      },
    }));
    const { router } = renderApp('/two-factor/setup', [
      sessionMock(enrolling),
      begun,
      mockOf(FinishPasskeyRegistrationDocument, {
        variables: { name: 'Work laptop', response: JSON.stringify(registrationAnswer) },
        result: finished,
      }),
    ]);
    const name = await screen.findByLabelText(/^Passkey name/);
    expect(name).toHaveValue('Chrome on Linux');
    expect(
      screen.getByRole('radio', { name: 'Passkey (fingerprint, face or security key)' }),
    ).toBeChecked();
    fireEvent.change(name, { target: { value: '  Work laptop ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create a passkey' }));

    expect(await screen.findByRole('heading', { name: 'Save your backup codes' })).toBeVisible();
    expect(finished).toHaveBeenCalledTimes(1);
    expect(webauthn.startRegistration).toHaveBeenCalledWith({
      optionsJSON: JSON.parse(creationOptions),
    });
    expect(router.state.location.pathname).toBe('/two-factor/setup');
    fireEvent.click(screen.getByRole('checkbox', { name: 'I have saved them' }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('asks for a name before opening the prompt', async () => {
    renderApp('/two-factor/setup', [sessionMock(enrolling), begun]);
    fireEvent.change(await screen.findByLabelText(/^Passkey name/), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create a passkey' }));
    expect(await screen.findByText('Give the passkey a name')).toBeVisible();
    expect(webauthn.startRegistration).not.toHaveBeenCalled();
  });

  it('says the prompt was closed and sends the server nothing', async () => {
    webauthn.startRegistration.mockRejectedValue(closedPrompt());
    const finished = jest.fn();
    renderApp('/two-factor/setup', [
      sessionMock(enrolling),
      begun,
      mockOf(FinishPasskeyRegistrationDocument, { variables: () => true, result: finished }),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Create a passkey' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The passkey prompt was closed — try again.',
    );
    expect(finished).not.toHaveBeenCalled();
  });

  it('says a passkey registered already is one', async () => {
    renderApp('/two-factor/setup', [
      sessionMock(enrolling),
      begun,
      mockOf(FinishPasskeyRegistrationDocument, {
        variables: () => true,
        result: {
          errors: [
            {
              message: 'taken',
              extensions: { code: 'CONFLICT', reason: 'PASSKEY_ALREADY_REGISTERED' },
            },
          ],
        },
      }),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Create a passkey' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This passkey is registered already: use another device or security key.',
    );
  });

  it('places the server’s refusal of the name on the name', async () => {
    renderApp('/two-factor/setup', [
      sessionMock(enrolling),
      begun,
      mockOf(FinishPasskeyRegistrationDocument, {
        variables: () => true,
        result: {
          errors: [
            {
              message: 'bad',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ field: 'name', message: 'At most 64 characters' }],
              },
            },
          ],
        },
      }),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Create a passkey' }));
    expect(await screen.findByText('At most 64 characters')).toBeVisible();
  });
});
