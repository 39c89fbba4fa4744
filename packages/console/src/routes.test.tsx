import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SelectProfileDocument, SignOutDocument } from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../test/app';
import { makeSession } from '../test/sessions';
import { mockOf } from '../test/mock';

describe('routes', () => {
  it.each(['/', '/users', '/select-profile', '/two-factor/setup', '/no/such/page'])(
    'shows the sign-in page when a signed-out visitor opens %s',
    async (path) => {
      const { router } = renderApp(path, [sessionMock(null)]);

      expect(await screen.findByRole('heading', { name: 'Sign in to Twofold' })).toBeVisible();
      expect(screen.getByRole('banner')).toHaveTextContent('Twofold');
      expect(router.state.location.pathname).toBe('/sign-in');
    },
  );

  it.each([
    ['PROFILE_SELECTION', '/select-profile', 'Choose a profile'],
    ['ACTIVE', '/', 'Welcome, Ada Admin'],
    ['ENROLLMENT', '/two-factor/setup', 'Set up two-factor authentication'],
    ['SECOND_FACTOR', '/two-factor/verify', 'Verification is required'],
  ] as const)(
    'sends a signed-in %s session from sign-in and unknown pages to %s',
    async (stage, path, heading) => {
      for (const start of ['/sign-in', '/no/such/page']) {
        const { router, unmount } = renderApp(start, [sessionMock(makeSession(stage))]);

        expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeVisible();
        expect(router.state.location.pathname).toBe(path);
        unmount();
      }
    },
  );

  it('shows who is signed in on the home page', async () => {
    renderApp('/', [sessionMock(makeSession('ACTIVE'))]);

    expect(await screen.findByText('Signed in as Ada Admin (ada@acme.test) — Acme')).toBeVisible();
    expect(screen.getByText('Administrator')).toBeVisible();
  });

  it('names the identity provider in the header when the session came through one', async () => {
    renderApp('/', [sessionMock(makeSession('ACTIVE', { identityProviderName: 'Acme ID' }))]);

    const banner = within(await screen.findByRole('banner'));
    expect(await banner.findByText('Signed in with Acme ID')).toBeVisible();
  });

  it('names no identity provider after a password sign-in', async () => {
    renderApp('/', [sessionMock(makeSession('ACTIVE'))]);

    const banner = within(await screen.findByRole('banner'));
    expect(await banner.findByText('Ada Admin')).toBeVisible();
    expect(banner.queryByText(/^Signed in with/)).toBeNull();
  });

  it('offers each allowed method and the deadline when two-factor setup is required', async () => {
    renderApp('/two-factor/setup', [sessionMock(makeSession('ENROLLMENT'))]);

    expect(await screen.findByRole('radio', { name: 'Authenticator app' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Text message (SMS)' })).toBeInTheDocument();
    expect(screen.getByText(/The deadline was .*2026/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  it('never shows a past deadline at a first sign-in', async () => {
    const first = makeSession('ENROLLMENT', {
      enrollment: {
        __typename: 'EnrollmentRequirement',
        allowedMethods: ['AUTHENTICATOR_APP'],
        deadline: '2026-03-01T09:00:00.000Z',
        deadlineMissed: false,
      },
    });
    renderApp('/two-factor/setup', [sessionMock(first)]);
    expect(
      await screen.findByText(/requires a second factor before you can use the console/),
    ).toBeVisible();
    expect(screen.queryByText(/deadline/i)).toBeNull();
  });

  it('shows the grace period on every page, with the way to set 2FA up now', async () => {
    const grace = makeSession('ACTIVE', {
      enrollment: {
        __typename: 'EnrollmentRequirement',
        allowedMethods: ['AUTHENTICATOR_APP'],
        deadline: '2030-01-01T09:00:00.000Z',
        deadlineMissed: false,
      },
    });
    const { router } = renderApp('/', [sessionMock(grace)]);
    expect(await screen.findByText('Two-factor authentication is required')).toBeVisible();
    expect(screen.getByText(/Set it up before .*2030/)).toBeVisible();
    fireEvent.click(screen.getByRole('link', { name: 'Set it up now' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/two-factor/setup'));
    expect(await screen.findByText(/Protect your sign-in with a second factor/)).toBeVisible();
    expect(screen.queryByText('Two-factor authentication is required')).toBeNull();
  });

  it('calls selectProfile with the chosen profile and then shows the home page', async () => {
    const selected = jest.fn(() => ({
      data: {
        selectProfile: makeSession('ACTIVE', {
          user: {
            __typename: 'User',
            id: 'user-2',
            displayName: 'Ada Reviewer',
            userType: 'APP_REVIEWER',
            account: { __typename: 'Account', name: 'Globex' },
          },
        }),
      },
    }));
    const { router } = renderApp('/select-profile', [
      sessionMock(makeSession('PROFILE_SELECTION')),
      mockOf(SelectProfileDocument, { variables: { userId: 'user-2' }, result: selected }),
    ]);

    expect(
      await screen.findByRole('button', { name: /Acme\s*Ada Admin\s*Administrator/ }),
    ).toBeVisible();
    fireEvent.click(screen.getByRole('button', { name: /Globex\s*Ada Reviewer\s*App reviewer/ }));

    expect(
      await screen.findByText('Signed in as Ada Reviewer (ada@acme.test) — Globex'),
    ).toBeVisible();
    expect(selected).toHaveBeenCalledTimes(1);
    expect(router.state.location.pathname).toBe('/');
  });

  it('says so when the chosen profile is gone', async () => {
    renderApp('/select-profile', [
      sessionMock(makeSession('PROFILE_SELECTION')),
      mockOf(SelectProfileDocument, {
        variables: { userId: 'user-1' },
        result: { errors: [{ message: 'Profile not found', extensions: { code: 'NOT_FOUND' } }] },
      }),
    ]);

    fireEvent.click(await screen.findByRole('button', { name: /Acme/ }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This profile is no longer available. Choose another one.',
    );
  });

  it('signs out and lands on the sign-in page', async () => {
    const { router } = renderApp('/', [
      sessionMock(makeSession('ACTIVE')),
      mockOf(SignOutDocument, { result: { data: { signOut: true } } }),
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Twofold' })).toBeVisible();
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
  });
});
