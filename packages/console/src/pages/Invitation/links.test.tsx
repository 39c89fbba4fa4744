import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  AcceptInvitationDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
} from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { makeSession } from '../../../test/sessions';
import { mockOf } from '../../../test/mock';

const deadLink = {
  errors: [
    {
      message: 'This link is invalid or has expired',
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_LINK',
        fields: [{ field: 'token', message: 'This link is invalid or has expired' }],
      },
    },
  ],
};

describe('pages behind emailed links', () => {
  it('accepts an invitation with a password', async () => {
    renderApp('/invitation/tok123', [
      sessionMock(null),
      mockOf(AcceptInvitationDocument, {
        variables: { token: 'tok123', password: 'a good password' },
        result: { data: { acceptInvitation: true } },
      }),
    ]);
    fireEvent.change(await screen.findByLabelText('Password'), {
      target: { value: 'a good password' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('Your profile is ready.')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  it('says so, and what to do, when the invitation link no longer works', async () => {
    renderApp('/invitation/used', [
      sessionMock(null),
      mockOf(AcceptInvitationDocument, {
        variables: { token: 'used', password: 'x'.repeat(9) },
        result: deadLink,
      }),
    ]);
    fireEvent.change(await screen.findByLabelText('Password'), {
      target: { value: 'x'.repeat(9) },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('This link no longer works')).toBeVisible();
    expect(
      screen.getByText(/Ask an administrator of the account to invite you again/),
    ).toBeVisible();
  });

  it('shows a refused password under its field', async () => {
    renderApp('/invitation/tok', [
      sessionMock(null),
      mockOf(AcceptInvitationDocument, {
        variables: { token: 'tok', password: 'short' },
        result: {
          errors: [
            {
              message: 'password: too short',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ field: 'password', message: 'At least 8 characters' }],
              },
            },
          ],
        },
      }),
    ]);
    fireEvent.change(await screen.findByLabelText('Password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('At least 8 characters')).toBeVisible();
  });

  it('resets a password typed twice, and refuses two different ones before asking', async () => {
    renderApp('/reset-password/r1', [
      sessionMock(null),
      mockOf(ResetPasswordDocument, {
        variables: { token: 'r1', password: 'a new password' },
        result: { data: { resetPassword: true } },
      }),
    ]);
    fireEvent.change(await screen.findByLabelText('New password'), {
      target: { value: 'a new password' },
    });
    fireEvent.change(screen.getByLabelText('Password again'), { target: { value: 'another' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The two passwords differ.')).toBeVisible();
    fireEvent.change(screen.getByLabelText('Password again'), {
      target: { value: 'a new password' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your password is changed.')).toBeVisible();
  });

  it('asks for a reset link from the sign-in page and answers the same for any email', async () => {
    const { router } = renderApp('/sign-in', [
      sessionMock(null),
      mockOf(RequestPasswordResetDocument, {
        variables: { email: 'who@example.test' },
        result: { data: { requestPasswordReset: true } },
      }),
    ]);
    fireEvent.click(await screen.findByRole('link', { name: 'Forgot password?' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/forgot-password'));
    await screen.findByRole('heading', { name: 'Forgot your password?' });
    fireEvent.change(await screen.findByLabelText('Email'), {
      target: { value: 'who@example.test' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send link' }));
    expect(await screen.findByText('Check your email')).toBeVisible();
  });

  it('sends a signed-out visitor of an enrollment link to sign in, and back to the link at SECOND_FACTOR', async () => {
    const { router } = renderApp('/enroll/e1', [sessionMock(null)]);
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(router.state.location.state).toEqual({ from: '/enroll/e1' });
    const second = renderApp('/sign-in', [sessionMock(makeSession('SECOND_FACTOR'))]);
    await second.router.navigate('/sign-in', { state: { from: '/enroll/e1' } });
    await waitFor(() => expect(second.router.state.location.pathname).toBe('/enroll/e1'));
    expect(
      await screen.findByRole('heading', { name: 'Link a new authenticator app' }),
    ).toBeVisible();
  });
});
