import type { MockLink } from '@apollo/client/testing';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { SignInOptionsDocument } from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { mockOf } from '../../../test/mock';

const acmeId = {
  __typename: 'SignInOption',
  id: 'idp-1',
  displayName: 'Acme ID',
  accountName: 'Acme',
  startPath: '/oidc/start?provider=idp-1',
} as const;

const globexId = {
  __typename: 'SignInOption',
  id: 'idp-2',
  displayName: 'Globex SSO',
  accountName: 'Globex',
  startPath: '/oidc/start?provider=idp-2',
} as const;

function optionsMock(
  variables: Record<string, string>,
  options: readonly (typeof acmeId | typeof globexId)[],
): MockLink.MockedResponse {
  return mockOf(SignInOptionsDocument, {
    variables,
    result: { data: { signInOptions: [...options] } },
  });
}

/** The button submits a POST form to the server's start route, naming the provider. */
function expectStartForm(button: HTMLElement, providerId: string) {
  const form = button.closest('form');
  expect(form).toHaveAttribute('method', 'post');
  expect(form).toHaveAttribute('action', `/oidc/start?provider=${providerId}`);
  expect(form).toHaveFormValues({ provider: providerId });
  expect(button).toHaveAttribute('type', 'submit');
}

describe('signing in with an identity provider', () => {
  it("offers an account's providers at once on its /a/<slug> page", async () => {
    renderApp('/a/acme', [sessionMock(null), optionsMock({ accountSlug: 'acme' }, [acmeId])]);

    const link = await screen.findByRole('button', { name: 'Sign in with Acme ID' });
    expectStartForm(link, 'idp-1');
    // one account: its name would say nothing
    expect(link).not.toHaveAccessibleDescription();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in to Twofold' })).toBeVisible();
    // the page says whose sign-in it is
    expect(
      screen.getByText('Sign in to Acme with your password or its identity provider.'),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  it('asks for the providers of a typed email only once it is a valid address', async () => {
    const asked: unknown[] = [];
    renderApp('/sign-in', [
      sessionMock(null),
      mockOf(SignInOptionsDocument, {
        variables: (variables) => {
          asked.push(variables);
          return true;
        },
        result: { data: { signInOptions: [acmeId] } },
      }),
    ]);
    const email = await screen.findByLabelText('Email');
    jest.useFakeTimers();
    try {
      fireEvent.change(email, { target: { value: 'ada@' } });
      act(() => jest.advanceTimersByTime(1_000));
      expect(asked).toEqual([]);

      fireEvent.change(email, { target: { value: 'Ada@Acme.test' } });
      // typing has not paused yet
      act(() => jest.advanceTimersByTime(100));
      expect(asked).toEqual([]);

      // Testing Library advances the fake clock while it waits
      const link = await screen.findByRole('button', { name: 'Sign in with Acme ID' });
      expectStartForm(link, 'idp-1');
      expect(asked).toEqual([{ email: 'ada@acme.test' }]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('names the account under each provider when several accounts match', async () => {
    renderApp('/sign-in', [
      sessionMock(null),
      optionsMock({ email: 'ada@acme.test' }, [acmeId, globexId]),
    ]);
    fireEvent.change(await screen.findByLabelText('Email'), {
      target: { value: 'ada@acme.test' },
    });

    expect(
      await screen.findByRole('button', { name: 'Sign in with Globex SSO' }),
    ).toHaveAccessibleDescription('Globex');
    expect(
      screen.getByRole('button', { name: 'Sign in with Acme ID' }),
    ).toHaveAccessibleDescription('Acme');
  });

  it('says why the sign-in with the provider failed', async () => {
    renderApp('/sign-in?openIdError=UNKNOWN_USER', [sessionMock(null)]);

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('Sign-in with your identity provider failed'),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      'No active Twofold user matches the account you signed in with. Ask an administrator to invite you.',
    );
    expect(screen.getByLabelText('Email')).toBeVisible();
  });
});
