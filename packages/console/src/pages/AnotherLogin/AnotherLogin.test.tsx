import { fireEvent, screen } from '@testing-library/react';
import { SignOutDocument } from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { makeSession } from '../../../test/sessions';
import { mockOf } from '../../../test/mock';

describe('an identity provider answered for another login', () => {
  it('says who is still signed in and offers to stay or sign out first', async () => {
    const { router } = renderApp('/sign-in/another-login', [
      sessionMock(makeSession('ACTIVE')),
      mockOf(SignOutDocument, { result: { data: { signOut: true } } }),
      sessionMock(null),
    ]);
    expect(await screen.findByRole('heading', { name: 'You are still signed in' })).toBeVisible();
    expect(screen.getByText('Ada Admin (Acme)')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Stay signed in as Ada Admin' })).toHaveAttribute(
      'href',
      '/',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Twofold' });
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('offers to sign in again when the session has ended', async () => {
    renderApp('/sign-in/another-login', [sessionMock(null)]);
    expect(await screen.findByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      '/sign-in',
    );
  });
});
