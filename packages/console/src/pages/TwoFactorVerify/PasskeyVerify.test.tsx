import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  BeginPasskeyAuthenticationDocument,
  VerifySecondFactorDocument,
} from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { mockOf } from '../../../test/mock';
import { makeSession } from '../../../test/sessions';
import {
  answerPrompts,
  assertionAnswer,
  closedPrompt,
  requestOptions,
  webauthn,
} from '../../../test/webauthn';

jest.mock('@simplewebauthn/browser');

const atSecondFactor = makeSession('SECOND_FACTOR', {
  availableSecondFactors: ['AUTHENTICATOR_APP', 'PASSKEY', 'BACKUP_CODE'],
  rememberBrowserDays: 30,
});

const challenge = mockOf(BeginPasskeyAuthenticationDocument, {
  result: { data: { beginPasskeyAuthentication: requestOptions } },
  maxUsageCount: 5,
});

describe('signing in with a passkey', () => {
  beforeEach(answerPrompts);
  afterEach(() => jest.resetAllMocks());

  it('offers the passkey first, and signs in with its answer and "Remember this browser"', async () => {
    const verified = jest.fn(() => ({ data: { verifySecondFactor: makeSession('ACTIVE') } }));
    const { router } = renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      challenge,
      mockOf(VerifySecondFactorDocument, {
        variables: {
          kind: 'PASSKEY',
          code: JSON.stringify(assertionAnswer),
          rememberBrowser: true,
        },
        result: verified,
      }),
    ]);
    const tab = await screen.findByRole('tab', { name: 'Use a passkey' });
    expect(tab).toHaveAttribute('aria-selected', 'true');
    expect(screen.getAllByRole('tab')).toEqual([
      tab,
      screen.getByRole('tab', { name: 'Authenticator app' }),
      screen.getByRole('tab', { name: 'Use a backup code' }),
    ]);
    fireEvent.click(screen.getByRole('checkbox', { name: /^Remember this browser for 30 days/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Use a passkey' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(verified).toHaveBeenCalledTimes(1);
    // the options the server sent reached the browser as they were
    expect(webauthn.startAuthentication).toHaveBeenCalledWith({
      optionsJSON: JSON.parse(requestOptions),
    });
  });

  it('says the prompt was closed, and asks the server nothing more', async () => {
    webauthn.startAuthentication.mockRejectedValue(closedPrompt());
    const verified = jest.fn(() => ({ data: { verifySecondFactor: makeSession('ACTIVE') } }));
    renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      challenge,
      mockOf(VerifySecondFactorDocument, { variables: () => true, result: verified }),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Use a passkey' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The passkey prompt was closed — try again.',
    );
    expect(verified).not.toHaveBeenCalled();
    // and it can be tried again at once
    expect(screen.getByRole('button', { name: 'Use a passkey' })).toBeEnabled();
  });

  it.each([
    [
      'PASSKEY_COUNTER_REGRESSION',
      'That passkey was refused: its counter went backwards, which can mean it was copied.',
    ],
    ['PASSKEY_CHALLENGE_EXPIRED', 'The passkey prompt expired after 5 minutes — try again.'],
    ['PASSKEY_UNKNOWN_CREDENTIAL', 'That passkey is not one of yours here'],
  ])('says why the server refused the passkey (%s)', async (reason, sentence) => {
    renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      challenge,
      mockOf(VerifySecondFactorDocument, {
        variables: () => true,
        result: {
          errors: [
            {
              message: 'refused',
              extensions: { code: 'INVALID_CODE', reason, attemptsRemaining: 4 },
            },
          ],
        },
      }),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Use a passkey' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(sentence);
    expect(alert).toHaveTextContent('You have 4 tries left before a lockout.');
  });

  it('says a browser without passkeys cannot use them', async () => {
    webauthn.browserSupportsWebAuthn.mockReturnValue(false);
    renderApp('/two-factor/verify', [sessionMock(atSecondFactor), challenge]);
    fireEvent.click(await screen.findByRole('button', { name: 'Use a passkey' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This browser cannot use passkeys: use another browser or method.',
    );
  });
});
