import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  SendSmsCodeDocument,
  VerifySecondFactorDocument,
  type SecondFactorKind,
  type VerifySecondFactorMutation,
  type VerifySecondFactorMutationVariables,
} from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { makeSession } from '../../../test/sessions';
import { type MockOf, mockOf } from '../../../test/mock';

const atSecondFactor = makeSession('SECOND_FACTOR', {
  availableSecondFactors: ['AUTHENTICATOR_APP', 'SMS', 'PIN', 'BACKUP_CODE'],
});

function verifyMock(
  kind: SecondFactorKind,
  code: string,
  result: MockOf<VerifySecondFactorMutation, VerifySecondFactorMutationVariables>['result'],
  rememberBrowser = false,
) {
  return mockOf(VerifySecondFactorDocument, {
    variables: { kind, code, rememberBrowser },
    result,
  });
}

describe('the second-factor page', () => {
  it('offers one tab per available method and a backup code', async () => {
    renderApp('/two-factor/verify', [sessionMock(atSecondFactor)]);
    for (const name of ['Authenticator app', 'Text message', 'PIN code', 'Use a backup code']) {
      expect(await screen.findByRole('tab', { name })).toBeVisible();
    }
    expect(screen.getByLabelText(/^Code/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Verify' })).toBeVisible();
  });

  it('signs in with a right code', async () => {
    const { router } = renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      verifyMock('AUTHENTICATOR_APP', '123456', {
        data: { verifySecondFactor: makeSession('ACTIVE') },
      }),
    ]);
    fireEvent.change(await screen.findByLabelText(/^Code/), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('says a wrong code is wrong', async () => {
    renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      verifyMock('AUTHENTICATOR_APP', '000000', {
        errors: [{ message: 'The code is not valid', extensions: { code: 'INVALID_CODE' } }],
      }),
    ]);
    fireEvent.change(await screen.findByLabelText(/^Code/), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That code is not right.');
  });

  it('says how many tries are left after a wrong code', async () => {
    renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      verifyMock('AUTHENTICATOR_APP', '000000', {
        errors: [
          {
            message: 'The code is not valid',
            extensions: { code: 'INVALID_CODE', attemptsRemaining: 3 },
          },
        ],
      }),
    ]);
    fireEvent.change(await screen.findByLabelText(/^Code/), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That code is not right. Check it and try again. You have 3 tries left before a lockout.',
    );
    expect(screen.getByRole('button', { name: 'Verify' })).toBeEnabled();
  });

  it('shows the lockout as one countdown and blocks Verify meanwhile, on every tab', async () => {
    renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      verifyMock('AUTHENTICATOR_APP', '000000', {
        errors: [
          {
            message: 'Too many attempts',
            extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 900 },
          },
        ],
      }),
    ]);
    fireEvent.change(await screen.findByLabelText(/^Code/), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      /^Not verifiedToo many wrong codes\. You can try again in 1[45]:\d\d\.$/,
    );
    // one wait: the countdown, not also "15 minutes"
    expect(alert.textContent?.match(/\d+/g)).toHaveLength(2);
    expect(screen.getByRole('timer')).toHaveTextContent(/^1[45]:\d\d$/);
    expect(screen.getByRole('button', { name: 'Verify' })).toBeDisabled();
    // the lock holds for the profile, whichever method it tries next
    fireEvent.click(screen.getByRole('tab', { name: 'Use a backup code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/try again in 1[45]:\d\d/);
    expect(screen.getByRole('button', { name: 'Verify' })).toBeDisabled();
  });

  it('locks at once when the wrong code was the last try', async () => {
    renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      verifyMock('AUTHENTICATOR_APP', '000000', {
        errors: [
          {
            message: 'The code is not valid',
            extensions: { code: 'INVALID_CODE', attemptsRemaining: 0, retryAfterSeconds: 900 },
          },
        ],
      }),
    ]);
    fireEvent.change(await screen.findByLabelText(/^Code/), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      /That code is not right, and it was the last try before a lockout\. You can try again in 1[45]:\d\d\.$/,
    );
    expect(alert).not.toHaveTextContent(/minutes/);
    expect(screen.getByRole('button', { name: 'Verify' })).toBeDisabled();
  });

  it('says who can help once the factor is disabled', async () => {
    renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      verifyMock('AUTHENTICATOR_APP', '000000', {
        errors: [
          {
            message: 'disabled',
            extensions: {
              code: 'TOO_MANY_ATTEMPTS',
              reason: 'FACTOR_DISABLED',
              retryAfterSeconds: null,
            },
          },
        ],
      }),
    ]);
    fireEvent.change(await screen.findByLabelText(/^Code/), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'until an administrator of your account resets it',
    );
  });

  it('offers to remember the browser for the days the type allows, and asks it with the code', async () => {
    const verified = jest.fn(() => ({ data: { verifySecondFactor: makeSession('ACTIVE') } }));
    const { router } = renderApp('/two-factor/verify', [
      sessionMock({ ...atSecondFactor, rememberBrowserDays: 30 }),
      verifyMock('BACKUP_CODE', 'abcd-efgh-jk', verified, true),
    ]);
    const remember = await screen.findByRole('checkbox', {
      name: /^Remember this browser for 30 days/,
    });
    expect(remember).not.toBeChecked();
    fireEvent.click(remember);
    // the choice holds whichever method confirms the sign-in
    fireEvent.click(screen.getByRole('tab', { name: 'Use a backup code' }));
    fireEvent.change(await screen.findByLabelText(/^Backup code/), {
      target: { value: 'abcd-efgh-jk' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(verified).toHaveBeenCalledTimes(1);
  });

  it('does not offer to remember the browser where the type does not', async () => {
    renderApp('/two-factor/verify', [sessionMock(atSecondFactor)]);
    await screen.findByRole('tab', { name: 'Authenticator app' });
    expect(screen.queryByRole('checkbox', { name: /Remember this browser/ })).toBeNull();
  });

  it('sends an SMS code, then counts down before the next one', async () => {
    renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      mockOf(SendSmsCodeDocument, { result: { data: { sendSmsCode: true } } }),
    ]);
    fireEvent.click(await screen.findByRole('tab', { name: 'Text message' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Send code' }));
    expect(await screen.findByText(/We sent a code to your phone/)).toBeVisible();
    // The countdown starts at 0:30; a loaded machine may render it a tick or two later.
    const resend = await screen.findByRole('button', { name: /Send a new code in 0:[0-3]\d/ });
    expect(resend).toBeDisabled();
  });

  it('explains when the SMS provider is down', async () => {
    renderApp('/two-factor/verify', [
      sessionMock(atSecondFactor),
      mockOf(SendSmsCodeDocument, {
        result: { errors: [{ message: 'down', extensions: { code: 'SMS_UNAVAILABLE' } }] },
      }),
    ]);
    fireEvent.click(await screen.findByRole('tab', { name: 'Text message' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Send code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Text messages cannot be sent right now.',
    );
  });
});
