import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen } from '@testing-library/react';
import { SignInDocument, type SessionFieldsFragment } from '@twofold/shared/graphql';
import { renderApp, sessionMock } from '../../../test/app';
import { makeSession } from '../../../test/sessions';
import { mockOf } from '../../../test/mock';

const email = 'ada@acme.test';
const password = 'correct horse battery staple';

function signInMock(
  answer: { session: SessionFieldsFragment } | { errors: MockLink.MockedResponse['result'] },
  variables = { email, password },
): MockLink.MockedResponse {
  return mockOf(SignInDocument, {
    variables: variables,
    result:
      'session' in answer
        ? { data: { signIn: { __typename: 'SignInPayload', session: answer.session } } }
        : answer.errors,
  });
}

function graphQLError(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

async function submit(values: { email: string; password: string }) {
  fireEvent.change(await screen.findByLabelText('Email'), { target: { value: values.email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: values.password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in', () => {
  it.each([
    ['PROFILE_SELECTION', '/select-profile', 'Choose a profile'],
    ['ACTIVE', '/', 'Welcome, Ada Admin'],
    ['ENROLLMENT', '/two-factor/setup', 'Set up two-factor authentication'],
    ['SECOND_FACTOR', '/two-factor/verify', 'Verification is required'],
  ] as const)('goes to the page of a %s session after signing in', async (stage, path, heading) => {
    const { router } = renderApp('/sign-in', [
      sessionMock(null),
      signInMock({ session: makeSession(stage) }),
    ]);

    await submit({ email: ' Ada@Acme.test ', password });

    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeVisible();
    expect(router.state.location.pathname).toBe(path);
  });

  it('returns to the page the visitor first opened', async () => {
    const { router } = renderApp('/two-factor/setup', [
      sessionMock(null),
      signInMock({ session: makeSession('ENROLLMENT') }),
    ]);

    await submit({ email, password });

    expect(
      await screen.findByRole('heading', { name: 'Set up two-factor authentication' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/two-factor/setup');
  });

  it('shows "Wrong email or password." when the credentials are wrong', async () => {
    const { router } = renderApp('/sign-in', [
      sessionMock(null),
      signInMock({ errors: graphQLError('UNAUTHENTICATED', 'Wrong email or password') }),
    ]);

    await submit({ email, password });

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('shows the server’s message under the field it rejected', async () => {
    renderApp('/sign-in', [
      sessionMock(null),
      signInMock({
        errors: graphQLError('BAD_USER_INPUT', 'email: Not accepted here', {
          fields: [{ field: 'email', message: 'Not accepted here' }],
        }),
      }),
    ]);

    await submit({ email, password });

    expect(await screen.findByText('Not accepted here')).toBeVisible();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Not accepted here');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('checks the fields before asking the server', async () => {
    renderApp('/sign-in', [sessionMock(null)]);

    await submit({ email: 'not-an-email', password: '' });

    expect(await screen.findByText('Enter a valid email address')).toBeVisible();
    expect(screen.getByText('Required')).toBeVisible();
  });

  it('says how long to wait after too many attempts', async () => {
    renderApp('/sign-in', [
      sessionMock(null),
      signInMock({
        errors: graphQLError('TOO_MANY_ATTEMPTS', 'Too many attempts. Try again later.', {
          retryAfterSeconds: 541,
        }),
      }),
    ]);

    await submit({ email, password });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Try again in 10 minutes.',
    );
  });

  it('explains when the server cannot be reached', async () => {
    renderApp('/sign-in', [
      sessionMock(null),
      mockOf(SignInDocument, {
        variables: { email, password },
        error: new TypeError('Failed to fetch'),
      }),
    ]);

    await submit({ email, password });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The server could not be reached (Failed to fetch).',
    );
  });
});
