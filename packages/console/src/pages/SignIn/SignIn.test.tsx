import { fireEvent, screen, waitFor } from '@testing-library/react';
import { SignInDocument, SignOutDocument } from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { mockOf } from '../../../test/mock';
import { makeSession } from '../../../test/sessions';
import { acknowledgeSessionEnded } from '../../session/ended-session';

const email = 'ada@acme.test';
const password = 'not her password';

const wrongPassword = mockOf(SignInDocument, {
  variables: { email, password },
  result: {
    errors: [{ message: 'Wrong email or password', extensions: { code: 'UNAUTHENTICATED' } }],
  },
  maxUsageCount: 2,
});

async function submitWrongPassword() {
  fireEvent.change(await screen.findByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  beforeEach(acknowledgeSessionEnded);

  it('shows the form and no line about the API', async () => {
    renderApp('/sign-in', [sessionMock(null)]);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in to Twofold' }),
    ).toBeVisible();
    expect(screen.getByRole('form', { name: 'Sign in' })).toBeVisible();
    expect(screen.queryByText(/API/)).not.toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('moves the focus to the error after a wrong password, each time', async () => {
    renderApp('/sign-in', [sessionMock(null), wrongPassword]);

    await submitWrongPassword();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Wrong email or password.');
    await waitFor(() => expect(alert).toHaveFocus());

    // typed again and refused again: the reason takes the focus again
    screen.getByLabelText('Password').focus();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveFocus());
    expect(screen.getByRole('alert')).toHaveTextContent('Wrong email or password.');
  });

  it('says "You are signed out" after signing out, once', async () => {
    const { router, unmount } = renderApp('/two-factor/verify', [
      sessionMock(makeSession('SECOND_FACTOR')),
      mockOf(SignOutDocument, { result: { data: { signOut: true } } }),
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Twofold' })).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('You are signed out');
    expect(screen.queryByText('Your session has ended')).not.toBeInTheDocument();
    // the next person to sign in starts at home, not on the page the last one left
    expect(router.state.location.state).toBeNull();
    unmount();

    // a reload of the sign-in page has no news
    renderApp('/sign-in', [sessionMock(null)]);
    expect(await screen.findByRole('heading', { name: 'Sign in to Twofold' })).toBeVisible();
    expect(screen.queryByText('You are signed out')).not.toBeInTheDocument();
  });
});
