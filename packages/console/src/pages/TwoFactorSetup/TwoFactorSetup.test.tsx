import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import {
  BeginSmsEnrollmentDocument,
  ConfirmAuthenticatorEnrollmentDocument,
  ConfirmSmsEnrollmentDocument,
  SetPinDocument,
  SmsCountriesDocument,
  type SmsCountriesQuery,
} from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { renderWithProviders } from '../../../test/render';
import { SmsSetup } from './components/SmsSetup';
import { makeSession } from '../../../test/sessions';
import { mockOf } from '../../../test/mock';

const enrolling = makeSession('ENROLLMENT', {
  enrollment: {
    __typename: 'EnrollmentRequirement',
    allowedMethods: ['AUTHENTICATOR_APP', 'SMS', 'PIN'],
    deadline: null,
    deadlineMissed: false,
  },
});
const codes = Array.from({ length: 10 }, (_, i) => `ABCDE-2345${i}`);
/** The app confirmed with 123456: the session turns ACTIVE and the first backup codes come. */
const confirmedWithCodes = mockOf(ConfirmAuthenticatorEnrollmentDocument, {
  variables: { code: '123456' },
  result: {
    data: {
      confirmAuthenticatorEnrollment: {
        __typename: 'EnrollmentResult',
        backupCodes: codes,
        session: makeSession('ACTIVE'),
      },
    },
  },
});

describe('the two-factor setup page', () => {
  it('shows the QR code and the manual key, confirms with a code, then the backup codes once', async () => {
    const { router } = renderApp('/two-factor/setup', [sessionMock(enrolling), confirmedWithCodes]);
    expect(
      await screen.findByRole('img', { name: 'QR code to scan with your authenticator app' }),
    ).toBeVisible();
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP')).toBeVisible();
    expect(screen.getByText('Google Authenticator')).toBeVisible();
    fireEvent.change(screen.getByLabelText(/^Code/), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { name: 'Save your backup codes' })).toBeVisible();
    for (const code of codes) expect(screen.getByText(code)).toBeVisible();
    const proceed = screen.getByRole('button', { name: 'Continue' });
    expect(proceed).toBeDisabled();
    // the session stays at ENROLLMENT until the codes were seen
    expect(router.state.location.pathname).toBe('/two-factor/setup');
    fireEvent.click(screen.getByRole('checkbox', { name: 'I have saved them' }));
    fireEvent.click(proceed);
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('warns before leaving the backup codes, then opens the profile in the full console', async () => {
    const { router } = renderApp('/two-factor/setup', [sessionMock(enrolling), confirmedWithCodes]);
    fireEvent.change(await screen.findByLabelText(/^Code/), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('heading', { name: 'Save your backup codes' })).toBeVisible();

    fireEvent.click(screen.getByRole('button', { name: 'Your profile' }));
    expect(screen.getByRole('alert', { name: /will not be shown again/ })).toBeVisible();
    fireEvent.click(screen.getByRole('button', { name: 'Stay' }));
    expect(screen.queryByText(/will not be shown again/)).toBeNull();
    expect(router.state.location.pathname).toBe('/two-factor/setup');

    fireEvent.click(screen.getByRole('button', { name: 'Your profile' }));
    fireEvent.click(screen.getByRole('button', { name: 'Leave without them' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/profile'));
    // the whole console: its navigation and the way out
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeVisible();
  });

  it('refuses a malformed code before asking the server', async () => {
    renderApp('/two-factor/setup', [sessionMock(enrolling)]);
    fireEvent.change(await screen.findByLabelText(/^Code/), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the 6-digit code');
  });

  it('sends an SMS code to the number and confirms it', async () => {
    const { router } = renderApp('/two-factor/setup', [
      sessionMock(enrolling),
      mockOf(BeginSmsEnrollmentDocument, {
        variables: { countryCode: 'GB', phoneNumber: '07400 123456', code: null },
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
    fireEvent.click(await screen.findByRole('radio', { name: 'Text message (SMS)' }));
    // the account allows GB and IE: a picker of those two
    const country = await screen.findByRole('combobox', { name: 'Country' });
    expect([...(country as HTMLSelectElement).options].map((o) => o.value)).toEqual(['GB', 'IE']);
    fireEvent.change(country, { target: { value: 'GB' } });
    fireEvent.change(screen.getByLabelText(/^Mobile number/), {
      target: { value: '07400 123456' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    fireEvent.change(await screen.findByLabelText(/^Code/), { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    // no new backup codes (the profile still had some): straight on
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('shows a refused number under its field', async () => {
    renderApp('/two-factor/setup', [
      sessionMock(enrolling),
      mockOf(BeginSmsEnrollmentDocument, {
        variables: { countryCode: 'IE', phoneNumber: '0612345678', code: null },
        result: {
          errors: [
            {
              message: 'countryCode: not allowed',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [
                  {
                    field: 'countryCode',
                    message: 'Text messages cannot be sent to this country for your account',
                  },
                ],
              },
            },
          ],
        },
      }),
    ]);
    fireEvent.click(await screen.findByRole('radio', { name: 'Text message (SMS)' }));
    fireEvent.change(await screen.findByRole('combobox', { name: 'Country' }), {
      target: { value: 'IE' },
    });
    fireEvent.change(screen.getByLabelText(/^Mobile number/), { target: { value: '0612345678' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    expect(
      await screen.findByText('Text messages cannot be sent to this country for your account'),
    ).toBeVisible();
  });

  it('labels the PIN as additional verification and shows the server’s refusal per field', async () => {
    renderApp('/two-factor/setup', [
      sessionMock(enrolling),
      mockOf(SetPinDocument, {
        variables: { pin: '1234', pinConfirmation: '1234' },
        result: {
          errors: [
            {
              message: 'pin: Avoid runs',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ field: 'pin', message: 'Avoid runs such as 1234 or 9876' }],
              },
            },
          ],
        },
      }),
    ]);
    fireEvent.click(
      await screen.findByRole('radio', { name: 'PIN code (additional verification)' }),
    );
    const pinInput = { selector: 'input[type="password"]' };
    fireEvent.change(screen.getByLabelText('PIN code (additional verification)', pinInput), {
      target: { value: '1234' },
    });
    fireEvent.change(screen.getByLabelText('PIN code again', pinInput), {
      target: { value: '1234' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save PIN' }));
    expect(await screen.findByText('Avoid runs such as 1234 or 9876')).toBeVisible();
  });

  it.each([
    ['no country: SMS cannot be set up', [], false, null],
    ['every country kept from before: the country is typed', ['GB'], true, 'textbox'],
    ['a list: one of its countries is picked', ['GB', 'IE'], false, 'combobox'],
  ] as const)('offers SMS as the account allows it: %s', async (_name, countries, all, field) => {
    const loaded = jest.fn((): { data: SmsCountriesQuery } => ({
      data: {
        viewer: {
          __typename: 'User',
          id: 'user-1',
          account: {
            __typename: 'Account',
            allowedSmsCountries: [...countries],
            allowAllSmsCountries: all,
          },
        },
      },
    }));
    renderWithProviders(<SmsSetup onEnrolled={jest.fn()} />, [
      mockOf(SmsCountriesDocument, { result: loaded }),
    ]);
    await waitFor(() => expect(loaded).toHaveBeenCalled());
    // the answer rendered (before it, a typed country is shown)
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    if (field === null) {
      expect(await screen.findByText('SMS is not available')).toBeVisible();
      expect(screen.queryByRole('button', { name: 'Send code' })).toBeNull();
    } else {
      await waitFor(() => expect(screen.getByRole(field, { name: 'Country' })).toBeInTheDocument());
      expect(screen.queryByText('SMS is not available')).toBeNull();
    }
  });
});
